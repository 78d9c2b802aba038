"""第二部分 情况说明 drafted from the figures, with the clerk's reason texts put in place.

A required reason that is still empty (a change beyond ±threshold, a G05 项 or a “三公” part whose
决算 differs from its 预算) becomes a visible 【请填写：…】 marker and a `Placeholder`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from desktop.models.snapshot import Snapshot
from desktop.narrative import sections_details, sections_other, sections_totals
from desktop.narrative.context import DraftContext, Placeholder, Section

__all__ = ["Narrative", "Placeholder", "Section", "draft"]

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
SECTION_BUILDERS: tuple[Callable[[DraftContext], Section], ...] = (
    sections_totals.overview,
    sections_totals.income,
    sections_totals.expense,
    sections_totals.fiscal,
    sections_totals.gpb,
    sections_details.gpb_basic,
    sections_details.three_public,
    sections_details.gf,
    sections_details.soc,
    sections_other.other,
)


@dataclass(frozen=True)
class Narrative:
    sections: tuple[Section, ...]
    year: int = 0

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        return tuple(p for s in self.sections for p in s.placeholders)

    def text(self) -> str:
        """The whole 第二部分 as plain text, sections titled 一、… 十、."""
        head = f"第二部分 {self.year}年度部门决算情况说明" if self.year else "第二部分 部门决算情况说明"
        body = (f"{NUMERALS[i]}、{s.title}\n{s.text}" for i, s in enumerate(self.sections))
        return "\n".join((head, *body)) + "\n"


def draft(snapshot: Snapshot, *, decimals: int = 2, threshold: Decimal = Decimal("0.10")) -> Narrative:
    ctx = DraftContext(snapshot, decimals, threshold)
    return Narrative(tuple(build(ctx) for build in SECTION_BUILDERS), snapshot.department.year)
