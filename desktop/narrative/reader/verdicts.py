"""Judging one claim against its reference, and wording the finding (Chinese, both numbers shown).

Tolerance: a stated figure agrees when it is a correct half-up rounding of the exact value at the
precision it is printed with (±½ unit in its last place; an exact tie may go either way), except
that a 0 printed more coarsely than the tables print never stands for a non-zero value ("0万元" for
0.30). Where the data came from a
table rounded to 0.01 万元, the reference is the total that table printed (resolve.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from desktop.money import format_amount
from desktop.narrative.reader.claims import Claim
from desktop.narrative.reader.figures import StatedFigure
from desktop.narrative.reader.references import HUNDRED, References, Unresolved, Value, cells_of

ZERO = Decimal(0)
TABLE_PLACES = 2  # the tables print 万元 to the cent


@dataclass(frozen=True)
class TextFinding:
    rule: str
    sentence: str
    stated: str
    expected: str
    cells: tuple[str, ...]
    message: str
    start: int
    end: int
    kind: str = ""
    scope: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Outcome:
    """agree, finding or unchecked (with the reason)."""

    claim: Claim
    status: str
    reason: str = ""
    finding: TextFinding | None = None


def agrees(figure: StatedFigure, exact: Decimal) -> bool:
    """The stated figure is a correct rounding of `exact` at its printed precision; an amount or a
    count printed 0 more coarsely than the tables print (0.00 万元) must be 0: "0万元" does not stand
    for 0.30 万元 (a share of 0.04% is rightly printed "0%")."""
    if figure.value == 0 and figure.kind in ("amount", "count") and figure.places < TABLE_PLACES:
        return exact == 0
    return abs(abs(figure.amount) - abs(exact)) <= figure.half_unit


def percent_of(part: Decimal, base: Decimal) -> Decimal | None:
    if base == 0:
        return ZERO if part == 0 else None
    return part / base * HUNDRED


def amt(value: Decimal) -> str:
    return format_amount(value, 2)


def pct(value: Decimal, figure: StatedFigure) -> str:
    return format_amount(abs(value), max(figure.places, 2)) + "%"


def expected_text(figure: StatedFigure, value: Decimal) -> str:
    if figure.kind == "amount":
        return f"{amt(abs(value))}万元"
    if figure.kind in ("percent", "points"):
        return pct(value, figure)
    return f"{format_amount(value, 0)}{figure.unit}"


Pair = tuple[Value, Value]


class Judge:
    def __init__(self, text: str, references: References) -> None:
        self.text, self.references = text, references

    def judge(self, claim: Claim) -> Outcome:
        """Resolve the claim's reference (or say why it cannot be), then compare."""
        if claim.reason:
            return Outcome(claim, "unchecked", claim.reason)
        resolve = self._resolvers().get(claim.kind)
        if resolve is None:
            return Outcome(claim, "unchecked", "no_rule")
        reference = resolve(claim)
        if isinstance(reference, Unresolved):
            return Outcome(claim, "unchecked", reference.reason)
        outcome: Outcome = getattr(self, f"_{claim.kind}")(claim, reference)
        return outcome

    def _resolvers(self) -> dict[str, Callable[[Claim], Any]]:
        refs = self.references
        return {
            "amount": refs.amount, "count": refs.amount, "change": refs.change, "share": refs.share,
            "completion": refs.completion, "project_count": refs.project_count, "year": lambda _c: None,
            "gap": lambda c: self._pair(c, _budget_of(c)), "balance_word": lambda c: self._pair(c, "budget"),
            "same": lambda c: self._pair(c, "prior"), "none": refs.zero_of,
        }  # fmt: skip

    def _pair(self, claim: Claim, second: str) -> Pair | Unresolved:
        """The subject's 决算 and its 预算 (second="budget") or last year's 决算 (second="prior")."""
        actual = self.references.value(claim, claim.subject, replace(claim.facets, measure="actual"))
        prior = second == "prior"
        facets = replace(claim.facets, measure="" if prior else second)
        other = self.references.value(claim, claim.subject, facets, prior=prior)
        for value in (actual, other):
            if isinstance(value, Unresolved):
                return value
        assert isinstance(actual, Value) and isinstance(other, Value)
        return actual, other

    # -- helpers -------------------------------------------------------------------------
    def finding(
        self, claim: Claim, rule: str, expected: str, cells: tuple[str, ...], message: str
    ) -> Outcome:
        sentence = self.text[claim.sentence.start : claim.sentence.end].strip()
        stated = self.text[claim.start : claim.figure.end if claim.figure else claim.end]
        found = TextFinding(
            rule, sentence, stated, expected, cells, message, claim.start, claim.start + len(stated)
        )
        return Outcome(claim, "finding", finding=found)

    def stated(self, claim: Claim, rule: str, value: Decimal, cells: tuple[str, ...], what: str) -> Outcome:
        """Agree when the figure is a correct rounding of `value`; else a finding with both numbers."""
        figure = claim.figure
        assert figure is not None
        if agrees(figure, value):
            return Outcome(claim, "agree")
        expected = expected_text(figure, value)
        message = f"{what}：文中为{figure.printed}，按数据应为{expected}"
        return self.finding(claim, rule, expected, cells, message)

    def ratio(self, claim: Claim, pair: Pair, rule: str, what: str) -> Outcome:
        part, base = pair
        rate = percent_of(part.value, base.value)
        if rate is None:
            return Outcome(claim, "unchecked", "no_base")
        detail = f"{what}（{amt(part.value)} ÷ {amt(base.value)}）"
        return self.stated(claim, rule, rate, part.cells + base.cells, detail)

    # -- figures -------------------------------------------------------------------------
    def _amount(self, claim: Claim, ref: Value) -> Outcome:
        rule = "narrative.count" if claim.kind == "count" else "narrative.amount"
        what = ref.label + {"budget": "预算数", "initial": "年初预算数"}.get(claim.facets.measure, "")
        what += "（上年）" if claim.facets.year == "prior" else ""
        return self.stated(claim, rule, ref.value, ref.cells, what)

    _count = _amount

    def _project_count(self, claim: Claim, ref: Value) -> Outcome:
        return self.stated(claim, "narrative.count", ref.value, ref.cells, "项目个数")

    def _change(self, claim: Claim, pair: Pair) -> Outcome:
        figure = claim.figure
        assert figure is not None
        this, last = pair
        change = this.value - last.value
        rate = figure.kind in ("percent", "points")
        if rate and last.value == 0:
            return Outcome(claim, "unchecked", "no_base")
        detail = f"{this.label}（本年{amt(this.value)}，上年{amt(last.value)}）"
        if change != 0 and (change > 0) != (claim.direction == "up"):
            right = ("增长" if change > 0 else "下降") if rate else ("增加" if change > 0 else "减少")
            message = f"{detail}变动方向：文中为“{_verb(self.text, claim)}”，按数据应为“{right}”"
            return self.finding(claim, "narrative.direction", right, this.cells, message)
        value = change / last.value * HUNDRED if rate else change
        rule = "narrative.yoy_rate" if rate else "narrative.amount"
        return self.stated(claim, rule, value, this.cells, detail + _verb(self.text, claim))

    def _share(self, claim: Claim, pair: Pair) -> Outcome:
        part, base = pair
        return self.ratio(claim, pair, "narrative.share", f"{part.label}占{base.label}的比例")

    def _completion(self, claim: Claim, pair: Pair) -> Outcome:
        """完成预算; with 预算 0 and 决算 0 both 0% and 100% are accepted."""
        actual, budget = pair
        if budget.value == 0 and actual.value == 0 and claim.figure is not None:
            if agrees(claim.figure, HUNDRED):
                return Outcome(claim, "agree")
            return self.stated(claim, "narrative.budget_rate", ZERO, (), "完成预算")
        return self.ratio(claim, pair, "narrative.budget_rate", f"{actual.label}完成预算")

    def _year(self, claim: Claim, _none: None) -> Outcome:
        assert claim.figure is not None
        year = self.references.resolver.snapshot.department.year
        expected = year - 1 if claim.target == "prior" else year
        if int(claim.figure.value) == expected:
            return Outcome(claim, "agree")
        role = "比较的上年" if claim.target == "prior" else "本年"
        message = f"年份（{role}）：文中为{claim.figure.printed}，按数据应为{expected}年"
        return self.finding(claim, "narrative.year", f"{expected}年", ("F00.year.value",), message)

    # -- words ---------------------------------------------------------------------------
    def _words(self, claim: Claim, right: str, rule: str, cells: tuple[str, ...], what: str) -> Outcome:
        stated = self.text[claim.start : claim.end]
        return self.finding(claim, rule, right, cells, what.format(stated=stated))

    def _gap(self, claim: Claim, pair: Pair) -> Outcome:
        actual, budget = pair
        truth = "less" if actual.value < budget.value else "more" if actual.value > budget.value else "same"
        if truth == claim.direction:
            return Outcome(claim, "agree")
        right = {"less": "决算数小于预算数", "more": "决算数大于预算数", "same": "决算数与预算数持平"}[truth]
        numbers = f"决算数{amt(actual.value)}万元、预算数{amt(budget.value)}万元"
        what = f"{actual.label}{numbers}：文中为“{{stated}}”，按数据应为“{right}”"
        return self._words(claim, right, "narrative.direction", actual.cells + budget.cells, what)

    def _same(self, claim: Claim, pair: Pair) -> Outcome:
        this, last = pair
        if this.value == last.value:
            return Outcome(claim, "agree")
        right = "增加" if this.value > last.value else "减少"
        numbers = f"本年{amt(this.value)}万元、上年{amt(last.value)}万元"
        what = f"{this.label}：文中为与上年“{{stated}}”，按数据{numbers}，应为{right}"
        return self._words(claim, right, "narrative.direction", this.cells, what)

    def _balance_word(self, claim: Claim, pair: Pair) -> Outcome:
        actual, budget = pair
        if actual.value < budget.value:
            return Outcome(claim, "agree")
        numbers = f"全年预算数{amt(budget.value)}万元、执行数{amt(actual.value)}万元"
        what = f"{actual.label}：文中称“{{stated}}”，但{numbers}，没有结余"
        right = f"结余{amt(budget.value - actual.value)}万元"
        return self._words(claim, right, "narrative.balance", actual.cells + budget.cells, what)

    def _none(self, claim: Claim, ref: Value) -> Outcome:
        if ref.value == 0:
            return Outcome(claim, "agree")
        shown = format_amount(ref.value, 2)
        return self._words(
            claim, shown, "narrative.amount", ref.cells, f"文中称没有{ref.label}，但数据为{shown}"
        )


def _budget_of(claim: Claim) -> str:
    """The budget a 决算数大于预算数 compares with: the 年初预算 it follows, else the 全年预算."""
    return "initial" if claim.facets.measure == "initial" else "budget"


def _verb(text: str, claim: Claim) -> str:
    lead = text[max(claim.sentence.start, claim.start - 4) : claim.start]
    for verb in ("增长", "上升", "增加", "下降", "减少", "降低", "增", "减"):
        if verb in lead:
            return verb
    return "增加" if claim.direction == "up" else "减少"


__all__ = ["Judge", "Outcome", "TextFinding", "agrees", "cells_of"]
