"""Judging one claim against its reference, and wording the finding (Chinese, both numbers shown).

Tolerance: a stated figure agrees when it is a correct half-up rounding of the exact value at the
precision it is printed with (±½ unit in its last place; an exact tie may go either way), except
that a 0 printed more coarsely than the tables print never stands for a non-zero value ("0万元" for
0.30). Where the data came from a
table rounded to 0.01 万元, the reference is the total that table printed (resolve.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType

from desktop.money import format_amount
from desktop.narrative.reader.claims import Claim
from desktop.narrative.reader.figures import Figure
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


def agrees(figure: Figure, exact: Decimal) -> bool:
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


def pct(value: Decimal, figure: Figure) -> str:
    return format_amount(abs(value), max(figure.places, 2)) + "%"


def expected_text(figure: Figure, value: Decimal) -> str:
    if figure.kind == "amount":
        return f"{amt(abs(value))}万元"
    if figure.kind in ("percent", "points"):
        return pct(value, figure)
    return f"{format_amount(value, 0)}{figure.unit}"


class Judge:
    def __init__(self, text: str, references: References) -> None:
        self.text, self.references = text, references

    def judge(self, claim: Claim) -> Outcome:
        if claim.reason:
            return Outcome(claim, "unchecked", claim.reason)
        judge = getattr(self, f"_{claim.kind}", None)
        if judge is None:
            return Outcome(claim, "unchecked", "no_rule")
        outcome: Outcome = judge(claim)
        return outcome

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
        assert claim.figure is not None
        expected = expected_text(claim.figure, value)
        message = f"{what}：文中为{claim.figure.printed}，按数据应为{expected}"
        return self.finding(claim, rule, expected, cells, message)

    @staticmethod
    def agree(claim: Claim) -> Outcome:
        return Outcome(claim, "agree")

    # -- figures -------------------------------------------------------------------------
    def _amount(self, claim: Claim) -> Outcome:
        assert claim.figure is not None
        ref = self.references.amount(claim)
        if isinstance(ref, Unresolved):
            return Outcome(claim, "unchecked", ref.reason)
        if agrees(claim.figure, ref.value):
            return self.agree(claim)
        rule = "narrative.count" if claim.kind == "count" else "narrative.amount"
        what = ref.label + {"budget": "预算数", "initial": "年初预算数"}.get(claim.facets.measure, "")
        return self.stated(
            claim, rule, ref.value, ref.cells, what + ("（上年）" if claim.facets.year == "prior" else "")
        )

    _count = _amount

    def _change(self, claim: Claim) -> Outcome:
        assert claim.figure is not None
        pair = self.references.change(claim)
        if isinstance(pair, Unresolved):
            return Outcome(claim, "unchecked", pair.reason)
        this, last = pair
        change = this.value - last.value
        rate = claim.figure.kind in ("percent", "points")
        if rate and last.value == 0:
            return Outcome(claim, "unchecked", "no_base")
        value = change / last.value * HUNDRED if rate else change
        detail = f"{this.label}（本年{amt(this.value)}，上年{amt(last.value)}）"
        if change != 0 and (change > 0) != (claim.direction == "up"):
            right = ("增长" if change > 0 else "下降") if rate else ("增加" if change > 0 else "减少")
            message = f"{detail}变动方向：文中为“{_verb(self.text, claim)}”，按数据应为“{right}”"
            return self.finding(claim, "narrative.direction", right, this.cells, message)
        if agrees(claim.figure, value):
            return self.agree(claim)
        rule = "narrative.yoy_rate" if rate else "narrative.amount"
        return self.stated(claim, rule, value, this.cells, detail + _verb(self.text, claim))

    def _share(self, claim: Claim) -> Outcome:
        assert claim.figure is not None
        pair = self.references.share(claim)
        if isinstance(pair, Unresolved):
            return Outcome(claim, "unchecked", pair.reason)
        part, base = pair
        rate = percent_of(part.value, base.value)
        if rate is None:
            return Outcome(claim, "unchecked", "no_base")
        if agrees(claim.figure, rate):
            return self.agree(claim)
        what = f"{part.label}占{base.label}的比例（{amt(part.value)} ÷ {amt(base.value)}）"
        return self.stated(claim, "narrative.share", rate, part.cells + base.cells, what)

    def _completion(self, claim: Claim) -> Outcome:
        assert claim.figure is not None
        pair = self.references.completion(claim)
        if isinstance(pair, Unresolved):
            return Outcome(claim, "unchecked", pair.reason)
        actual, budget = pair
        if budget.value == 0 and actual.value == 0:
            ok = agrees(claim.figure, ZERO) or agrees(claim.figure, HUNDRED)
            return (
                self.agree(claim) if ok else self.stated(claim, "narrative.budget_rate", ZERO, (), "完成预算")
            )
        rate = percent_of(actual.value, budget.value)
        if rate is None:
            return Outcome(claim, "unchecked", "no_base")
        if agrees(claim.figure, rate):
            return self.agree(claim)
        what = f"{actual.label}完成预算（{amt(actual.value)} ÷ {amt(budget.value)}）"
        return self.stated(claim, "narrative.budget_rate", rate, actual.cells + budget.cells, what)

    def _project_count(self, claim: Claim) -> Outcome:
        assert claim.figure is not None
        ref = self.references.project_count(claim)
        if isinstance(ref, Unresolved):
            return Outcome(claim, "unchecked", ref.reason)
        if agrees(claim.figure, ref.value):
            return self.agree(claim)
        return self.stated(claim, "narrative.count", ref.value, ref.cells, "项目个数")

    def _year(self, claim: Claim) -> Outcome:
        assert claim.figure is not None
        year = self.references.resolver.snapshot.department.year
        expected = year - 1 if claim.target == "prior" else year
        if int(claim.figure.value) == expected:
            return self.agree(claim)
        role = "比较的上年" if claim.target == "prior" else "本年"
        message = f"年份（{role}）：文中为{claim.figure.printed}，按数据应为{expected}年"
        return self.finding(claim, "narrative.year", f"{expected}年", ("F00.year.value",), message)

    # -- words ---------------------------------------------------------------------------
    def _pair(self, claim: Claim, first: str, second: str) -> tuple[Value, Value] | Unresolved:
        a = self.references.value(claim, claim.subject, replace(claim.facets, measure=first))
        if isinstance(a, Unresolved):
            return a
        prior = second == "prior"
        b = self.references.value(
            claim, claim.subject, replace(claim.facets, measure="" if prior else second), prior=prior
        )
        return b if isinstance(b, Unresolved) else (a, b)

    def _gap(self, claim: Claim) -> Outcome:
        pair = self._pair(claim, "actual", "budget")
        if isinstance(pair, Unresolved):
            return Outcome(claim, "unchecked", pair.reason)
        actual, budget = pair
        truth = "less" if actual.value < budget.value else "more" if actual.value > budget.value else "same"
        if truth == claim.direction:
            return self.agree(claim)
        right = {"less": "决算数小于预算数", "more": "决算数大于预算数", "same": "决算数与预算数持平"}[truth]
        stated = self.text[claim.start : claim.end]
        numbers = f"决算数{amt(actual.value)}万元、预算数{amt(budget.value)}万元"
        message = f"{actual.label}{numbers}：文中为“{stated}”，按数据应为“{right}”"
        return self.finding(claim, "narrative.direction", right, actual.cells + budget.cells, message)

    def _same(self, claim: Claim) -> Outcome:
        pair = self._pair(claim, "actual", "prior")
        if isinstance(pair, Unresolved):
            return Outcome(claim, "unchecked", pair.reason)
        this, last = pair
        if this.value == last.value:
            return self.agree(claim)
        right = "增加" if this.value > last.value else "减少"
        stated = self.text[claim.start : claim.end]
        numbers = f"本年{amt(this.value)}万元、上年{amt(last.value)}万元"
        message = f"{this.label}：文中为与上年“{stated}”，按数据{numbers}，应为{right}"
        return self.finding(claim, "narrative.direction", right, this.cells, message)

    def _balance_word(self, claim: Claim) -> Outcome:
        pair = self._pair(claim, "actual", "budget")
        if isinstance(pair, Unresolved):
            return Outcome(claim, "unchecked", pair.reason)
        actual, budget = pair
        if actual.value < budget.value:
            return self.agree(claim)
        stated = self.text[claim.start : claim.end]
        numbers = f"全年预算数{amt(budget.value)}万元、执行数{amt(actual.value)}万元"
        message = f"{actual.label}：文中称“{stated}”，但{numbers}，没有结余"
        return self.finding(
            claim,
            "narrative.balance",
            f"结余{amt(budget.value - actual.value)}万元",
            actual.cells + budget.cells,
            message,
        )

    def _none(self, claim: Claim) -> Outcome:
        ref = self.references.value(claim, claim.subject, claim.facets)
        if (
            isinstance(ref, Unresolved)
            and claim.subject is not None
            and claim.subject.entry.kind == "concept"
        ):
            concept = self.references.lexicon.concept(claim.subject.entry.key)
            counts = list(concept.counts.values())
            ref = self.references.read(counts[0], concept.label, False) if counts else ref
        if isinstance(ref, Unresolved):
            return Outcome(claim, "unchecked", ref.reason)
        if ref.value == 0:
            return self.agree(claim)
        message = f"文中称没有{ref.label}，但数据为{format_amount(ref.value, 2)}"
        return self.finding(claim, "narrative.amount", format_amount(ref.value, 2), ref.cells, message)


def _verb(text: str, claim: Claim) -> str:
    lead = text[max(claim.sentence.start, claim.start - 4) : claim.start]
    for verb in ("增长", "上升", "增加", "下降", "减少", "降低", "增", "减"):
        if verb in lead:
            return verb
    return "增加" if claim.direction == "up" else "减少"


__all__ = ["Judge", "Outcome", "TextFinding", "agrees", "cells_of"]
