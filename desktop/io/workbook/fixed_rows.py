"""Rows known by their label: two-sided tables (公开01/04表: 收入 ‖ 支出, the 类 lines of the
支出 side) and tables whose rows are bands (公开07表: 预算数 and 决算数, as two bands of one row or
as two rows). The labels a row may carry are the form's data (`labels`)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from desktop.forms.catalogue import Form, Row
from desktop.io.workbook.coded_rows import Mapped, NameToCode, resolve_name
from desktop.io.workbook.columns import best_match, row_bands
from desktop.io.workbook.layout import SideRow, label_name
from desktop.io.workbook.text import numbering_ordinal, pattern, split_code


def _matches(row: Row, name: str) -> bool:
    return any(pattern(label).search(name) for label in row.labels)


class _SideRows:
    """The rows of one side in form order; a level-1 row belongs to the level-0 row above it
    (the funds under 年初财政拨款结转和结余), and is matched only right after that row."""

    def __init__(self, form: Form, side: str) -> None:
        self.rows = [r for r in form.rows if r.side == side]
        self.parent: Row | None = None

    def children(self, parent: Row) -> list[Row]:
        at = self.rows.index(parent) + 1
        kids: list[Row] = []
        for row in self.rows[at:]:
            if row.level == 0:
                break
            kids.append(row)
        return kids

    def match(self, name: str) -> Row | None:
        """Within the open parent first; a level-0 row closes it (and opens itself)."""
        if self.parent is not None:
            child = next((r for r in self.children(self.parent) if _matches(r, name)), None)
            if child is not None:
                return child
        top = next((r for r in self.rows if r.level == 0 and _matches(r, name)), None)
        if top is not None:
            self.parent = top if self.children(top) else None
        return top


def map_two_sided(
    form: Form, rows: Iterable[SideRow], name_to_code: NameToCode, classes: tuple[str, ...]
) -> Mapped:
    """`classes`: the 类 the table prints, in order (a 类 line known only by its number word)."""
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    sides = {side: _SideRows(form, side) for side in ("income", "expense")}
    for row in rows:
        side = "income" if _is_income(row) else "expense"
        matched = sides[side].match(label_name(row.labels))
        if not row.has_figures:
            continue
        if matched is not None:
            values.update(_row_cells(form, matched, row))
        elif side == (form.mirror.side if form.mirror else None) and (
            code := class_code(row, name_to_code, classes)
        ):
            values.update({f"{form.id}.{code}.{col}": amount for col, amount in _mirror_amounts(form, row)})
        else:
            unmatched.append((row.row, row.text()))
    return values, unmatched


def _row_cells(form: Form, matched: Row, row: SideRow) -> dict[str, Decimal]:
    """A single-amount row takes the first amount; a row of several columns each of its own;
    a `spread` row hands the amounts of other columns to the rows it names (年末结转和结余 as one
    row of 合计 | 一般公共预算 | 政府性基金 | 国有资本经营)."""
    filled = row.filled()
    columns = [c.id for c in form.row_columns(matched)]
    if len(columns) > 1:
        cells = {f"{form.id}.{matched.id}.{c}": filled[c] for c in columns if c in filled}
    else:
        cells = {f"{form.id}.{matched.id}.{columns[0]}": _first_amount(filled)}
    for col, target in matched.spread.items():
        if col in filled:
            cells[f"{form.id}.{target}.{columns[0]}"] = filled[col]
    return cells


def _mirror_amounts(form: Form, row: SideRow) -> list[tuple[str, Decimal]]:
    columns = (
        form.mirror.columns if form.mirror and form.mirror.columns else tuple(c.id for c in form.columns)
    )
    filled = row.filled()
    if len(columns) == 1:
        return [(columns[0], _first_amount(filled))]
    return [(col, amount) for col, amount in filled.items() if col in columns]


def map_banded(form: Form, rows: Iterable[SideRow]) -> Mapped:
    """Columns read as `row.column` from their bands, or as `column` on a row whose label names
    the row (预算数 / 决算数)."""
    bands = row_bands(form)
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    for row in rows:
        if not row.has_figures:
            continue
        band = best_match(bands, row.text())
        cells = {
            cell: amount for key, amount in row.filled().items() if (cell := _banded_id(form, key, band))
        }
        if len(cells) < len(row.amounts):  # a column without 预算数/决算数 on a row that does not say
            unmatched.append((row.row, row.text()))
        else:
            values.update(cells)
    return values, unmatched


def _banded_id(form: Form, key: str, band: str | None) -> str | None:
    if "." in key:
        return f"{form.id}.{key}"
    return f"{form.id}.{band}.{key}" if band else None


def class_code(row: SideRow, name_to_code: NameToCode, classes: tuple[str, ...]) -> str | None:
    """A 类 line: its written code, the code list (names of other years are aliases there),
    then its number word in the table's list of 类."""
    code, _name = split_code(row.labels.get("code") or row.labels.get("name", ""))
    if code is not None:
        return code if len(code) == 3 else None
    name = label_name(row.labels)
    found = resolve_name(name, (None,), name_to_code) if name else None
    if found is not None and len(found) == 3:
        return found
    ordinal = numbering_ordinal(row.labels.get("name", ""))
    return classes[ordinal - 1] if ordinal and ordinal <= len(classes) else None


def _is_income(row: SideRow) -> bool:
    # Without a 收入/支出 band over the label column, the left side is the 收入 side.
    return row.side.kind == "income" or (not row.side.kind and row.side.index == 0)


def _first_amount(filled: dict[str, Decimal]) -> Decimal:
    for key in ("amount", "total"):
        if key in filled:
            return filled[key]
    return next(iter(filled.values()))
