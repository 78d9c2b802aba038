"""`unit_offset`: an internal pair between 本级 and its 二级单位 must match.

What 本级 pays its units (对附属单位补助支出) is what they receive from it (上级补助收入), and what
they hand up (上缴上级支出) is what 本级 receives (附属单位上缴收入). Both sides leave the
department's total (desktop.models.org_units); a pair that does not match is a finding naming
本级 and each unit with its number. Checked only when the figures are entered unit by unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop.money import ZERO, format_exact
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import Instance, Param, RuleScope, fields, says

ANY_UNIT_CELL = "*/{}"  # the cell id that stands for a total of any unit (models.org_units.watched)


def _total(side: str) -> str:
    form, _, column = side.partition(".")
    return f"{form}.total.{column}"


class UnitOffset(Instance):
    __slots__ = ("parent_cell", "units_cell")

    kind = "unit_offset"
    params = (
        Param("parent", required=True),
        Param("units", required=True),
        Param("parent_label", required=True),
        Param("units_label", required=True),
    )
    messages = says(
        {"unmatched": fields("parent", "parent_label", "given", "units_label", "total", "each", "difference")}
    )

    def __init__(self, rule: RuleDef) -> None:
        self.parent_cell, self.units_cell = (
            _total(str(rule.param("parent"))),
            _total(str(rule.param("units"))),
        )
        reads = frozenset(ANY_UNIT_CELL.format(c) for c in (self.parent_cell, self.units_cell))
        super().__init__(rule, "", reads)

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        yield cls(rule)

    def check(self, ctx: RuleContext) -> Finding | None:
        org = ctx.org_units
        if org is None or not org.split:
            return None
        named = org.named_units()
        if len(named) < 2:
            return None
        (parent_id, parent_name), others = named[0], named[1:]
        given = org.unit_number(parent_id, self.parent_cell) or ZERO
        received = {unit_id: org.unit_number(unit_id, self.units_cell) or ZERO for unit_id, _name in others}
        total = sum(received.values(), Decimal(0))
        if given == total:
            return None
        message = self.say(
            "unmatched",
            parent=parent_name,
            parent_label=str(self.rule.param("parent_label")),
            given=format_exact(given),
            units_label=str(self.rule.param("units_label")),
            total=format_exact(total),
            each="、".join(f"“{name}” {format_exact(received[unit_id])}" for unit_id, name in others),
            difference=format_exact(given - total),
        )
        numbers = {"parent": str(given), "units": str(total), "parent_unit": parent_id}
        numbers |= {f"unit:{unit_id}": str(amount) for unit_id, amount in received.items()}
        return Finding(
            self.rule.id, self.rule.severity, (self.parent_cell, self.units_cell), message, numbers
        )
