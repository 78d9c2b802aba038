"""Expressions and rows of templated rules: the rows a rule repeats over (`for_each`), its
expressions compiled for one row, the cells they read, and their labels for one row."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import TOTAL, CellDef
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef

Evaluator = Callable[[RuleContext], Decimal | None]


@functools.cache
def compiled(text: str, row: str) -> expr.Node:
    # Cached: expression trees are immutable, and a templated rule has one text for all rows.
    return expr.parse(expr.substitute(text, row=row))


def current_refs(*nodes: expr.Node) -> list[str]:
    return [ref.path for node in nodes for ref in expr.refs(node) if not ref.prior]


def prior_refs(*nodes: expr.Node) -> list[str]:
    return [ref.path for node in nodes for ref in expr.refs(node) if ref.prior]


def sum_terms(node: expr.Node) -> list[expr.Ref] | None:
    """The references of an expression that is only a sum of references, else None."""
    if isinstance(node, expr.Ref):
        return [node]
    if isinstance(node, expr.Binary) and node.op == "+":
        left, right = sum_terms(node.left), sum_terms(node.right)
        return None if left is None or right is None else left + right
    return None


def _number(node: expr.Node, ctx: RuleContext) -> Decimal | None:
    value = expr.evaluate(node, ctx.lookup)
    return value if isinstance(value, Decimal) else None


def evaluator(node: expr.Node) -> Evaluator:
    """A number-valued expression as a function of the context. Sums of references (almost
    every rule side) skip the generic tree walk; the result is the same left-to-right sum."""
    terms = sum_terms(node)
    if terms is None:
        return lambda ctx: _number(node, ctx)
    refs = [(term.path, term.prior) for term in terms]

    def total(ctx: RuleContext) -> Decimal | None:
        result: Decimal | None = None
        for path, prior in refs:
            value = ctx.lookup(path, prior)
            if value is None:
                return None
            result = value if result is None else result + value
        return result

    return total


def rows_for(domain: str | None, cells: Mapping[str, CellDef]) -> list[str]:
    """The rows a templated rule repeats over; [""] for an untemplated rule."""
    if domain is None:
        return [""]
    kind, _, arg = domain.partition(":")
    forms = set(arg.split(",")) if arg else set()
    rows: dict[str, None] = {}
    for cell in cells.values():
        if (
            (kind == "rows" and cell.form in forms)
            or (kind == "items" and cell.form in forms and cell.row != TOTAL and not cell.computed)
            or (kind == "projects" and cell.form == "P01" and "." not in cell.row)
            or (kind == "indicators" and cell.form == "P01" and "." in cell.row)
            or (kind == "tree" and cell.form == "P02" and cell.row != TOTAL)
        ):
            rows.setdefault(cell.row)
    return list(rows)


def _row_form(rule: RuleDef) -> str:
    domain = str(rule.param("for_each", ""))
    _, _, arg = domain.partition(":")
    if arg:
        return arg.split(",")[0]
    return {"projects": "P01", "indicators": "P01", "tree": "P02"}.get(domain, "")


def label(rule: RuleDef, name: str, row: str, ctx: RuleContext) -> str:
    """The rule's label parameter `name`, its `{row_label}` naming the row."""
    text = str(rule.param(name, ""))
    if "{row_label}" in text:
        text = text.replace("{row_label}", ctx.row_label(_row_form(rule), row))
    return text
