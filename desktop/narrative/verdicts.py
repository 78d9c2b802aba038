"""Judging one stated figure against the data, and wording the finding (Chinese, both numbers shown)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.models.snapshot import Snapshot
from desktop.money import format_amount
from desktop.narrative.numbers import Figure, Span
from desktop.narrative.phrases import HUNDRED, ZERO, budget_gap_words, percent_of
from desktop.narrative.reading import Mention, Subject
from desktop.narrative.subjects import Ref, Topic, resolve

_UP_WORDS = ("增长", "上升", "增加", "增")


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


def agrees(figure: Figure, exact: Decimal) -> bool:
    """The stated figure is a correct rounding of `exact` at its printed precision (see check.py)."""
    return abs(abs(figure.value) - abs(exact)) <= figure.half_unit


def cells_of(*exprs: str) -> tuple[str, ...]:
    return tuple(c for e in exprs if e for c in re.split(r"[+-]", e))


def pct(value: Decimal, figure: Figure) -> str:
    return format_amount(abs(value), max(figure.places, 2)) + "%"


def amt(value: Decimal | None) -> str:
    return format_amount(value if value is not None else ZERO, 2)


def _gap_says(stated: str, actual: Decimal, budget: Decimal) -> bool:
    if "持平" in stated:
        return actual == budget
    if any(w in stated for w in ("小于", "低于")):
        return actual < budget
    return actual > budget


@dataclass
class Verdicts:
    snapshot: Snapshot
    text: str
    findings: list[TextFinding] = field(default_factory=list)

    def _value(self, expr: str, *, prior: bool = False) -> Decimal | None:
        return resolve(self.snapshot, expr, prior=prior) if expr else None

    def _add(
        self, rule: str, span: Span, at: tuple[int, int], expected: str, cells: tuple[str, ...], message: str
    ) -> None:
        sentence = self.text[span.start : span.end].strip()
        stated = self.text[at[0] : at[1]]
        self.findings.append(TextFinding(rule, sentence, stated, expected, cells, message, at[0], at[1]))

    def _report(
        self, rule: str, span: Span, figure: Figure, expected: str, cells: tuple[str, ...], what: str
    ) -> None:
        stated = f"{figure.text}{figure.unit}"
        message = f"{what}：文中为{stated}，按数据应为{expected}"
        self._add(rule, span, (figure.start, figure.end), expected, cells, message)

    # -- amounts and counts --------------------------------------------------------------------
    def amount(self, span: Span, figure: Figure, subject: Subject, *, budget: bool) -> None:
        refs = [r for r in subject.refs if r.budget] if budget else list(subject.refs)
        candidates = [(r, v) for r in refs if (v := self._value(r.budget if budget else r.cell)) is not None]
        if not candidates:
            return
        if any(agrees(figure, v) for _r, v in candidates):
            self._data_conflicts(span, figure, subject.topic)
            return
        ref, value = candidates[0]
        cell = ref.budget if budget else ref.cell
        what = f"{subject.topic.label}{'预算数' if budget else ''}"
        self._report("narrative.amount", span, figure, f"{amt(value)}万元", cells_of(cell), what)

    def _data_conflicts(self, span: Span, figure: Figure, topic: Topic) -> None:
        """A figure the text states as the data say, but the data contradict themselves (机关运行经费
        is part of 日常公用经费, so it cannot exceed it): reported so that the clerk checks the data."""
        if topic.key != "admin_cost":
            return
        admin, public = self._value("X01.admin_cost.value"), self._value("G06.public_total.amount")
        if admin is None or public is None or admin <= public:
            return
        message = f"机关运行经费{amt(admin)}万元大于日常公用经费{amt(public)}万元：数据本身不一致，请核实"
        cells = ("X01.admin_cost.value", "G06.public_total.amount")
        self._add("narrative.data", span, (figure.start, figure.end), f"≤ {amt(public)}万元", cells, message)

    def count(self, span: Span, figure: Figure, label: str, exprs: Iterable[str]) -> None:
        values = [(e, v) for e in exprs if (v := self._value(e)) is not None]
        if values and not any(agrees(figure, v) for _e, v in values):
            expr, value = values[0]
            self._report("narrative.count", span, figure, f"{int(value)}{figure.unit}", cells_of(expr), label)

    def project_count(self, span: Span, figure: Figure) -> None:
        count = Decimal(len(self.snapshot.projects))
        if self.snapshot.projects and not agrees(figure, count):
            self._report("narrative.count", span, figure, f"{count}个", ("P01",), "项目个数")

    # -- rates ---------------------------------------------------------------------------------
    def share(self, span: Span, figure: Figure, part: Subject, base: Mention) -> None:
        candidates = [
            (p, b, pv, bv, rate)
            for p in part.refs
            for b in base.refs
            if (pv := self._value(p.cell)) is not None
            and (bv := self._value(b.cell)) is not None
            and (rate := percent_of(pv, bv)) is not None
        ]
        if not candidates or any(agrees(figure, c[4]) for c in candidates):
            return
        p, b, pv, bv, rate = candidates[0]
        what = f"{part.topic.label}占{base.topic.label}的比例（{amt(pv)} ÷ {amt(bv)}）"
        self._report("narrative.share", span, figure, pct(rate, figure), cells_of(p.cell, b.cell), what)

    def budget_rate(self, span: Span, figure: Figure, subject: Subject) -> None:
        candidates: list[tuple[Ref, Decimal, Decimal]] = [
            (r, a, b)
            for r in subject.refs
            if r.budget
            and (a := self._value(r.cell)) is not None
            and (b := self._value(r.budget)) is not None
        ]
        if not candidates or any(_completion_ok(figure, a, b) for _r, a, b in candidates):
            return
        ref, actual, budget = candidates[0]
        rate = percent_of(actual, budget)
        what = f"{subject.topic.label}完成预算（{amt(actual)} ÷ {amt(budget)}）"
        expected = pct(rate, figure) if rate is not None else "无（预算数为0）"
        self._report("narrative.budget_rate", span, figure, expected, cells_of(ref.cell, ref.budget), what)

    def yoy(self, span: Span, figure: Figure, subject: Subject, word: str, *, rate: bool) -> None:
        """增加/减少 X万元 (rate=False) or 增长/下降 Y% (rate=True) against this year − last year."""
        candidates: list[tuple[Ref, Decimal, Decimal, Decimal]] = []
        for ref in subject.refs:
            this, last = self._value(ref.cell), self._value(ref.cell, prior=True)
            if this is None or last is None or (rate and last == 0):
                continue
            change = this - last
            candidates.append((ref, this, last, change / last * HUNDRED if rate else change))
        if not candidates:
            return
        up = word in _UP_WORDS
        if any(agrees(figure, v) and (v == 0 or (v > 0) == up) for _r, _t, _l, v in candidates):
            return
        ref, this, last, value = candidates[0]
        detail = f"{subject.topic.label}（本年{amt(this)}万元，上年{amt(last)}万元）"
        if value != 0 and (value > 0) != up:
            right = ("增长" if value > 0 else "下降") if rate else ("增加" if value > 0 else "减少")
            message = f"{detail}变动方向：文中为“{word}”，按数据应为“{right}”"
            self._add(
                "narrative.direction", span, (figure.start, figure.end), right, cells_of(ref.cell), message
            )
            return
        if rate:
            self._report(
                "narrative.yoy_rate", span, figure, pct(value, figure), cells_of(ref.cell), detail + word
            )
        else:
            expected = f"{amt(abs(value))}万元"
            self._report("narrative.amount", span, figure, expected, cells_of(ref.cell), detail + word)

    # -- words ---------------------------------------------------------------------------------
    def _budget_pairs(self, subject: Subject) -> list[tuple[Ref, Decimal, Decimal]]:
        return [
            (r, a, b)
            for r in subject.refs
            if r.budget
            and (a := self._value(r.cell)) is not None
            and (b := self._value(r.budget)) is not None
        ]

    def budget_gap(self, span: Span, start: int, end: int, subject: Subject) -> None:
        """ "决算数小于预算数" / "决算数与预算数持平" against 决算 and 预算."""
        pairs = self._budget_pairs(subject)
        stated = self.text[start:end]
        if not pairs or any(_gap_says(stated, a, b) for _r, a, b in pairs):
            return
        ref, actual, budget = pairs[0]
        expected = budget_gap_words(actual, budget)
        message = (
            f"{subject.topic.label}决算数{amt(actual)}万元、预算数{amt(budget)}万元："
            f"文中为“{stated}”，按数据应为“{expected}”"
        )
        self._add(
            "narrative.direction", span, (start, end), expected, cells_of(ref.cell, ref.budget), message
        )

    def unchanged(self, span: Span, start: int, end: int, subject: Subject) -> None:
        """ "与2019年持平/一样" against this year and last year."""
        pairs = [
            (r, t, p)
            for r in subject.refs
            if (t := self._value(r.cell)) is not None and (p := self._value(r.cell, prior=True)) is not None
        ]
        if not pairs or any(t == p for _r, t, p in pairs):
            return
        ref, this, last = pairs[0]
        right = "增加" if this > last else "减少"
        message = (
            f"{subject.topic.label}：文中为与上年“{self.text[start:end]}”，"
            f"按数据本年{amt(this)}万元、上年{amt(last)}万元，应为{right}"
        )
        self._add("narrative.direction", span, (start, end), right, cells_of(ref.cell), message)

    def year(self, span: Span, figure: Figure, expected: int, role: str) -> None:
        if int(figure.value) != expected:
            self._report(
                "narrative.year", span, figure, f"{expected}年", ("F00.year.value",), f"年份（{role}）"
            )

    def balance(self, span: Span, start: int, end: int, project: Topic) -> None:
        """ "存在结余" for a project whose 执行数 equals its 预算数."""
        ref = project.refs[0]
        actual, budget = self._value(ref.cell), self._value(ref.budget)
        if actual is None or budget is None or actual < budget:
            return
        message = (
            f"{project.label}：文中称“{self.text[start:end]}”，但全年预算数{amt(budget)}万元、"
            f"执行数{amt(actual)}万元，没有结余"
        )
        cells = cells_of(ref.budget, ref.cell)
        self._add("narrative.balance", span, (start, end), f"结余{amt(budget - actual)}万元", cells, message)


def _completion_ok(figure: Figure, actual: Decimal, budget: Decimal) -> bool:
    """完成预算 agrees; with 预算 0 and 决算 0 both 0% and 100% are accepted; no budget: nothing to check."""
    if budget == 0 and actual == 0:
        return agrees(figure, ZERO) or agrees(figure, HUNDRED)
    rate = percent_of(actual, budget)
    return rate is None or agrees(figure, rate)
