"""The `unit_offset` rule kind: an internal pair between 本级 and its 二级单位 must match.

What 本级 pays its units (对附属单位补助支出) is what they receive from it (上级补助收入), and what
they hand up (上缴上级支出) is what 本级 receives (附属单位上缴收入). Both sides leave the
department's total (desktop.models.org_units); a pair that does not match is a finding naming
本级 and each unit with its number. Checked only when the figures are entered unit by unit.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from desktop.money import ZERO, format_exact
from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef

ANY_UNIT_CELL = "*/{}"  # the cell id that stands for a total of any unit (models.org_units.watched)
Check = Callable[[RuleContext], Finding | None]
Parts = tuple[frozenset[str], frozenset[str], Check]  # cells read, texts read, the check


def _total(side: str) -> str:
    form, _, column = side.partition(".")
    return f"{form}.total.{column}"


def unit_offset(rule: RuleDef, row: str) -> Parts:
    """The cells it reads (any unit's two totals), no texts, and its check."""
    parent_cell, units_cell = _total(str(rule.param("parent"))), _total(str(rule.param("units")))
    parent_label, units_label = str(rule.param("parent_label")), str(rule.param("units_label"))

    def check(ctx: RuleContext) -> Finding | None:
        org = ctx.org_units
        if org is None or not org.split:
            return None
        named = org.named_units()
        if len(named) < 2:
            return None
        (parent_id, parent_name), others = named[0], named[1:]
        given = org.unit_number(parent_id, parent_cell) or ZERO
        received = {unit_id: org.unit_number(unit_id, units_cell) or ZERO for unit_id, _name in others}
        total = sum(received.values(), Decimal(0))
        if given == total:
            return None
        each = "、".join(f"“{name}” {format_exact(received[unit_id])}" for unit_id, name in others)
        difference = format_exact(given - total)
        message = (
            f"内部往来未对上：本级“{parent_name}”{parent_label} {format_exact(given)} ≠ "
            f"二级单位{units_label}合计 {format_exact(total)}（{each}；差 {difference} 万元）："
            "部门合计已将两边相互抵销，请核对本级和二级单位的这两项数字"
        )
        numbers = {"parent": str(given), "units": str(total), "parent_unit": parent_id}
        numbers |= {f"unit:{unit_id}": str(amount) for unit_id, amount in received.items()}
        return Finding(rule.id, rule.severity, (parent_cell, units_cell), message, numbers)

    reads = frozenset({ANY_UNIT_CELL.format(parent_cell), ANY_UNIT_CELL.format(units_cell)})
    return reads, frozenset(), check


UNIT_KINDS: dict[str, Callable[[RuleDef, str], Parts]] = {"unit_offset": unit_offset}
