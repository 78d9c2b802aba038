"""A project table's goals and indicators against the project's own: the figures of a cell bound to
(project, indicator, column) must be the figures the dataset holds there, in the same order.

An indicator row is matched by its 三级指标 name (and 二级指标 where names repeat), else by its position
among the project's indicators.
"""

from __future__ import annotations

from desktop.models.snapshot import Indicator, Project
from desktop.narrative.reader.claims import Claim
from desktop.narrative.reader.document import Document
from desktop.narrative.reader.figures import StatedFigure, figures
from desktop.narrative.reader.resolve import Resolver
from desktop.narrative.reader.tables import Role, squeeze
from desktop.narrative.reader.verdicts import Outcome, TextFinding

COLUMN_NAMES = {
    "expected": "年度指标值",
    "actual_value": "实际完成值",
    "name": "指标名称",
    "goal_expected": "年度目标",
    "goal_actual": "实际完成情况",
}


class IndicatorJudge:
    def __init__(self, document: Document, resolver: Resolver) -> None:
        self.document, self.resolver = document, resolver

    def judge(self, claim: Claim) -> Outcome:
        role, figure = claim.role, claim.figure
        assert role is not None and figure is not None
        project, reason = self.resolver.project_named(role.project, role.unit)
        if project is None:
            return Outcome(claim, "unchecked", reason)
        stored = self._stored(project, role)
        if stored is None:
            return Outcome(claim, "unchecked", "not_in_data")
        held = [f for f in figures(stored) if f.kind != "year"]
        position = self._position(claim)
        if (
            position < len(held)
            and held[position].unit == figure.unit
            and held[position].value == figure.value
        ):
            return Outcome(claim, "agree")
        return self._finding(claim, project, role, stored)

    def _stored(self, project: Project, role: Role) -> str | None:
        if role.field in ("goal_expected", "goal_actual"):
            text: str = getattr(project, role.field)
            return text
        indicator = self._indicator(project, role)
        if indicator is None or role.column not in Indicator.__dataclass_fields__:
            return None
        value = getattr(indicator, role.column)
        return "" if value is None else str(value)

    @staticmethod
    def _indicator(project: Project, role: Role) -> Indicator | None:
        named = [i for i in project.indicators if squeeze(i.name) == role.name and role.name]
        if len(named) > 1:
            named = [i for i in named if squeeze(i.level2) == role.level2] or named
        if len(named) == 1:
            return named[0]
        if 0 <= role.indicator < len(project.indicators):
            return project.indicators[role.indicator]
        return None

    def _position(self, claim: Claim) -> int:
        """The figure's place among the figures of its cell (years aside)."""
        sentence = claim.sentence
        table = self.document.tables[sentence.table]
        cell = table.rows[sentence.cell[0]][sentence.cell[1]]
        in_cell: list[StatedFigure] = [
            f for f in figures(self.document.text, cell.start, cell.end) if f.kind != "year"
        ]
        return next((i for i, f in enumerate(in_cell) if f.start == claim.start), len(in_cell))

    def _finding(self, claim: Claim, project: Project, role: Role, stored: str) -> Outcome:
        figure = claim.figure
        assert figure is not None
        text = self.document.text
        column = COLUMN_NAMES.get(role.column or role.field, role.column or role.field)
        where = f"“{role.name}”" if role.name else ""
        message = f"{project.name}{where}{column}：文中为{figure.printed}，数据中为“{stored or '（空）'}”"
        found = TextFinding(
            "narrative.indicator",
            text[claim.sentence.start : claim.sentence.end].strip(),
            figure.text,
            stored,
            (f"P01.{project.id}",),
            message,
            figure.start,
            figure.end,
        )
        return Outcome(claim, "finding", finding=found)
