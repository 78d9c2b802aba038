"""What the 情况说明 must explain: a large year-over-year change (`yoy`), 决算 against 预算
(`budget`), a text a figure requires (`required_text`). A filled reason text turns the first
two into info."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.forms import expr
from desktop.forms.structure import input_leaves
from desktop.money import ZERO, format_exact, percent_text
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import (
    EXPLAINED,
    NEEDS_REASON,
    Instance,
    Param,
    PerRow,
    RuleScope,
    fields,
    per_row,
    says,
    texts_of,
)
from desktop.rules.kinds.expressions import compiled, current_refs, label

_CHANGE = fields("label", "this", "last", "change", "rate", "threshold", "note")
_AGAINST_BUDGET = fields("label", "actual", "budget", "rate", "note")


class YearOverYear(Instance):
    __slots__ = ("cell", "reason")

    kind = "yoy"
    params = (Param("cell", required=True), Param("label", required=True), Param("reason"))
    messages = says({"rose": _CHANGE, "fell": _CHANGE, EXPLAINED: fields(), NEEDS_REASON: fields()})
    default_severity = "warning"

    def __init__(self, rule: RuleDef) -> None:
        self.cell: str = rule.param("cell")
        self.reason: str | None = rule.param("reason")
        super().__init__(rule, "", frozenset({self.cell}), texts_of(self.reason), uses_prior=True)

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        yield cls(rule)

    def check(self, ctx: RuleContext) -> Finding | None:
        this, last = ctx.number(self.cell), ctx.prior_number(self.cell)
        if this is None or not last:
            return None
        rate = (this - last) / last
        threshold = ctx.settings.threshold
        if abs(rate) <= threshold:
            return None
        severity, note = self.explained(self.reason, ctx)
        change = this - last
        message = self.say(
            "rose" if change > 0 else "fell",
            label=self.rule.param("label"),
            this=format_exact(this),
            last=format_exact(last),
            change=format_exact(abs(change)),
            rate=percent_text(rate),
            threshold=percent_text(threshold, 0),
            note=note,
        )
        numbers = {"this": str(this), "last": str(last), "change": str(change), "rate": str(rate)}
        return Finding(self.rule.id, severity, (self.cell,), message, numbers, self.reason)


class AgainstBudget(PerRow):
    __slots__ = ("actual", "budget", "budget_inputs", "reason", "row")

    kind = "budget"
    params = (
        Param("actual", required=True),
        Param("budget", required=True),
        Param("label", required=True),
        Param("reason", required=True),
        Param("for_each"),
    )
    messages = says(
        {
            "below": _AGAINST_BUDGET,
            "above": _AGAINST_BUDGET,
            EXPLAINED: fields(),
            NEEDS_REASON: fields(),
        }
    )
    default_severity = "warning"

    def __init__(self, rule: RuleDef, row: str, scope: RuleScope) -> None:
        self.actual = expr.substitute(rule.param("actual"), row=row)
        self.budget = expr.substitute(rule.param("budget"), row=row)
        self.reason = expr.substitute(rule.param("reason"), row=row)
        self.row = row
        # A 预算 is stated when any input it is made of is filled (a computed 合计 of blanks is not).
        self.budget_inputs = input_leaves(self.budget, scope.cells)
        deps = frozenset({self.actual, self.budget}) | self.budget_inputs
        super().__init__(rule, row, deps, texts_of(self.reason))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        return (cls(rule, row, scope) for row in per_row(rule, scope))

    def check(self, ctx: RuleContext) -> Finding | None:
        if all(ctx.number(cell) is None for cell in self.budget_inputs):
            return None
        planned, actual = ctx.number(self.budget), ctx.number(self.actual) or ZERO
        if planned is None or planned == actual:
            return None
        severity, note = self.explained(self.reason, ctx)
        message = self.say(
            "below" if actual < planned else "above",
            label=label(self.rule, "label", self.row, ctx),
            actual=format_exact(actual),
            budget=format_exact(planned),
            rate=percent_text(actual / planned) if planned else "—",
            note=note,
        )
        numbers = {"actual": str(actual), "budget": str(planned), "difference": str(actual - planned)}
        return Finding(self.rule.id, severity, (self.actual, self.budget), message, numbers, self.reason)


class RequiredText(Instance):
    __slots__ = ("refs", "text", "when")

    kind = "required_text"
    params = (Param("when", required=True), Param("text", required=True), Param("label", required=True))
    messages = says({"missing": fields("label")})
    default_severity = "warning"

    def __init__(self, rule: RuleDef) -> None:
        self.when = compiled(rule.param("when"), "")
        self.text: str = rule.param("text")
        self.refs = current_refs(self.when)
        super().__init__(rule, "", frozenset(self.refs), texts_of(self.text))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        yield cls(rule)

    def check(self, ctx: RuleContext) -> Finding | None:
        if not expr.evaluate(self.when, ctx.lookup) or ctx.text(self.text):
            return None
        message = self.say("missing", label=self.rule.param("label"))
        return Finding(self.rule.id, self.rule.severity, tuple(self.refs[:1]), message, {}, self.text)
