"""The 情况说明 drafted from the figures in the structure and wording of the dataset's edition
(its narrative template), with the clerk's reason texts put in place.

A required reason that is still empty (a change beyond ±threshold, a 项 or a “三公” part whose
决算 differs from its 预算) becomes a visible 【请填写：…】 marker and a `Placeholder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.forms.numerals import chinese_numeral
from desktop.forms.template import Paragraph, SectionTemplate
from desktop.models.snapshot import Snapshot
from desktop.narrative.context import Collector, DraftContext, Placeholder, Section
from desktop.narrative.lists import project_paragraph, row_paragraph, rows
from desktop.narrative.memo import last_call
from desktop.narrative.render import RenderScope, SlotKind
from desktop.narrative.slots import SLOT_KINDS

__all__ = ["Narrative", "Placeholder", "Section", "draft", "scope_of"]

KINDS: dict[str, SlotKind] = {**SLOT_KINDS, "rows": rows}


@dataclass(frozen=True)
class Narrative:
    sections: tuple[Section, ...]
    year: int = 0
    title: str = ""  # the part's heading, e.g. 第二部分 2020年度部门决算情况说明
    numbering: str = "{numeral}、{title}"

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        return tuple(p for s in self.sections for p in s.placeholders)

    def heading(self, index: int) -> str:
        """The numbered heading of the section at `index` (一、… 十一、)."""
        section = self.sections[index]
        return self.numbering.format(numeral=chinese_numeral(index + 1), n=index + 1, title=section.title)

    def text(self) -> str:
        """The whole part as plain text: its title, then each section under its numbered heading."""
        body = (f"{self.heading(i)}\n{s.text}" for i, s in enumerate(self.sections))
        return "\n".join((self.title, *body)) + "\n"


def _skipped(paragraph: Paragraph, scope: RenderScope) -> bool:
    if paragraph.when and not scope.holds(paragraph.when):
        return True
    key, words = paragraph.skip_when_text
    return bool(key) and words in scope.ctx.snapshot.text(key)


def _lines(paragraph: Paragraph, scope: RenderScope) -> list[str]:
    local = scope.child(slots=paragraph.slots)
    if _skipped(paragraph, local):
        return []
    if paragraph.kind == "rows":
        return row_paragraph(paragraph.spec, local)
    if paragraph.kind == "projects":
        return project_paragraph(paragraph.spec, local)
    return [local.render(paragraph.text)]


def scope_of(ctx: DraftContext) -> RenderScope:
    """A fresh scope (its own placeholders) for texts of the template outside a section."""
    return RenderScope(Collector(ctx), KINDS)


def draft_section(ctx: DraftContext, template: SectionTemplate) -> Section:
    out = Collector(ctx)
    scope = RenderScope(out, KINDS, slots=(template.slots,))
    lines = [line for p in template.paragraphs for line in _lines(p, scope) if line]
    text = "\n".join(lines)
    return Section(template.id, template.title, text, tuple(out.placeholders), tuple(out.blank_budgets))


@last_call
def draft(snapshot: Snapshot, *, decimals: int = 2, threshold: Decimal = Decimal("0.10")) -> Narrative:
    ctx = DraftContext(snapshot, decimals, threshold)
    template = ctx.template
    title = scope_of(ctx).render(template.title)
    sections = tuple(draft_section(ctx, s) for s in template.sections)
    return Narrative(sections, snapshot.department.year, title, template.numbering)
