"""Consistency of the text with itself — no data needed:

- the parts of an enumeration against its stated total (more than the total is always wrong; equal
  to it within rounding verifies every part), and their shares adding to 100%;
- one value per subject and scope across the document (the same subject, fund, measure, year and
  unit stated twice with two values);
- a count against the items it lists ("7个项目（A、B、…）", "“A”、“B”…6个项目");
- units adding to the department: the same subject stated for every unit and for the department.

Tolerance is the printed precision of every figure involved (each may be rounded by half a unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.money import format_amount
from desktop.narrative.reader.claims import Claim, Enumeration
from desktop.narrative.reader.figures import StatedFigure
from desktop.narrative.reader.verdicts import TextFinding

HUNDRED = Decimal(100)
_BRACKET_LIST = re.compile(r"\s*[（(]([^（）()]{2,400})[）)]")
_QUOTED = re.compile(r"“[^”]{1,40}”")


@dataclass
class Consistency:
    text: str
    units: tuple[str, ...]
    findings: list[TextFinding] = field(default_factory=list)
    verified: set[int] = field(default_factory=set)  # starts of figures a consistency check confirmed
    involved: set[int] = field(default_factory=set)  # starts of figures a consistency finding names
    named: list[set[int]] = field(default_factory=list)  # per finding, the figures it names

    def check(self, claims: list[Claim], enumerations: Iterable[Enumeration]) -> None:
        for enumeration in enumerations:
            self._parts(enumeration)
            self._shares(enumeration)
        self._repeated(claims)
        self._listed(claims)
        self._units(claims)

    def _report(self, claim: Claim, expected: str, message: str, others: Iterable[Claim] = ()) -> None:
        figure = claim.figure
        assert figure is not None
        sentence = self.text[claim.sentence.start : claim.sentence.end].strip()
        self.findings.append(
            TextFinding(
                "narrative.consistency",
                sentence,
                figure.text,
                expected,
                (),
                message,
                figure.start,
                figure.end,
            )
        )
        self.named.append({claim.start, *(c.start for c in others)})
        self.involved.update(self.named[-1])

    def explained(self, wrong: set[int]) -> list[TextFinding]:
        """The findings not already explained by a figure the data show wrong (a share of 25% that
        should be 20% needs no second finding that the shares add to 105%)."""
        return [f for f, named in zip(self.findings, self.named, strict=True) if not named & wrong]

    # -- enumerations --------------------------------------------------------------------
    def _parts(self, enumeration: Enumeration) -> None:
        head, parts = enumeration.head, enumeration.parts
        if head is None or head.figure is None or len(parts) < 2:
            return
        total = _sum(parts)
        tolerance = head.figure.half_unit + sum((_figure(p).half_unit for p in parts), Decimal(0))
        stated = head.figure.amount
        if total > stated + tolerance:
            shown = _amount(total) if head.figure.kind == "amount" else f"{_show(total)}{head.figure.unit}"
            message = f"所列各项之和{shown}大于合计{head.figure.printed}"
            self._report(head, f"≥ {shown}", message, parts)
        elif abs(total - stated) <= tolerance:
            self.verified.update({head.start, *(p.start for p in parts)})

    def _shares(self, enumeration: Enumeration) -> None:
        shares = enumeration.shares
        if len(shares) < 2:
            return
        total = sum((_figure(s).value for s in shares), Decimal(0))
        tolerance = sum((_figure(s).half_unit for s in shares), Decimal(0))
        complete = self._complete(enumeration)
        if total > HUNDRED + tolerance or (complete and abs(total - HUNDRED) > tolerance):
            message = f"所列各项占比之和为{_show(total)}%，应为100%"
            self._report(shares[-1], "100%", message, shares)
        elif complete:
            self.verified.update(s.start for s in shares)

    def _complete(self, enumeration: Enumeration) -> bool:
        """Every part is stated and they add up to the total: the shares must make 100%."""
        head = enumeration.head
        if head is None or head.figure is None or len(enumeration.parts) != len(enumeration.shares):
            return False
        return head.start in self.verified

    # -- one value per subject and scope -------------------------------------------------
    def _repeated(self, claims: list[Claim]) -> None:
        first: dict[tuple[str, ...], Claim] = {}
        for claim in claims:
            key = _key(claim)
            if key is None:
                continue
            earlier = first.setdefault(key, claim)
            if earlier is claim:
                continue
            a, b = _figure(earlier), _figure(claim)
            if abs(a.amount - b.amount) > a.half_unit + b.half_unit:
                message = f"同一数字前后不一：前文为{a.printed}，此处为{b.printed}"
                self._report(claim, a.printed, message, (earlier,))
            else:
                self.verified.update({earlier.start, claim.start})

    # -- counts and lists ----------------------------------------------------------------
    def _listed(self, claims: list[Claim]) -> None:
        for claim in claims:
            if claim.kind != "project_count" or claim.figure is None:
                continue
            items = self._items(claim)
            if items is None:
                continue
            if Decimal(len(items)) == claim.figure.value:
                self.verified.add(claim.start)
            else:
                message = f"文中为{claim.figure.printed}，但列出了{len(items)}个：{'、'.join(items)}"
                self._report(claim, f"{len(items)}个", message)

    def _items(self, claim: Claim) -> list[str] | None:
        after = _BRACKET_LIST.match(self.text, claim.end + len("项目"))
        if after is not None:
            return [i for i in re.split(r"[、，,]", after.group(1)) if i.strip()]
        before = self.text[claim.sentence.start : claim.start]
        if before.rstrip().endswith("等"):
            return None
        quoted = _QUOTED.findall(before)
        return [q.strip("“”") for q in quoted] if len(quoted) >= 2 else None

    # -- units adding to the department --------------------------------------------------
    def _units(self, claims: list[Claim]) -> None:
        if len(self.units) < 2:
            return
        groups: dict[tuple[str, ...], dict[str, Claim]] = {}
        for claim in claims:
            key = _key(claim, with_unit=False)
            if key is not None:
                groups.setdefault(key, {}).setdefault(claim.facets.unit, claim)
        for by_unit in groups.values():
            department = by_unit.get("")
            parts = [by_unit[u] for u in self.units if u in by_unit]
            if department is None or len(parts) != len(self.units):
                continue
            total = _sum(parts)
            tolerance = _figure(department).half_unit + sum((_figure(p).half_unit for p in parts), Decimal(0))
            if abs(total - _figure(department).amount) > tolerance:
                message = f"各单位之和{_amount(total)}与部门合计{_figure(department).printed}不符"
                self._report(department, _amount(total), message, parts)
            else:
                self.verified.update({department.start, *(p.start for p in parts)})


def _figure(claim: Claim) -> StatedFigure:
    assert claim.figure is not None
    return claim.figure


def _sum(claims: Iterable[Claim]) -> Decimal:
    return sum((_figure(c).amount for c in claims), Decimal(0))


def _amount(value: Decimal) -> str:
    return f"{format_amount(value, 2)}万元"


def _show(value: Decimal) -> str:
    return format_amount(value, 2) if value != value.to_integral() else format_amount(value, 0)


def _key(claim: Claim, *, with_unit: bool = True) -> tuple[str, ...] | None:
    """What a figure is about, independent of the data: subject, fund, measure, year (and unit)."""
    if claim.kind not in ("amount", "count") or claim.subject is None or claim.figure is None:
        return None
    if claim.reason not in ("", "unit_scope", "no_measure"):
        return None
    entry = claim.subject.entry
    subject = claim.code or entry.key or ",".join(entry.ids)
    if not subject or (entry.kind == "project" and claim.kind == "count"):
        return None
    in_indicator = claim.role is not None and ":" not in claim.role.field
    if in_indicator and claim.facets.measure not in ("actual", "budget"):
        return None
    facets = claim.facets
    fund = facets.fund or facets.context_fund or ""
    unit = claim.figure.unit if claim.kind == "count" else ""
    key = (claim.kind, subject, claim.target, fund, facets.measure, facets.year, unit)
    return (*key, facets.unit) if with_unit else key
