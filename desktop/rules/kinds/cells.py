"""Kinds checked cell by cell: a file's value for a computed cell against its formula
(`declared`), amounts that must not be negative (`nonnegative`), counts that must be whole
(`whole`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import CellDef
from desktop.money import format_exact
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import ROUNDING, Param, PerCell, RuleScope, fields, says

CENT = Decimal("0.01")
_AMOUNT_KINDS = ("amount",)


class Declared(PerCell):
    __slots__ = ("cell", "formula")

    kind = "declared"
    messages = says(
        {"differs": fields("cell", "stated", "computed", "difference", "note"), ROUNDING: fields()}
    )

    def __init__(self, rule: RuleDef, cell: CellDef) -> None:
        assert cell.formula is not None
        self.cell, self.formula = cell.id, cell.formula  # its terms counted only for a finding
        super().__init__(rule, cell)

    @classmethod
    def picks(cls, rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
        return (c for c in scope.cells.values() if c.computed and c.kind != "text")

    def check(self, ctx: RuleContext) -> Finding | None:
        stated, computed = ctx.declared.get(self.cell), ctx.number(self.cell)
        if stated is None or computed is None or stated == computed:
            return None
        diff = stated - computed
        terms = max(1, sum(1 for _ in expr.refs(self.formula)))
        rounded = ctx.settings.rounded and abs(diff) <= CENT * terms
        message = self.say(
            "differs",
            cell=ctx.cell_label(self.cell),
            stated=format_exact(stated),
            computed=format_exact(computed),
            difference=format_exact(diff),
            note=self.say(ROUNDING) if rounded else "",
        )
        numbers = {"stated": str(stated), "computed": str(computed), "difference": str(diff)}
        return Finding(
            self.rule.id, "info" if rounded else self.rule.severity, (self.cell,), message, numbers
        )


class Nonnegative(PerCell):
    __slots__ = ("cell", "computed")

    kind = "nonnegative"
    params = (Param("forms", "texts"),)
    messages = says({"negative": fields("cell", "value")})

    def __init__(self, rule: RuleDef, cell: CellDef) -> None:
        self.cell, self.computed = cell.id, cell.computed
        super().__init__(rule, cell)

    @classmethod
    def picks(cls, rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
        forms = set(rule.param("forms", []))
        return (c for c in scope.cells.values() if c.form in forms and c.kind in _AMOUNT_KINDS)

    def check(self, ctx: RuleContext) -> Finding | None:
        # The commonest instance by far (every amount cell): read the value without detours.
        calc = ctx.current
        value = calc.computed.get(self.cell) if self.computed else calc.inputs.get(self.cell)
        if not isinstance(value, Decimal) or value >= 0:
            return None
        message = self.say("negative", cell=ctx.cell_label(self.cell), value=format_exact(value))
        return Finding(self.rule.id, self.rule.severity, (self.cell,), message, {"value": str(value)})


class Whole(PerCell):
    __slots__ = ("cell",)

    kind = "whole"
    messages = says({"not_whole": fields("cell", "value")})

    def __init__(self, rule: RuleDef, cell: CellDef) -> None:
        self.cell = cell.id
        super().__init__(rule, cell)

    @classmethod
    def picks(cls, rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
        return (c for c in scope.cells.values() if c.kind == "count" and not c.computed)

    def check(self, ctx: RuleContext) -> Finding | None:
        value = ctx.number(self.cell)
        if value is None or (value >= 0 and value == value.to_integral_value()):
            return None
        message = self.say("not_whole", cell=ctx.cell_label(self.cell), value=str(value))
        return Finding(self.rule.id, self.rule.severity, (self.cell,), message, {"value": str(value)})
