"""How an output leaves the app: for publication (the PDF, the bundle) or as a draft.

For publication, everything unfinished — the publishing gates (desktop.narrative.gates) and the
error findings — is listed, and the export is refused unless the clerk confirms it (`--force`,
the window's confirmation); what was confirmed is recorded in the bundle's manifest and the
PDF's metadata. A draft is always possible: its PDF says 草稿 on every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models.dataset import Dataset
from desktop.narrative.gates import publishing_gate
from desktop.rules.finding import Finding, sort_findings

SHOWN = 10  # items a refusal lists before "…and N more"


class NotReady(Exception):
    """Publication refused: the data still has unfinished items and nobody confirmed them."""

    def __init__(self, items: tuple[Finding, ...]) -> None:
        self.items = items
        listed = [f"  - {f.message}" for f in items[:SHOWN]]
        more = [f"  …另有 {len(items) - SHOWN} 项"] if len(items) > SHOWN else []
        super().__init__(
            "\n".join(
                [
                    f"还有 {len(items)} 项未完成或有错误，未导出公开材料：",
                    *listed,
                    *more,
                    "请先修正；如确需照此公开，请确认后使用 --force 重新导出"
                    "（将记录在报送包清单和 PDF 属性中）；只想看看效果，请用 --draft 导出草稿。",
                ]
            )
        )


@dataclass(frozen=True)
class Release:
    draft: bool = False
    confirmed: tuple[Finding, ...] = ()  # unfinished items the clerk confirmed publishing

    @property
    def forced(self) -> bool:
        return bool(self.confirmed)

    def subject(self) -> str:
        """The PDF's subject: what kind of release this is."""
        if self.draft:
            return "草稿：未定稿，不得公开"
        if self.confirmed:
            return f"强制导出：含 {len(self.confirmed)} 项未完成内容或错误（已由编制人确认）"
        return "公开文本"

    def keywords(self) -> str:
        """The PDF's keywords: each confirmed item's rule and message."""
        return "；".join(f"{f.rule}：{f.message}" for f in self.confirmed)

    def as_json(self) -> dict[str, Any]:
        """What the bundle's manifest records."""
        confirmed = [f.as_json() for f in self.confirmed]
        return {"draft": self.draft, "forced": self.forced, "confirmed": confirmed}


DRAFT = Release(draft=True)


def unfinished(dataset: Dataset) -> tuple[Finding, ...]:
    """The publishing gates, then the error findings of the rules: the department's, then each
    unit's own (for a department entered unit by unit)."""
    errors = [f for f in dataset.findings() if f.severity == "error"]
    units = [f for u in dataset.units for f in dataset.unit_findings(u.id) if f.severity == "error"]
    return (*publishing_gate(dataset).findings, *sort_findings(errors), *units)


def release_for(dataset: Dataset, *, force: bool, draft: bool = False) -> Release:
    """A draft as asked; for publication, refused (NotReady) with unfinished items unless forced."""
    if draft:
        return DRAFT
    items = unfinished(dataset)
    if items and not force:
        raise NotReady(items)
    return Release(confirmed=items)
