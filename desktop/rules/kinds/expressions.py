"""Expressions and rows of templated rules: the rows a rule repeats over (`for_each`), its
expressions compiled for one row, the cells they read, and their labels for one row."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import TOTAL, CellDef
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef

Evaluator = Callable[[RuleContext], Decimal | None]


ROW = "{row}"
# A row that fills `{row}` inside one reference token without changing how the text parses.
_PLAIN_ROW = re.compile(r"[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*")
_WORDS = {"and", "or", "not", *expr.FUNCTIONS}


def compiled(text: str, row: str) -> expr.Node:
    """The expression `text` with `{row}` filled: its template is parsed once (a rule repeats
    over thousands of rows) and the row filled into the tree's references, which is the tree
    of the filled text; a row for which that might differ is parsed as filled."""
    template = _template(text)
    if ROW not in text and template is not None:
        return template
    filled = _filled(template, row) if template is not None and _PLAIN_ROW.fullmatch(row) else None
    return filled if filled is not None else expr.parse(expr.substitute(text, row=row))


def may_be_ref(text: str, row: str) -> bool:
    """Whether `text` compiled for `row` can be one reference (a cell another side may fill):
    filling `{row}` keeps the template's shape, so only a template that is one, or a row that
    is parsed as filled, can be."""
    template = _template(text)
    return template is None or isinstance(template, expr.Ref) or not _PLAIN_ROW.fullmatch(row)


@functools.cache
def _template(text: str) -> expr.Node | None:
    try:
        return expr.parse(text)
    except expr.ExprError:
        return None  # parsed as filled, which says what is wrong with it


def _filled(node: expr.Node, row: str) -> expr.Node | None:
    """The tree with `row` in place of `{row}`; None when a filled reference would read as a
    number or a word of the language."""
    match node:
        case expr.Ref(path=path, prior=prior) if ROW in path:
            path = path.replace(ROW, row)
            return None if path in _WORDS or expr.is_number(path) else expr.Ref(path, prior)
        case expr.Unary(op=op, operand=operand):
            inner = _filled(operand, row)
            return None if inner is None else expr.Unary(op, inner)
        case expr.Binary(op=op, left=left, right=right):
            a, b = _filled(left, row), _filled(right, row)
            return None if a is None or b is None else expr.Binary(op, a, b)
        case expr.Call(name=name, args=args):
            filled = [_filled(arg, row) for arg in args]
            return None if None in filled else expr.Call(name, tuple(a for a in filled if a is not None))
    return node


def current_refs(*nodes: expr.Node) -> list[str]:
    return [ref.path for node in nodes for ref in expr.refs(node) if not ref.prior]


def prior_refs(*nodes: expr.Node) -> list[str]:
    return [ref.path for node in nodes for ref in expr.refs(node) if ref.prior]


def sum_terms(node: expr.Node) -> list[expr.Ref] | None:
    """The references of an expression that is only a sum of references, else None. Walked
    left to right with a stack: a 合计's formula is a chain of dozens of additions, and
    joining the lists of its halves at each one copied them quadratically."""
    terms: list[expr.Ref] = []
    pending = [node]
    while pending:
        part = pending.pop()
        if isinstance(part, expr.Ref):
            terms.append(part)
        elif isinstance(part, expr.Binary) and part.op == "+":
            pending += (part.right, part.left)
        else:
            return None
    return terms


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


IndicatorIndex = Mapping[tuple[str, str], list[str]]


def indicator_index(cells: Mapping[str, CellDef]) -> IndicatorIndex:
    """Indicator cells by (project, column), in row order: built once per pass (a scan per
    project made rebuilds quadratic in the number of cells)."""
    index: dict[tuple[str, str], list[str]] = {}
    for cell in cells.values():
        if cell.form == "P01" and cell.row.count(".") == 1:
            index.setdefault((cell.row.split(".", 1)[0], cell.col), []).append(cell.id)
    return index


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
