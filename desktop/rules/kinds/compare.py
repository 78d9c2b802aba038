"""`compare`: `left op right` must hold, both sides expressions over cells (this year's, or
last year's as `prior:`), within a 尾差 when the figures came rounded; repeated over rows with
`for_each`, skipped unless `when` holds, explained by a `reason` text."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop.forms import expr
from desktop.money import ZERO, format_exact
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import (
    EXPLAINED,
    NEEDS_REASON,
    ROUNDING,
    Instance,
    Param,
    PerRow,
    RuleScope,
    fields,
    per_row,
    says,
    texts_of,
)
from desktop.rules.kinds.expressions import compiled, current_refs, evaluator, label, prior_refs

CENT = Decimal("0.01")
OPS = ("=", "<=", ">=", "<", ">")
_FAILED_OP = {"=": "≠", "<=": ">", ">=": "<", "<": "≥", ">": "≤"}


def _miss(op: str, left: Decimal, right: Decimal) -> Decimal:
    """How far the comparison misses (0 when it holds)."""
    if op == "=":
        return abs(left - right)
    if op in ("<=", "<"):
        excess = left - right
        return excess if (excess > 0 or (op == "<" and excess == 0)) else ZERO
    shortfall = right - left
    return shortfall if (shortfall > 0 or (op == ">" and shortfall == 0)) else ZERO


def _unit(refs: list[str]) -> str:
    """Scores and weights (P01 indicators, P02) are points; everything else is 万元."""
    points = refs and all(ref.endswith((".score", ".weight")) for ref in refs)
    return "分" if points else "万元"


class Compare(PerRow):
    __slots__ = ("left", "named", "op", "prior_terms", "reason", "right", "row", "terms", "unit", "when")

    kind = "compare"
    params = (
        Param("left", required=True),
        Param("op", required=True, choices=OPS),
        Param("right", required=True),
        Param("left_label"),
        Param("right_label"),
        Param("when"),
        Param("reason"),
        Param("for_each"),
        Param("tolerance", "amount"),
        Param("unit"),
        Param("tight_when"),  # read by desktop.rules.derivation
    )
    messages = says(
        {
            "failed": fields(
                "left_label", "left", "relation", "right_label", "right", "difference", "unit", "note"
            ),
            EXPLAINED: fields(),
            NEEDS_REASON: fields(),
            ROUNDING: fields(),
        }
    )

    def __init__(self, rule: RuleDef, row: str, scope: RuleScope) -> None:
        left, right = compiled(rule.param("left"), row), compiled(rule.param("right"), row)
        self.when = compiled(rule.param("when"), row) if rule.param("when") else None
        self.op: str = rule.param("op")
        self.reason = expr.substitute(rule.param("reason"), row=row) if rule.param("reason") else None
        refs, prior = current_refs(left, right), prior_refs(left, right)
        self.named = (*dict.fromkeys(refs), *(f"prior:{ref}" for ref in dict.fromkeys(prior)))
        self.terms, self.prior_terms = len(refs), len(prior)
        self.unit: str = rule.param("unit") or _unit(refs)
        self.left, self.right = evaluator(left), evaluator(right)
        self.row = row
        deps = frozenset(refs) | frozenset(current_refs(self.when) if self.when is not None else ())
        super().__init__(rule, row, deps, texts_of(self.reason), bool(prior))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        return (cls(rule, row, scope) for row in per_row(rule, scope))

    def tolerance(self, ctx: RuleContext) -> Decimal:
        """尾差 allowed: explicit, or 0.01 per term taken from a rounded year (equalities only)."""
        explicit = self.rule.param("tolerance")
        if explicit is not None:
            return Decimal(explicit)
        if self.op != "=":
            return ZERO
        terms = self.terms if ctx.settings.rounded else 0
        terms += self.prior_terms if ctx.settings.prior_rounded else 0
        return CENT * terms

    def check(self, ctx: RuleContext) -> Finding | None:
        if self.when is not None and not expr.evaluate(self.when, ctx.lookup):
            return None
        a, b = self.left(ctx), self.right(ctx)
        if a is None or b is None:
            return None
        miss = _miss(self.op, a, b)
        if miss == 0:
            return None
        severity, note = self.explained(self.reason, ctx)
        if miss <= self.tolerance(ctx):
            severity, note = "info", self.say(ROUNDING)
        message = self.say(
            "failed",
            left_label=label(self.rule, "left_label", self.row, ctx),
            left=format_exact(a),
            relation=_FAILED_OP[self.op],
            right_label=label(self.rule, "right_label", self.row, ctx),
            right=format_exact(b),
            difference=format_exact(a - b),
            unit=self.unit,
            note=note,
        )
        numbers = {"left": str(a), "right": str(b), "difference": str(a - b)}
        return Finding(self.rule.id, severity, self.named, message, numbers, self.reason)
