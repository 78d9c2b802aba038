"""What drafting reads: the figures, the clerk's texts, the edition's template, and the
placeholders a section leaves open."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.naming import Naming
from desktop.forms.template import NarrativeTemplate
from desktop.models.snapshot import Snapshot
from desktop.narrative.phrases import ZERO

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


@functools.cache
def _parsed(text: str) -> expr.Node:
    return expr.parse(text)


@dataclass(frozen=True)
class DraftContext:
    snapshot: Snapshot
    decimals: int = 2
    threshold: Decimal = Decimal("0.10")

    @property
    def template(self) -> NarrativeTemplate:
        return self.snapshot.edition.template

    @property
    def names(self) -> Naming:
        return self.snapshot.names

    @property
    def year(self) -> int:
        return self.snapshot.department.year

    @property
    def last_year(self) -> int:
        return self.year - 1

    @property
    def department(self) -> str:
        return self.snapshot.department.name or "本部门"

    def evaluate(
        self, text: str, refs: Mapping[str, Decimal], *, prior: bool = False
    ) -> Decimal | bool | None:
        """An expression of the template: this year's figures (a blank reads as 0), or last
        year's (None when the dataset has none); `refs` supply names such as `project.budget`."""

        def lookup(path: str, at_prior: bool) -> Decimal | None:
            if path in refs:
                return refs[path]
            if prior or at_prior:
                return self.snapshot.prior_value(path)
            found = self.snapshot.value(path)
            return found if found is not None else ZERO

        return expr.evaluate(_parsed(text), lookup)


@dataclass
class Collector:
    """The placeholders one section leaves open, in the order its text shows them."""

    ctx: DraftContext
    placeholders: list[Placeholder] = field(default_factory=list)

    def clerk_text(self, key: str, label: str, *, required: bool) -> str:
        """The clerk's text under `key` without its closing punctuation; a visible placeholder when a
        required text is empty; "" when an optional one is."""
        text = self.ctx.snapshot.text(key).strip().rstrip(_END_PUNCTUATION)
        if text or not required:
            return text
        placeholder = Placeholder(key, label)
        self.placeholders.append(placeholder)
        return placeholder.marker
