"""`check`: a boolean expression that must hold, with the rule's own `message`, whose
`{CELL}` fields show the values of the cells the expression reads."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.forms import expr
from desktop.money import ZERO, format_exact
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import Instance, Param, PerRow, RuleScope, fields, per_row, says
from desktop.rules.kinds.expressions import compiled, current_refs


def _shown(ctx: RuleContext, ref: str) -> str:
    """A value as a message shows it: counts as whole numbers, amounts with 2+ decimals."""
    value = ctx.lookup(ref, False) or ZERO
    cell = ctx.current.cells.get(ref)
    return str(value) if cell is not None and cell.kind == "count" else format_exact(value)


class BooleanCheck(PerRow):
    __slots__ = ("node", "refs", "shown_cells")

    kind = "check"
    params = (
        Param("check", required=True),
        Param("message", required=True),
        Param("cells", "texts"),
        Param("for_each"),
    )
    messages = says({"failed": fields("message")})  # `message`: the rule's own, its cells filled in

    def __init__(self, rule: RuleDef, row: str, scope: RuleScope) -> None:
        self.node = compiled(rule.param("check"), row)
        self.shown_cells = tuple(expr.substitute(c, row=row) for c in rule.param("cells", []))
        self.refs = current_refs(self.node)
        super().__init__(rule, row, frozenset(self.refs))

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        return (cls(rule, row, scope) for row in per_row(rule, scope))

    def check(self, ctx: RuleContext) -> Finding | None:
        holds = expr.evaluate(self.node, ctx.lookup)
        if holds is None or holds:
            return None
        text = self.rule.param("message")
        numbers = {ref: _shown(ctx, ref) for ref in self.refs}
        for ref, value in numbers.items():
            text = text.replace("{" + ref + "}", value)
        cells = self.shown_cells or tuple(self.refs)
        return Finding(self.rule.id, self.rule.severity, cells, self.say("failed", message=text), numbers)
