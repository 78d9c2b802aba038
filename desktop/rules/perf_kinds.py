"""绩效 rule kinds that read an indicator's texts as numbers (desktop.rules.targets).

Each builder returns the cells it reads and its check; `kinds.py` wraps them into instances
(this module must not import `kinds.py`, which imports it).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef
from desktop.rules.targets import plain, unearned_full_marks

Check = Callable[[RuleContext], Finding | None]
Parts = tuple[frozenset[str], Check]


def indicator_target(rule: RuleDef, row: str) -> Parts:
    """A full score for a numeric target that was missed (4 times planned, 1 done)."""
    cell = {name: f"P01.{row}.{name}" for name in ("level2", "expected", "actual_value", "weight", "score")}

    def check(ctx: RuleContext) -> Finding | None:
        weight, score = ctx.number(cell["weight"]), ctx.number(cell["score"])
        expected, actual, level2 = (ctx.string(cell[n]) for n in ("expected", "actual_value", "level2"))
        missed = unearned_full_marks(expected, actual, level2, weight, score)
        if missed is None or score is None:
            return None
        message = (
            f"{ctx.row_label('P01', row)}：{missed.describe()}，却得满分 {plain(score)} 分：请按完成比例扣分"
        )
        numbers = {"target": str(missed.target.number), "actual": str(missed.actual), "score": str(score)}
        return Finding(rule.id, rule.severity, (cell["score"], cell["actual_value"]), message, numbers)

    return frozenset(cell.values()), check


PERF_KINDS: dict[str, Callable[[RuleDef, str], Parts]] = {"indicator_target": indicator_target}
