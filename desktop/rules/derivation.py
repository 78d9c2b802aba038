"""Figures of one table that another table determines, read from the comparison rules.

An equality `A = expression` whose one side is a single input cell determines that cell: with
its other side filled, the cell can be filled for the clerk (公开04表 政府性基金收入 from
公开08表). An inequality is a bound, not a value, except where the rule says it is tight under
a dataset flag (`tight_when = "fiscal_only"`: a department whose money is all 财政拨款 spends
in 公开03表 exactly what 公开05/08/09表 show). Nothing here names a table.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import CellDef
from desktop.rules.context import RuleContext
from desktop.rules.kinds import rows_for
from desktop.rules.ruleset import RuleDef

_LEFT_BOUND = (">=", ">")
_RIGHT_BOUND = ("<=", "<")


@dataclass(frozen=True)
class Derivation:
    rule: str
    target: str  # the input cell it fills
    source: expr.Node  # the expression that fills it
    reads: frozenset[str]  # the input cells the source is made of

    def value(self, ctx: RuleContext) -> Decimal | None:
        """The figure the source gives, or None while nothing it is made of is filled."""
        if all(ctx.number(cell) is None for cell in self.reads):
            return None
        result = expr.evaluate(self.source, ctx.lookup)
        return result if isinstance(result, Decimal) else None


def _single_input(node: expr.Node, cells: Mapping[str, CellDef]) -> str | None:
    if isinstance(node, expr.Ref) and not node.prior:
        cell = cells.get(node.path)
        if cell is not None and not cell.computed:
            return cell.id
    return None


def input_leaves(cell_id: str, cells: Mapping[str, CellDef]) -> frozenset[str]:
    """The input cells a cell is computed from (itself when it is an input)."""
    cell = cells.get(cell_id)
    if cell is None:
        return frozenset()
    if cell.formula is None:
        return frozenset({cell_id})
    parts = (input_leaves(ref.path, cells) for ref in expr.refs(cell.formula) if not ref.prior)
    return frozenset().union(*parts)


def _sides(rule: RuleDef, flags: Collection[str]) -> tuple[bool, bool]:
    """Whether the left and the right side may be filled from the other one."""
    op = rule.param("op")
    if op == "=":
        return True, True
    tight = rule.param("tight_when") in flags
    return tight and op in _LEFT_BOUND, tight and op in _RIGHT_BOUND


def _derivation(
    rule: RuleDef, row: str, cells: Mapping[str, CellDef], flags: Collection[str]
) -> Derivation | None:
    left = expr.parse(expr.substitute(rule.param("left"), row=row))
    right = expr.parse(expr.substitute(rule.param("right"), row=row))
    left_ok, right_ok = _sides(rule, flags)
    for may, target_side, source in ((left_ok, left, right), (right_ok, right, left)):
        target = _single_input(target_side, cells) if may else None
        if target is None or _single_input(source, cells) is not None:
            continue  # two typed cells: neither is the other's source
        if any(ref.prior for ref in expr.refs(source)):
            continue  # within one year: last year's closing figures are not this year's
        reads = frozenset().union(*(input_leaves(ref.path, cells) for ref in expr.refs(source)))
        return Derivation(rule.id, target, source, reads)
    return None


def derivations(
    rules: Iterable[RuleDef], cells: Mapping[str, CellDef], flags: Collection[str] = ()
) -> dict[str, Derivation]:
    """Every derivation over the dataset's cells, by target (the first rule wins)."""
    found: dict[str, Derivation] = {}
    for rule in rules:
        if rule.kind != "compare" or rule.param("when"):
            continue
        for row in rows_for(rule.param("for_each"), cells):
            derivation = _derivation(rule, row, cells, flags)
            if derivation is not None:
                found.setdefault(derivation.target, derivation)
    return found
