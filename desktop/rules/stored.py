"""The `stored` rule kind: a number cell whose file holds text that is no amount in the
documented range (a damaged file, or one written before the range was enforced). The file
still opens; the value counts as zero in every sum, and this finding points at it until a
new value is typed."""

from __future__ import annotations

from collections.abc import Callable

from desktop.forms.structure import CellDef
from desktop.money import RANGE_TEXT
from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef

NUMBER_KINDS = ("amount", "count")
_SHOWN = 40  # characters of the stored text quoted in the message


def _invalid(ctx: RuleContext, cell_id: str) -> tuple[str, str] | None:
    """(year name, stored text) of the first year whose stored value is text."""
    for name, calc in (("本年", ctx.current), ("上年", ctx.prior)):
        value = calc.inputs.get(cell_id) if calc is not None else None
        if isinstance(value, str):
            return name, value
    return None


def stored_check(rule: RuleDef, cell: CellDef) -> Callable[[RuleContext], Finding | None]:
    def check(ctx: RuleContext) -> Finding | None:
        found = _invalid(ctx, cell.id)
        if found is None:
            return None
        year, text = found
        shown = text[:_SHOWN] + ("…" if len(text) > _SHOWN else "")
        message = (
            f"{ctx.cell_label(cell.id)}（{year}）在文件中保存为“{shown}”，不是有效的数字"
            f"（{RANGE_TEXT}）：按 0 计算，请重新填写"
        )
        return Finding(rule.id, rule.severity, (cell.id,), message, {"stored": shown, "year": year})

    return check
