"""绩效 kinds over the P01 projects: indicator weights + 10 = 100 (`project_weights`), the
stated grade against the total score (`project_grade`), and a numeric target missed but scored
full (`indicator_target`, reading the indicator's texts through desktop.rules.targets)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop.money import ZERO, format_exact
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import Instance, Param, RuleScope, fields, per_row, says
from desktop.rules.kinds.expressions import IndicatorIndex
from desktop.rules.targets import plain, unearned_full_marks

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (ZERO, "差"))
GRADE_ALIASES = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "及格": "中", "较差": "差"}
_PROJECTS = Param("for_each", choices=("projects",))  # what these kinds repeat over anyway


def grade_of(total: Decimal) -> str:
    return next(name for floor, name in GRADES if total >= floor)


class ProjectWeights(Instance):
    __slots__ = ("project", "weights")

    kind = "project_weights"
    params = (_PROJECTS,)
    messages = says({"wrong_total": fields("project", "weights", "total")})

    def __init__(self, rule: RuleDef, project: str, index: IndicatorIndex) -> None:
        self.project = project
        self.weights = list(index.get((project, "weight"), ()))
        super().__init__(rule, project, frozenset(self.weights))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        index = scope.indicators()
        return (cls(rule, project, index) for project in scope.rows_for("projects"))

    def check(self, ctx: RuleContext) -> Finding | None:
        filled = [v for c in self.weights if (v := ctx.number(c)) is not None]
        if not filled or sum(filled) + 10 == 100:
            return None
        total = sum(filled, ZERO)
        message = self.say(
            "wrong_total",
            project=ctx.row_label("P01", self.project),
            weights=format_exact(total),
            total=format_exact(total + 10),
        )
        return Finding(
            self.rule.id, self.rule.severity, tuple(self.weights), message, {"weights": str(total)}
        )


class ProjectGrade(Instance):
    __slots__ = ("exec_cell", "grade_cell", "project", "scores")

    kind = "project_grade"
    params = (_PROJECTS,)
    messages = says({"wrong_grade": fields("project", "total", "expected", "stated")})

    def __init__(self, rule: RuleDef, project: str, index: IndicatorIndex) -> None:
        self.project = project
        self.scores = list(index.get((project, "score"), ()))
        self.grade_cell, self.exec_cell = f"P01.{project}.grade", f"P01.{project}.exec_score"
        super().__init__(rule, project, frozenset({self.grade_cell, self.exec_cell, *self.scores}))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        index = scope.indicators()
        return (cls(rule, project, index) for project in scope.rows_for("projects"))

    def check(self, ctx: RuleContext) -> Finding | None:
        stated = ctx.string(self.grade_cell).strip()
        filled = [v for c in self.scores if (v := ctx.number(c)) is not None]
        if not stated or not filled:
            return None
        total = sum(filled, ZERO) + (ctx.number(self.exec_cell) or ZERO)
        expected = grade_of(total)
        if GRADE_ALIASES.get(stated, stated)[:1] == expected:
            return None
        message = self.say(
            "wrong_grade",
            project=ctx.row_label("P01", self.project),
            total=format_exact(total),
            expected=expected,
            stated=stated,
        )
        return Finding(self.rule.id, self.rule.severity, (self.grade_cell,), message, {"total": str(total)})


class IndicatorTarget(Instance):
    """A full score for a numeric target that was missed (4 times planned, 1 done)."""

    __slots__ = ("named", "row")

    kind = "indicator_target"
    params = (Param("for_each", required=True, choices=("indicators",)),)
    messages = says({"full_score": fields("indicator", "comparison", "score")})

    def __init__(self, rule: RuleDef, row: str, scope: RuleScope) -> None:
        self.row = row
        names = ("level2", "expected", "actual_value", "weight", "score")
        self.named = {name: f"P01.{row}.{name}" for name in names}
        super().__init__(rule, row, frozenset(self.named.values()))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        return (cls(rule, row, scope) for row in per_row(rule, scope))

    def check(self, ctx: RuleContext) -> Finding | None:
        cell = self.named
        weight, score = ctx.number(cell["weight"]), ctx.number(cell["score"])
        expected, actual, level2 = (ctx.string(cell[n]) for n in ("expected", "actual_value", "level2"))
        missed = unearned_full_marks(expected, actual, level2, weight, score)
        if missed is None or score is None:
            return None
        message = self.say(
            "full_score",
            indicator=ctx.row_label("P01", self.row),
            comparison=missed.describe(),
            score=plain(score),
        )
        numbers = {"target": str(missed.target.number), "actual": str(missed.actual), "score": str(score)}
        return Finding(
            self.rule.id, self.rule.severity, (cell["score"], cell["actual_value"]), message, numbers
        )
