"""Exact amounts against the printed tables, which show 0.01 万元:

- `precision`: an amount entered with more than two decimals in 万元 (1,234.5678 元 typed in 元
  is 0.12345678 万元): the table prints it rounded. The message gives the 元 too.
- `printed_sum`: a total that is a sum whose printed parts do not add up to its printed value
  (0.004 + 0.004 + 0.004 = 0.012 prints 0.00 + 0.00 + 0.00 = 0.01): the 尾差 the table shows.

Each builder returns the cells it reads and its check; `kinds.py` wraps them into instances
(this module must not import `kinds.py`, which imports it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import CellDef
from desktop.money import format_amount, format_exact, round_half_up, to_text
from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef

Check = Callable[[RuleContext], Finding | None]
Parts = tuple[frozenset[str], Check]
YUAN_PER_WAN = Decimal(10000)


def printed(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def yuan_text(value: Decimal) -> str:
    """万元 → 元, every digit kept, grouped: 0.12345678 → 1,234.5678."""
    yuan = (value * YUAN_PER_WAN).normalize()
    places = max(0, -int(yuan.as_tuple().exponent))
    return f"{yuan:,.{places}f}"


def precision(rule: RuleDef, cell: CellDef) -> Parts:
    cell_id = cell.id

    def check(ctx: RuleContext) -> Finding | None:
        value = ctx.current.inputs.get(cell_id)
        if not isinstance(value, Decimal) or value == printed(value):
            return None
        shown = format_amount(value)
        message = (
            f"{ctx.cell_label(cell_id)}：{format_exact(value)} 万元（{yuan_text(value)} 元）超过两位小数，"
            f"公开表印为 {shown} 万元：请核对，可四舍五入为 {shown} 万元"
        )
        numbers = {"value": str(value), "rounded": to_text(printed(value)), "yuan": yuan_text(value)}
        return Finding(rule.id, rule.severity, (cell_id,), message, numbers)

    return frozenset({cell_id}), check


def printed_sum(rule: RuleDef, cell: CellDef, terms: list[str]) -> Parts:
    cell_id = cell.id

    def check(ctx: RuleContext) -> Finding | None:
        total = ctx.number(cell_id)
        if total is None:
            return None
        parts = sum((printed(ctx.lookup(term, False) or Decimal(0)) for term in terms), Decimal(0))
        if parts == printed(total):
            return None
        gap = format_amount(printed(total) - parts)
        message = (
            f"尾差：{ctx.cell_label(cell_id)} 印为 {format_amount(total)}，其各项印出之和为 "
            f"{format_amount(parts)}（差 {gap} 万元）：因有金额超过两位小数，公开表中各项相加与合计不等"
        )
        numbers = {"printed": to_text(printed(total)), "parts": to_text(parts)}
        return Finding(rule.id, rule.severity, (cell_id, *terms), message, numbers)

    return frozenset({cell_id, *terms}), check


def sum_terms(node: expr.Node) -> list[expr.Ref] | None:
    """The references of an expression that is only a sum of references, else None."""
    if isinstance(node, expr.Ref):
        return [node]
    if isinstance(node, expr.Binary) and node.op == "+":
        left, right = sum_terms(node.left), sum_terms(node.right)
        return None if left is None or right is None else left + right
    return None


def precision_parts(rule: RuleDef, cells: Mapping[str, CellDef]) -> Iterator[tuple[str, Parts]]:
    """The instances of a `precision` or `printed_sum` rule over the dataset's cells, each
    with the cell it is about."""
    forms = set(rule.param("forms", []))
    for cell in cells.values():
        if cell.kind != "amount" or (forms and cell.form not in forms):
            continue
        if rule.kind == "precision" and not cell.computed:
            yield cell.id, precision(rule, cell)
        elif rule.kind == "printed_sum" and cell.formula is not None:
            terms = sum_terms(cell.formula)
            if terms and len(terms) > 1 and not any(t.prior for t in terms):
                yield cell.id, printed_sum(rule, cell, [t.path for t in terms])
