"""Rule kinds: each turns a rule definition into checkable instances over the dataset's cells.

An instance knows the cells and texts it reads (for incremental re-checking) and returns a
Finding or None. Messages show the numbers and the difference, in 万元.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import TOTAL, CellDef, code_level, code_parents, input_leaves
from desktop.money import ZERO, format_exact, percent_text
from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding
from desktop.rules.perf_kinds import PERF_KINDS
from desktop.rules.precision import precision_parts, sum_terms
from desktop.rules.ruleset import RuleDef
from desktop.rules.stored import number_cells_by_row, stored_check
from desktop.rules.unit_offsets import UNIT_KINDS

Check = Callable[[RuleContext], Finding | None]
CENT = Decimal("0.01")
_FAILED_OP = {"=": "≠", "<=": ">", ">=": "<", "<": "≥", ">": "≤"}


@dataclass(frozen=True)
class Instance:
    key: str
    rule: RuleDef
    cells: frozenset[str]
    texts: frozenset[str]
    check: Check
    uses_prior: bool = False


@functools.cache
def _compile(text: str, row: str) -> expr.Node:
    # Cached: expression trees are immutable, and a templated rule has one text for all rows.
    return expr.parse(expr.substitute(text, row=row))


def _current_refs(*nodes: expr.Node) -> list[str]:
    return [ref.path for node in nodes for ref in expr.refs(node) if not ref.prior]


def _prior_refs(*nodes: expr.Node) -> list[str]:
    return [ref.path for node in nodes for ref in expr.refs(node) if ref.prior]


def _number(node: expr.Node, ctx: RuleContext) -> Decimal | None:
    value = expr.evaluate(node, ctx.lookup)
    return value if isinstance(value, Decimal) else None


Evaluator = Callable[[RuleContext], Decimal | None]


def _evaluator(node: expr.Node) -> Evaluator:
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


def _explained(rule: RuleDef, severity: str, reason: str | None, ctx: RuleContext) -> tuple[str, str]:
    """A filled reason text turns a finding into info."""
    if reason and ctx.text(reason):
        return "info", "（已说明原因）"
    return severity, ("（请填写原因）" if reason else "")


# --- for_each domains -------------------------------------------------------------------


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


def _label(rule: RuleDef, name: str, row: str, ctx: RuleContext) -> str:
    text = str(rule.param(name, ""))
    if "{row_label}" in text:
        text = text.replace("{row_label}", ctx.row_label(_row_form(rule), row))
    return text


# --- compare ------------------------------------------------------------------------------


def _compare_outcome(op: str, left: Decimal, right: Decimal) -> Decimal:
    """How far the comparison misses (0 when it holds)."""
    if op == "=":
        return abs(left - right)
    if op in ("<=", "<"):
        excess = left - right
        return excess if (excess > 0 or (op == "<" and excess == 0)) else ZERO
    shortfall = right - left
    return shortfall if (shortfall > 0 or (op == ">" and shortfall == 0)) else ZERO


def _tolerance(rule: RuleDef, current_terms: int, prior_terms: int, ctx: RuleContext) -> Decimal:
    """尾差 allowed: explicit, or 0.01 per term taken from a rounded year (equalities only)."""
    explicit = rule.param("tolerance")
    if explicit is not None:
        return Decimal(explicit)
    if rule.param("op") != "=":
        return ZERO
    terms = current_terms if ctx.settings.rounded else 0
    terms += prior_terms if ctx.settings.prior_rounded else 0
    return CENT * terms


def compare(rule: RuleDef, row: str) -> Instance:
    left, right = _compile(rule.param("left"), row), _compile(rule.param("right"), row)
    when = _compile(rule.param("when"), row) if rule.param("when") else None
    op = rule.param("op")
    reason = expr.substitute(rule.param("reason"), row=row) if rule.param("reason") else None
    refs, prior_refs = _current_refs(left, right), _prior_refs(left, right)
    named = (*dict.fromkeys(refs), *(f"prior:{ref}" for ref in dict.fromkeys(prior_refs)))
    deps = frozenset(refs) | frozenset(_current_refs(when) if when is not None else ())
    unit = rule.param("unit") or _unit(refs)
    left_value, right_value = _evaluator(left), _evaluator(right)

    def check(ctx: RuleContext) -> Finding | None:
        if when is not None and not expr.evaluate(when, ctx.lookup):
            return None
        a, b = left_value(ctx), right_value(ctx)
        if a is None or b is None:
            return None
        miss = _compare_outcome(op, a, b)
        if miss == 0:
            return None
        tolerance = _tolerance(rule, len(refs), len(prior_refs), ctx)
        severity, note = _explained(rule, rule.severity, reason, ctx)
        if miss <= tolerance:
            severity, note = "info", "（尾差）"
        left_side = f"{_label(rule, 'left_label', row, ctx)} {format_exact(a)}"
        right_side = f"{_label(rule, 'right_label', row, ctx)} {format_exact(b)}"
        message = f"{left_side} {_FAILED_OP[op]} {right_side}（差 {format_exact(a - b)} {unit}）{note}"
        numbers = {"left": str(a), "right": str(b), "difference": str(a - b)}
        return Finding(rule.id, severity, named, message, numbers, reason)

    return Instance(_key(rule, row), rule, deps, _texts(reason), check, bool(prior_refs))


def _unit(refs: list[str]) -> str:
    """Scores and weights (P01 indicators, P02) are points; everything else is 万元."""
    points = refs and all(ref.endswith((".score", ".weight")) for ref in refs)
    return "分" if points else "万元"


def _key(rule: RuleDef, row: str) -> str:
    return f"{rule.id}@{row}" if row else rule.id


def _texts(*keys: str | None) -> frozenset[str]:
    return frozenset(k for k in keys if k)


# --- check: a boolean expression with a message template ------------------------------


def boolean_check(rule: RuleDef, row: str) -> Instance:
    node = _compile(rule.param("check"), row)
    cells = tuple(expr.substitute(c, row=row) for c in rule.param("cells", []))
    refs = _current_refs(node)

    def check(ctx: RuleContext) -> Finding | None:
        holds = expr.evaluate(node, ctx.lookup)
        if holds is None or holds:
            return None
        message = rule.param("message")
        numbers = {ref: _shown(ctx, ref) for ref in refs}
        for ref, value in numbers.items():
            message = message.replace("{" + ref + "}", value)
        return Finding(rule.id, rule.severity, cells or tuple(refs), message, numbers)

    return Instance(_key(rule, row), rule, frozenset(refs), frozenset(), check)


def _shown(ctx: RuleContext, ref: str) -> str:
    """A value as a message shows it: counts as whole numbers, amounts with 2+ decimals."""
    value = ctx.lookup(ref, False) or ZERO
    cell = ctx.current.cells.get(ref)
    return str(value) if cell is not None and cell.kind == "count" else format_exact(value)


# --- explanations: year-over-year, 决算 vs 预算, required texts ---------------------------


def yoy(rule: RuleDef, row: str) -> Instance:
    cell = rule.param("cell")
    reason = rule.param("reason")

    def check(ctx: RuleContext) -> Finding | None:
        this, last = ctx.number(cell), ctx.prior_number(cell)
        if this is None or not last:
            return None
        rate = (this - last) / last
        threshold = ctx.settings.threshold
        if abs(rate) <= threshold:
            return None
        severity, note = _explained(rule, rule.severity, reason, ctx)
        change = this - last
        direction = "增加" if change > 0 else "减少"
        message = (
            f"{rule.param('label')}：本年 {format_exact(this)} 万元，上年 {format_exact(last)} 万元，"
            f"{direction} {format_exact(abs(change))} 万元（{percent_text(rate)}），"
            f"变动超过 ±{percent_text(threshold, 0)}{note}"
        )
        numbers = {"this": str(this), "last": str(last), "change": str(change), "rate": str(rate)}
        return Finding(rule.id, severity, (cell,), message, numbers, reason)

    return Instance(rule.id, rule, frozenset({cell}), _texts(reason), check, uses_prior=True)


def budget(rule: RuleDef, row: str, cells: Mapping[str, CellDef]) -> Instance:
    actual_cell = expr.substitute(rule.param("actual"), row=row)
    budget_cell = expr.substitute(rule.param("budget"), row=row)
    reason = expr.substitute(rule.param("reason"), row=row)
    # A 预算 is stated when any input it is made of is filled (a computed 合计 of blanks is not).
    budget_inputs = input_leaves(budget_cell, cells)

    def check(ctx: RuleContext) -> Finding | None:
        if all(ctx.number(cell) is None for cell in budget_inputs):
            return None
        planned, actual = ctx.number(budget_cell), ctx.number(actual_cell) or ZERO
        if planned is None or planned == actual:
            return None
        severity, note = _explained(rule, rule.severity, reason, ctx)
        rate = percent_text(actual / planned) if planned else "—"
        side = "低于" if actual < planned else "高于"
        message = (
            f"{_label(rule, 'label', row, ctx)}：决算 {format_exact(actual)} 万元{side}预算 "
            f"{format_exact(planned)} 万元，完成预算 {rate}{note}"
        )
        numbers = {"actual": str(actual), "budget": str(planned), "difference": str(actual - planned)}
        return Finding(rule.id, severity, (actual_cell, budget_cell), message, numbers, reason)

    deps = frozenset({actual_cell, budget_cell}) | budget_inputs
    return Instance(_key(rule, row), rule, deps, _texts(reason), check)


def required_text(rule: RuleDef, row: str) -> Instance:
    when = _compile(rule.param("when"), row)
    key = rule.param("text")
    refs = _current_refs(when)

    def check(ctx: RuleContext) -> Finding | None:
        if not expr.evaluate(when, ctx.lookup) or ctx.text(key):
            return None
        message = f"请填写“{rule.param('label')}”：情况说明需要这段文字"
        return Finding(rule.id, rule.severity, tuple(refs[:1]), message, {}, key)

    return Instance(rule.id, rule, frozenset(refs), _texts(key), check)


# --- cell-by-cell kinds -------------------------------------------------------------------


def declared(rule: RuleDef, cell: CellDef) -> Instance:
    assert cell.formula is not None
    terms = max(1, sum(1 for _ in expr.refs(cell.formula)))

    def check(ctx: RuleContext) -> Finding | None:
        stated, computed = ctx.declared.get(cell.id), ctx.number(cell.id)
        if stated is None or computed is None or stated == computed:
            return None
        diff = stated - computed
        rounded = ctx.settings.rounded and abs(diff) <= CENT * terms
        message = (
            f"{ctx.cell_label(cell.id)}：文件中为 {format_exact(stated)}，按公式计算为 "
            f"{format_exact(computed)}（差 {format_exact(diff)} 万元）{'（尾差）' if rounded else ''}"
        )
        numbers = {"stated": str(stated), "computed": str(computed), "difference": str(diff)}
        return Finding(rule.id, "info" if rounded else rule.severity, (cell.id,), message, numbers)

    return Instance(_key(rule, cell.id), rule, frozenset({cell.id}), frozenset(), check)


def nonnegative(rule: RuleDef, cell: CellDef) -> Instance:
    # The commonest instance by far (every amount cell): read the value without detours.
    cell_id, computed = cell.id, cell.computed

    def check(ctx: RuleContext) -> Finding | None:
        calc = ctx.current
        value = calc.computed.get(cell_id) if computed else calc.inputs.get(cell_id)
        if not isinstance(value, Decimal) or value >= 0:
            return None
        message = f"{ctx.cell_label(cell.id)} 为 {format_exact(value)}：不应为负数"
        return Finding(rule.id, rule.severity, (cell.id,), message, {"value": str(value)})

    return Instance(_key(rule, cell.id), rule, frozenset({cell.id}), frozenset(), check)


def whole(rule: RuleDef, cell: CellDef) -> Instance:
    def check(ctx: RuleContext) -> Finding | None:
        value = ctx.number(cell.id)
        if value is None or (value >= 0 and value == value.to_integral_value()):
            return None
        message = f"{ctx.cell_label(cell.id)} 为 {value}：应为不小于 0 的整数"
        return Finding(rule.id, rule.severity, (cell.id,), message, {"value": str(value)})

    return Instance(_key(rule, cell.id), rule, frozenset({cell.id}), frozenset(), check)


def _list_name(ctx: RuleContext, codes: str) -> str:
    if codes == "economic":
        return "部门预算支出经济分类"
    return f"{ctx.naming.codes.of(codes).year}年支出功能分类"


def code_known(rule: RuleDef, form: str, codes: str, row: str, cell_ids: frozenset[str]) -> Instance:
    """A code the edition's list lacks: a warning, or info when an imported workbook named it."""
    first = tuple(sorted(cell_ids))[:1]

    def check(ctx: RuleContext) -> Finding | None:
        unknown = [c for c in (*code_parents(row), row) if not ctx.naming.listed(codes, c)]
        if not unknown:
            return None
        where = f"{form} 科目编码 {', '.join(unknown)} 不在{_list_name(ctx, codes)}科目中"
        named = [f"{c}“{ctx.naming.imported_name(codes, c)}”" for c in unknown]
        if all(ctx.naming.imported_name(codes, c) for c in unknown):
            message = f"{where}：采用导入文件中的名称 {'，'.join(named)}"
            return Finding(rule.id, "info", first, message, {"code": row})
        return Finding(rule.id, rule.severity, first, f"{where}：请核对编码", {"code": row})

    return Instance(_key(rule, f"{form}.{row}"), rule, cell_ids, frozenset(), check)


# --- 绩效 ---------------------------------------------------------------------------------

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (ZERO, "差"))
GRADE_ALIASES = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "及格": "中", "较差": "差"}


def grade_of(total: Decimal) -> str:
    return next(name for floor, name in GRADES if total >= floor)


IndicatorIndex = Mapping[tuple[str, str], list[str]]


def indicator_index(cells: Mapping[str, CellDef]) -> IndicatorIndex:
    """Indicator cells by (project, column), in row order: built once per rebuild (a scan per
    project made rebuilds quadratic in the number of cells)."""
    index: dict[tuple[str, str], list[str]] = {}
    for cell in cells.values():
        if cell.form == "P01" and cell.row.count(".") == 1:
            index.setdefault((cell.row.split(".", 1)[0], cell.col), []).append(cell.id)
    return index


def _indicator_cells(index: IndicatorIndex, project: str, col: str) -> list[str]:
    return list(index.get((project, col), ()))


def project_weights(rule: RuleDef, project: str, index: IndicatorIndex) -> Instance:
    weights = _indicator_cells(index, project, "weight")

    def check(ctx: RuleContext) -> Finding | None:
        filled = [v for c in weights if (v := ctx.number(c)) is not None]
        if not filled or sum(filled) + 10 == 100:
            return None
        total = sum(filled, ZERO)
        message = (
            f"{ctx.row_label('P01', project)}：指标分值合计 {format_exact(total)} + 预算执行 10 分 = "
            f"{format_exact(total + 10)}，应为 100 分"
        )
        return Finding(rule.id, rule.severity, tuple(weights), message, {"weights": str(total)})

    return Instance(_key(rule, project), rule, frozenset(weights), frozenset(), check)


def project_grade(rule: RuleDef, project: str, index: IndicatorIndex) -> Instance:
    scores = _indicator_cells(index, project, "score")
    grade_cell, exec_cell = f"P01.{project}.grade", f"P01.{project}.exec_score"

    def check(ctx: RuleContext) -> Finding | None:
        stated = ctx.string(grade_cell).strip()
        filled = [v for c in scores if (v := ctx.number(c)) is not None]
        if not stated or not filled:
            return None
        total = sum(filled, ZERO) + (ctx.number(exec_cell) or ZERO)
        expected = grade_of(total)
        if GRADE_ALIASES.get(stated, stated)[:1] == expected:
            return None
        message = (
            f"{ctx.row_label('P01', project)}：总分 {format_exact(total)} 分对应等级“{expected}”，"
            f"自评等级却为“{stated}”"
        )
        return Finding(rule.id, rule.severity, (grade_cell,), message, {"total": str(total)})

    deps = frozenset({grade_cell, exec_cell, *scores})
    return Instance(_key(rule, project), rule, deps, frozenset(), check)


# --- assembly -----------------------------------------------------------------------------

_TEMPLATED: dict[str, Callable[[RuleDef, str], Instance]] = {
    "compare": compare, "check": boolean_check, "yoy": yoy, "required_text": required_text,
}  # fmt: skip
_PER_PROJECT = {"project_weights": project_weights, "project_grade": project_grade}


def _perf_instance(rule: RuleDef, row: str) -> Instance:
    cells, check = PERF_KINDS[rule.kind](rule, row)
    return Instance(_key(rule, row), rule, cells, frozenset(), check)


_TEMPLATED.update(dict.fromkeys(PERF_KINDS, _perf_instance))
_TEMPLATED.update(
    {k: lambda r, row: Instance(_key(r, row), r, *UNIT_KINDS[r.kind](r, row)) for k in UNIT_KINDS}
)
_AMOUNT_KINDS = ("amount",)


def _cell_instances(rule: RuleDef, cells: Mapping[str, CellDef]) -> Iterator[Instance]:
    if rule.kind == "declared":
        yield from (declared(rule, c) for c in cells.values() if c.computed and c.kind != "text")
    elif rule.kind == "nonnegative":
        forms = set(rule.param("forms", []))
        yield from (
            nonnegative(rule, c) for c in cells.values() if c.form in forms and c.kind in _AMOUNT_KINDS
        )
    elif rule.kind == "whole":
        yield from (whole(rule, c) for c in cells.values() if c.kind == "count" and not c.computed)
    elif rule.kind in ("precision", "printed_sum"):
        for cell_id, (reads, check) in precision_parts(rule, cells):
            yield Instance(_key(rule, cell_id), rule, reads, frozenset(), check)
    elif rule.kind == "stored":
        for row, ids in number_cells_by_row(cells):
            check = stored_check(rule, ids)
            yield Instance(_key(rule, row), rule, frozenset(ids), frozenset(), check, uses_prior=True)


def _code_instances(
    rule: RuleDef, cells: Mapping[str, CellDef], catalogue_codes: Mapping[str, str]
) -> Iterator[Instance]:
    rows: dict[tuple[str, str], set[str]] = {}
    for cell in cells.values():
        codes = catalogue_codes.get(cell.form)
        if codes and not cell.computed and code_level(cell.row) is not None:
            rows.setdefault((cell.form, cell.row), set()).add(cell.id)
    for (form, row), ids in rows.items():
        yield code_known(rule, form, catalogue_codes[form], row, frozenset(ids))


def instances(
    rule: RuleDef, cells: Mapping[str, CellDef], catalogue_codes: Mapping[str, str]
) -> Iterator[Instance]:
    """Every instance of one rule over the dataset's current cells."""
    if rule.kind in _TEMPLATED:
        for row in rows_for(rule.param("for_each"), cells):
            yield _TEMPLATED[rule.kind](rule, row)
    elif rule.kind == "budget":
        for row in rows_for(rule.param("for_each"), cells):
            yield budget(rule, row, cells)
    elif rule.kind in _PER_PROJECT:
        index = indicator_index(cells)
        for project in rows_for("projects", cells):
            yield _PER_PROJECT[rule.kind](rule, project, index)
    elif rule.kind == "code":
        yield from _code_instances(rule, cells, catalogue_codes)
    else:
        yield from _cell_instances(rule, cells)
