"""What every drafted section reads: the figures, the clerk's texts, and the placeholders left open."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.models.snapshot import Snapshot
from desktop.narrative.phrases import ZERO, Change

_END_PUNCTUATION = "。；;，,.\n "


@dataclass(frozen=True)
class Placeholder:
    """A required reason text that is missing, e.g. key `reason.total_change`."""

    key: str
    label: str

    @property
    def marker(self) -> str:
        return f"【请填写：{self.label}】"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: str
    placeholders: tuple[Placeholder, ...]


@dataclass
class SectionBuilder:
    """Collects the paragraphs of one section and the placeholders they leave open."""

    ctx: DraftContext
    paragraphs: list[str] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)

    def add(self, *paragraphs: str) -> None:
        self.paragraphs.extend(p for p in paragraphs if p)

    def clerk_text(self, key: str, label: str, *, required: bool) -> str:
        """The clerk's text under `key` without its closing punctuation; a visible placeholder when a
        required text is empty; "" when an optional one is."""
        text = self.ctx.snapshot.text(key).strip().rstrip(_END_PUNCTUATION)
        if text or not required:
            return text
        placeholder = Placeholder(key, label)
        self.placeholders.append(placeholder)
        return placeholder.marker

    def reason(self, key: str, label: str, *, required: bool, lead: str = "主要原因是") -> str:
        """ "主要原因是……。" with the clerk's text, a placeholder, or nothing."""
        text = self.clerk_text(key, label, required=required)
        return f"{lead}{text}。" if text else ""

    def build(self, section_id: str, title: str) -> Section:
        return Section(section_id, title, "\n".join(self.paragraphs), tuple(self.placeholders))


@dataclass(frozen=True)
class DraftContext:
    snapshot: Snapshot
    decimals: int = 2
    threshold: Decimal = Decimal("0.10")

    @property
    def year(self) -> int:
        return self.snapshot.department.year

    @property
    def last_year(self) -> int:
        return self.year - 1

    @property
    def department(self) -> str:
        return self.snapshot.department.name or "本部门"

    def value(self, cell: str) -> Decimal:
        found = self.snapshot.value(cell)
        return found if found is not None else ZERO

    def prior(self, cell: str) -> Decimal:
        found = self.snapshot.prior_value(cell)
        return found if found is not None else ZERO

    def change(self, cell: str) -> Change | None:
        """This year against last year; None when last year's figure is not in the dataset."""
        last = self.snapshot.prior_value(cell)
        return None if last is None else Change(self.value(cell), last)

    def builder(self) -> SectionBuilder:
        return SectionBuilder(self)
