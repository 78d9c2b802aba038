"""Exact amounts against the printed tables, which show 0.01 万元:

- `precision`: an amount entered with more than two decimals in 万元 (1,234.5678 元 typed in 元
  is 0.12345678 万元): the table prints it rounded. The message gives the 元 too.
- `printed_sum`: a total that is a sum whose printed parts do not add up to its printed value
  (0.004 + 0.004 + 0.004 = 0.012 prints 0.00 + 0.00 + 0.00 = 0.01): the 尾差 the table shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop.forms.structure import CellDef
from desktop.money import format_amount, format_exact, round_half_up, to_text
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import Param, PerCell, RuleScope, fields, says

YUAN_PER_WAN = Decimal(10000)
NO_CENTS = Decimal("0.00")
_FORMS = Param("forms", "texts")


def printed(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def yuan_text(value: Decimal) -> str:
    """万元 → 元, every digit kept, grouped: 0.12345678 → 1,234.5678."""
    yuan = (value * YUAN_PER_WAN).normalize()
    places = max(0, -int(yuan.as_tuple().exponent))
    return f"{yuan:,.{places}f}"


def _amounts(rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
    """The amount cells of the rule's `forms` (every form without it)."""
    forms = set(rule.param("forms", []))
    return (c for c in scope.cells.values() if c.kind == "amount" and (not forms or c.form in forms))


class Precision(PerCell):
    __slots__ = ("cell",)

    kind = "precision"
    params = (_FORMS,)
    messages = says({"too_precise": fields("cell", "value", "yuan", "printed")})

    def __init__(self, rule: RuleDef, cell: CellDef) -> None:
        self.cell = cell.id
        super().__init__(rule, cell)

    @classmethod
    def picks(cls, rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
        return (cell for cell in _amounts(rule, scope) if not cell.computed)

    def check(self, ctx: RuleContext) -> Finding | None:
        value = ctx.current.inputs.get(self.cell)
        if not isinstance(value, Decimal) or value == printed(value):
            return None
        message = self.say(
            "too_precise",
            cell=ctx.cell_label(self.cell),
            value=format_exact(value),
            yuan=yuan_text(value),
            printed=format_amount(value),
        )
        numbers = {"value": str(value), "rounded": to_text(printed(value)), "yuan": yuan_text(value)}
        return Finding(self.rule.id, self.rule.severity, (self.cell,), message, numbers)


class PrintedSum(PerCell):
    __slots__ = ("cell", "seen", "terms")

    kind = "printed_sum"
    params = (_FORMS,)
    messages = says({"parts_differ": fields("cell", "total", "parts", "difference")})

    def __init__(self, rule: RuleDef, cell: CellDef) -> None:
        assert cell.terms is not None
        self.cell, self.terms = cell.id, list(cell.terms)
        # Each term's value when last read and its printed value: a value is an immutable
        # Decimal, so a term holding the same object prints the same (an edit changes one or
        # two of a 合计's dozens of terms, and rounding each costs more than the rest).
        self.seen: list[tuple[object, Decimal]] = [(None, NO_CENTS)] * len(self.terms)
        super().__init__(rule, cell)
        self.cells = frozenset({cell.id, *self.terms})

    @classmethod
    def picks(cls, rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
        # A cell's terms are set where it is built when it adds up this year's cells.
        return (cell for cell in _amounts(rule, scope) if cell.terms is not None and len(cell.terms) > 1)

    def check(self, ctx: RuleContext) -> Finding | None:
        total = ctx.number(self.cell)
        if total is None:
            return None
        parts = self._printed_parts(ctx)
        if parts == total or parts == printed(total):  # equal to the cent: prints so, unrounded
            return None
        message = self.say(
            "parts_differ",
            cell=ctx.cell_label(self.cell),
            total=format_amount(total),
            parts=format_amount(parts),
            difference=format_amount(printed(total) - parts),
        )
        numbers = {"printed": to_text(printed(total)), "parts": to_text(parts)}
        return Finding(self.rule.id, self.rule.severity, (self.cell, *self.terms), message, numbers)

    def _printed_parts(self, ctx: RuleContext) -> Decimal:
        """The sum of the terms as printed, a blank term read as 0. Read straight from the
        calculator: a 合计 has dozens of terms and an edit re-checks it."""
        computed, inputs, seen = ctx.current.computed, ctx.current.inputs, self.seen
        parts = NO_CENTS  # printed, as every term is: a blank term adds 0.00
        for place, term in enumerate(self.terms):
            value = computed[term] if term in computed else inputs.get(term)
            known = seen[place]
            if known[0] is not value:
                known = seen[place] = (value, printed(value) if isinstance(value, Decimal) else NO_CENTS)
            parts += known[1]
        return parts
