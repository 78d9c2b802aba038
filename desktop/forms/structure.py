"""Which rows a dataset has, and from that every cell: input or computed with its formula.

Fixed forms list their rows in the catalogue. Classified forms grow rows as the clerk adds
项 codes; their 款/类 parents and the 合计 row follow. G01/G04 mirror the 类 rows of the
forms they summarise. Projects and the scoring tree have rows of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.catalogue import Catalogue, Column, Form, Mirror, Row
from desktop.forms.code_tree import ALL, CodeTree

TOTAL = "total"
_LEVEL_LENGTH = {1: 3, 2: 5, 3: 7}


def code_level(code: str) -> int | None:
    """3 digits → 1 (类), 5 → 2 (款), 7 → 3 (项); anything else is not a subject code."""
    if not code.isdigit():
        return None
    return {3: 1, 5: 2, 7: 3}.get(len(code))


def code_parents(code: str) -> list[str]:
    """The 类 and 款 above a code, top first."""
    level = code_level(code) or 0
    return [code[: _LEVEL_LENGTH[lv]] for lv in range(1, level)]


@dataclass(frozen=True, init=False)
class CellDef:
    id: str
    form: str
    row: str
    col: str
    kind: str
    formula: expr.Node | None = None
    # The cells the formula adds up, when it is only a sum of this year's cells (most computed
    # cells: every 款/类/合计 row and row total), else None: read off once, where it is built.
    terms: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    def __init__(
        self,
        id: str,
        form: str,
        row: str,
        col: str,
        kind: str,
        formula: expr.Node | None = None,
        terms: tuple[str, ...] | None = None,
    ) -> None:
        # Written straight into the instance: a frozen dataclass's own __init__ goes through
        # object.__setattr__ per field, 3× slower, and an open makes ~13,000 cells.
        fields = self.__dict__
        fields["id"], fields["form"], fields["row"], fields["col"], fields["kind"] = id, form, row, col, kind
        fields["formula"] = formula
        fields["terms"] = terms if terms is not None or formula is None else expr.sum_terms(formula)

    @property
    def computed(self) -> bool:
        return self.formula is not None


@dataclass
class Structure:
    """The dynamic rows of one year: classified input rows per form, projects, indicators."""

    rows: dict[str, list[str]] = field(default_factory=dict)
    # Each form's rows as a set, made on first use: a batch adding n rows stays linear.
    _members: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    # Each classified form's codes by the code they lie under, made on first use like `_members`.
    _trees: dict[str, CodeTree] = field(default_factory=dict, repr=False, compare=False)

    def of(self, form: str) -> list[str]:
        return self.rows.get(form, [])

    def _present(self, form: str) -> set[str]:
        members = self._members.get(form)
        if members is None:
            members = self._members[form] = set(self.rows.get(form, ()))
        return members

    def add(self, form: str, row: str) -> bool:
        members = self._present(form)
        if row in members:
            return False
        members.add(row)
        self.rows.setdefault(form, []).append(row)
        if form in self._trees:
            self._trees[form].count(row, 1)
        return True

    def remove(self, form: str, row: str) -> bool:
        members = self._present(form)
        if row not in members:
            return False
        members.discard(row)
        self.rows[form].remove(row)
        if form in self._trees:
            self._trees[form].count(row, -1)
        return True

    def tree(self, form: str) -> CodeTree:
        tree = self._trees.get(form)
        if tree is None:
            tree = self._trees[form] = CodeTree(self.rows.get(form, ()))
        return tree

    def has(self, form: str, row: str) -> bool:
        return row in self._present(form)

    def copy(self) -> Structure:
        return Structure({form: list(rows) for form, rows in self.rows.items()})


def implied_rows(catalogue: Catalogue, cell_ids: Iterable[str]) -> Structure:
    """The 项 (or 经济分类 款) rows that a set of cell ids writes into classified forms."""
    structure = Structure()
    for cell_id in cell_ids:
        form_id, _, rest = cell_id.partition(".")
        row = rest.rpartition(".")[0]
        form = catalogue.forms.get(form_id)
        if form is not None and form.kind == "classified" and code_level(row) == form.input_level:
            structure.add(form_id, row)
    return structure


def classified_rows(form: Form, inputs: Iterable[str]) -> list[str]:
    """Input codes with their parents, in code order (类, its 款, its 项 …); 合计 first."""
    codes = set()
    for code in inputs:
        codes.add(code)
        codes.update(code_parents(code))
    return [TOTAL, *sorted(codes)]


def mirror_rows(catalogue: Catalogue, form: Form, structure: Structure) -> list[str]:
    if form.mirror is None:
        return []
    classes = set()
    for source in form.mirror.sources:
        for code in structure.of(source):
            classes.add(code[:3])
    return sorted(classes)


@functools.lru_cache(maxsize=8192)
def _sum_of(refs: tuple[str, ...]) -> expr.Node:
    # Shared: a row added redefines its 款/类/合计 rows, whose sums mostly stay what they were;
    # the same tree then compares equal at once (identity) instead of node by node.
    return _chain(refs)


def _chain(refs: tuple[str, ...]) -> expr.Node:
    """`a + b + c` as the parser reads it (left to right); no terms: 0."""
    node: expr.Node | None = None
    for ref in refs:
        term = expr.Ref(ref)
        node = term if node is None else expr.Binary("+", node, term)
    return node if node is not None else expr.Num(Decimal(0))


@functools.cache
def _formula(text: str, form_id: str, row: str) -> tuple[expr.Node, tuple[str, ...] | None]:
    """A column's formula resolved for one row, and its terms when it is a plain sum. Cached,
    and parsed once per text: a dataset's open resolves the same few formula texts for
    thousands of rows, and the trees are immutable. A row total (`basic + project`) has its
    terms filled in directly, a tenth of the cost of resolving its tree node by node."""
    paths = _sum_template(text)
    if paths is not None:
        terms = tuple([expr.absolute(p.replace("{row}", row), form_id, row) for p in paths])
        return _sum_of(terms), terms
    node = expr.resolve(_template(text), form_id, row, {"row": row})
    return node, expr.sum_terms(node)


@functools.cache
def _template(text: str) -> expr.Node:
    return expr.parse(text)


@functools.cache
def _sum_template(text: str) -> tuple[str, ...] | None:
    """The references of a formula text that is a plain sum of this year's cells written left
    to right (what `_chain` builds), else None."""
    paths = expr.sum_terms(_template(text))
    return paths if paths is not None and _chain(paths) == _template(text) else None


def _sum_cell(form: Form, row: str, col: Column, terms: tuple[str, ...]) -> CellDef:
    """A cell that adds up `terms` (none: a constant 0)."""
    return CellDef(f"{form.id}.{row}.{col.id}", form.id, row, col.id, col.kind, _sum_of(terms), terms or None)


def _classified_row(form: Form, code: str, is_input: bool, children: list[str]) -> Iterator[CellDef]:
    """The cells of one row of a classified form: input 项, or the sum of its children."""
    for col in form.columns:
        cell_id = f"{form.id}.{code}.{col.id}"
        if col.formula:
            yield CellDef(cell_id, form.id, code, col.id, col.kind, *_formula(col.formula, form.id, code))
        elif is_input:
            yield CellDef(cell_id, form.id, code, col.id, col.kind)
        else:
            yield _sum_cell(form, code, col, tuple([f"{form.id}.{child}.{col.id}" for child in children]))


def _classified_cells(form: Form, structure: Structure) -> Iterator[CellDef]:
    inputs = set(structure.of(form.id))
    rows = classified_rows(form, inputs)
    children: dict[str, list[str]] = {}
    for code in rows[1:]:
        parents = code_parents(code)
        children.setdefault(parents[-1] if parents else TOTAL, []).append(code)
    explicit_total = form.row(TOTAL) is not None
    for code in rows:
        if code == TOTAL and explicit_total:
            continue
        is_input = code in inputs and code_level(code) == form.input_level
        yield from _classified_row(form, code, is_input, children.get(code, []))
    yield from _fixed_cells(form, form.rows)


def _cell(form: Form, row: Row, col: Column, formulas: Mapping[str, str]) -> CellDef:
    text = formulas.get(col.id) or col.formula
    formula, terms = _formula(text, form.id, row.id) if text else (None, None)
    return CellDef(
        f"{form.id}.{row.id}.{col.id}", form.id, row.id, col.id, row.kind or col.kind, formula, terms
    )


def _fixed_cells(form: Form, rows: Iterable[Row]) -> Iterator[CellDef]:
    for row in rows:
        for col in form.row_columns(row):
            yield _cell(form, row, col, row.formulas)


def _mirror_cells(catalogue: Catalogue, form: Form, structure: Structure) -> Iterator[CellDef]:
    mirror = form.mirror
    if mirror is None:
        return
    yield from _fixed_cells(
        form, [_mirror_row(mirror, code) for code in mirror_rows(catalogue, form, structure)]
    )


def _mirror_row(mirror: Mirror, code: str) -> Row:
    return Row(id=code, name=code, side=mirror.side, columns=mirror.columns, formulas=mirror.formulas)


def _project_cells(form: Form, structure: Structure) -> Iterator[CellDef]:
    for row_id in structure.of(form.id):
        columns = form.indicator_columns if "." in row_id else form.columns
        row = Row(id=row_id, name=row_id)
        for col in columns:
            yield _cell(form, row, col, {})


def _tree_cells(form: Form) -> Iterator[CellDef]:
    children: dict[str, list[str]] = {}
    for node in form.tree:
        children.setdefault(node.parent or TOTAL, []).append(node.code)
    for node in form.tree:
        kids = children.get(node.code, [])
        for col in form.columns:
            if kids:
                yield _sum_cell(form, node.code, col, tuple([f"{form.id}.{k}.{col.id}" for k in kids]))
                continue
            formula = expr.Num(node.weight) if col.id == "weight" else None
            yield CellDef(f"{form.id}.{node.code}.{col.id}", form.id, node.code, col.id, col.kind, formula)
    for col in form.columns:
        yield _sum_cell(form, TOTAL, col, tuple([f"{form.id}.{k}.{col.id}" for k in children.get(TOTAL, [])]))


def form_cells(catalogue: Catalogue, form: Form, structure: Structure) -> Iterator[CellDef]:
    if form.kind == "classified":
        yield from _classified_cells(form, structure)
    elif form.kind == "projects":
        yield from _project_cells(form, structure)
    elif form.kind == "tree":
        yield from _tree_cells(form)
    else:
        yield from _fixed_cells(form, form.rows)
        yield from _mirror_cells(catalogue, form, structure)


def input_leaves(cell_id: str, cells: Mapping[str, CellDef]) -> frozenset[str]:
    """The input cells a cell is computed from (itself when it is an input)."""
    cell = cells.get(cell_id)
    if cell is None or cell.formula is None:
        return frozenset({cell_id})
    parts = (input_leaves(ref.path, cells) for ref in expr.refs(cell.formula) if not ref.prior)
    return frozenset().union(*parts)


def build_cells(catalogue: Catalogue, structure: Structure) -> dict[str, CellDef]:
    """Every cell of every form for this structure, keyed by id."""
    return {
        cell.id: cell for form in catalogue.forms.values() for cell in form_cells(catalogue, form, structure)
    }


# --- one row at a time: what adding or removing a row redefines ------------------------------


def touched_rows(catalogue: Catalogue, form_id: str, row: str) -> list[tuple[str, str]]:
    """The (form, row) whose cells a row added to or removed from `form_id` may redefine: the
    row, its 款/类 and 合计 rows, and the 类 row of the forms that mirror it."""
    form = catalogue.forms[form_id]
    if form.kind != "classified":
        return [(form_id, row)]
    touched = [(form_id, code) for code in (row, *code_parents(row), TOTAL)]
    mirrors = [f.id for f in catalogue.forms.values() if f.mirror and form_id in f.mirror.sources]
    return touched + [(mirror, row[:3]) for mirror in mirrors]


def _children(form: Form, structure: Structure, code: str) -> list[str]:
    """The rows right under `code` (合计: the 类 rows), in code order."""
    width = _LEVEL_LENGTH.get((0 if code == TOTAL else code_level(code) or 0) + 1)
    if width is None:
        return []  # a 项 has no rows under it
    if code == TOTAL or len(code) in (3, 5):
        known = structure.tree(form.id).children(ALL if code == TOTAL else code)
        if known is not None:
            return known
    under = (
        structure.of(form.id) if code == TOTAL else [r for r in structure.of(form.id) if r.startswith(code)]
    )
    # A code deeper than the next level stands for its ancestor there (a 项 under a 类: its 款).
    return sorted(
        {r[:width] if len(r) in (5, 7) and len(r) > width and r.isdigit() else r for r in under} - {code}
    )


def row_cells(catalogue: Catalogue, structure: Structure, form_id: str, row: str) -> list[CellDef]:
    """The cells of one dynamic row as `build_cells` would define them (none: not there)."""
    form = catalogue.forms[form_id]
    if form.kind == "projects":
        return list(_project_cells(form, Structure({form_id: [row]}))) if structure.has(form_id, row) else []
    if form.kind == "classified":
        fixed = form.row(row)
        if fixed is not None:  # 公开06表's own 合计
            return list(_fixed_cells(form, [fixed]))
        listed = structure.has(form_id, row)
        is_input = listed and code_level(row) == form.input_level
        children = [] if is_input else _children(form, structure, row)
        present = listed or row == TOTAL or bool(children)
        return list(_classified_row(form, row, is_input, children)) if present else []
    mirror = form.mirror
    if mirror is not None and any(_holds_class(structure, source, row) for source in mirror.sources):
        return list(_fixed_cells(form, [_mirror_row(mirror, row)]))
    return []


def _holds_class(structure: Structure, form_id: str, code: str) -> bool:
    """Whether a row of `form_id` lies under the 类 `code` (asked of the code tree, not the rows)."""
    classes = structure.tree(form_id).classes()
    if classes is None:
        return any(row[:3] == code for row in structure.of(form_id))
    return code in classes
