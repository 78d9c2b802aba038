"""Where each cell of a form sits in the grid: the official arrangement as plain data.

A layout is a list of columns (with the band that groups them under a merged header) and
rows of slots; a slot is a label (科目编码, 名称) or a cell id. Two-sided tables (公开01/04表)
put income and expense blocks side by side; 公开06表 puts 人员经费 beside 公用经费. The model
and the view only read the layout, so a new arrangement is a new builder here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.forms.catalogue import Column, Form
from desktop.forms.layout import SheetRow
from desktop.ui.text import tr

CURRENT, PRIOR, CHANGE = "current", "prior", "change"


@dataclass(frozen=True)
class Slot:
    role: str = "blank"  # blank | code | name | group | value
    text: str = ""
    cell: str | None = None
    level: int = 0
    emphasis: bool = False
    view: str = CURRENT  # for values: this year, last year, or the change


@dataclass(frozen=True)
class GridColumn:
    title: str
    role: str  # code | name | group | value
    band: str | None = None
    kind: str = "amount"
    view: str = CURRENT
    printed: bool = True


@dataclass
class GridLayout:
    columns: list[GridColumn]
    rows: list[list[Slot]]
    _where: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    _shown: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for r, row in enumerate(self.rows):
            for c, slot in enumerate(row):
                if slot.cell and slot.view == CURRENT:
                    self._where.setdefault(slot.cell, (r, c))
                if slot.cell:
                    self._shown.setdefault(slot.cell, []).append((r, c))

    def slot(self, row: int, col: int) -> Slot:
        return self.rows[row][col]

    def find(self, cell: str) -> tuple[int, int] | None:
        return self._where.get(cell)

    def places(self, cell: str) -> list[tuple[int, int]]:
        """Every slot showing the cell: this year's, last year's and the change."""
        return self._shown.get(cell, [])

    def row_cells(self, row: int) -> list[str]:
        return [s.cell for s in self.rows[row] if s.cell and s.view == CURRENT]


@dataclass(frozen=True)
class GridBlock:
    """One side of a table: its rows and how its columns are titled."""

    rows: Sequence[SheetRow | None]
    band: str | None = None
    coded: bool = False
    label: str = "项目"


# --- columns ------------------------------------------------------------------------------


def value_columns(form: Form, rows: Sequence[SheetRow | None]) -> list[Column]:
    """The value columns a block shows: those of its multi-column rows (a single-amount row
    such as 年末结转和结余 in 公开04表 then sits in the first one), printed columns first."""
    present = [r for r in rows if r is not None]
    wide = [r for r in present if len(r.columns) > 1] or present
    used = {c for r in wide for c in r.columns}
    columns = [c for c in (*form.columns, *form.indicator_columns) if c.id in used]
    return [c for c in columns if c.printed] + [c for c in columns if not c.printed]


def _value_headers(column: Column, band: str | None, prior: bool) -> list[GridColumn]:
    title = column.name if column.printed else column.name + "\n" + tr("（不公开）")
    own = band or column.band
    headers = [GridColumn(title, "value", own, column.kind, CURRENT, column.printed)]
    if prior and column.kind != "text":
        headers.append(GridColumn(tr("上年数"), "value", own, column.kind, PRIOR, column.printed))
        headers.append(GridColumn(tr("增减"), "value", own, column.kind, CHANGE, column.printed))
    return headers


def _label_headers(block: GridBlock, grouped: bool) -> list[GridColumn]:
    headers = [GridColumn(tr("类别"), "group", block.band)] if grouped else []
    if block.coded:
        headers.append(GridColumn(tr("科目编码"), "code", block.band))
    headers.append(GridColumn(tr(block.label), "name", block.band))
    return headers


# --- rows ---------------------------------------------------------------------------------


def _cell_for(form: Form, row: SheetRow, column: Column, first: bool) -> str | None:
    if column.id in row.columns:
        return f"{form.id}.{row.id}.{column.id}"
    if first and len(row.columns) == 1:
        return f"{form.id}.{row.id}.{row.columns[0]}"
    return None


def _row_slots(
    form: Form, block: GridBlock, row: SheetRow | None, columns: list[Column], prior: bool, group: str
) -> list[Slot]:
    grouped = any(r is not None and r.group for r in block.rows)
    width = len(_label_headers(block, grouped)) + sum(len(_value_headers(c, None, prior)) for c in columns)
    if row is None:
        return [Slot() for _ in range(width)]
    slots = [Slot("group", group)] if grouped else []
    if block.coded:
        slots.append(Slot("code", row.code, emphasis=row.emphasis))
    slots.append(Slot("name", row.name, level=row.level, emphasis=row.emphasis))
    for i, column in enumerate(columns):
        cell = _cell_for(form, row, column, i == 0)
        views = (CURRENT, PRIOR, CHANGE) if prior and column.kind != "text" else (CURRENT,)
        slots += [Slot("value", cell=cell, emphasis=row.emphasis, view=v) for v in views]
    return slots


def _block_grid(form: Form, block: GridBlock, prior: bool) -> tuple[list[GridColumn], list[list[Slot]]]:
    columns = value_columns(form, block.rows)
    grouped = any(r is not None and r.group for r in block.rows)
    headers = _label_headers(block, grouped)
    for column in columns:
        headers += _value_headers(column, block.band, prior)
    rows, last_group = [], None
    for row in block.rows:
        group = row.group if row is not None and row.group != last_group else ""
        last_group = row.group if row is not None else last_group
        rows.append(_row_slots(form, block, row, columns, prior, group or ""))
    return headers, rows


def side_by_side(form: Form, blocks: Sequence[GridBlock], prior: bool) -> GridLayout:
    grids = [_block_grid(form, b, prior) for b in blocks]
    columns = [h for headers, _ in grids for h in headers]
    height = max(len(rows) for _, rows in grids)
    rows: list[list[Slot]] = [[] for _ in range(height)]
    for headers, block_rows in grids:
        padded = block_rows + [[Slot() for _ in headers]] * (height - len(block_rows))
        for target, slots in zip(rows, padded, strict=True):
            target += slots
    return GridLayout(columns, rows)


def align_last(left: list[SheetRow | None], right: list[SheetRow | None]) -> None:
    """Pad the shorter side before its last row, so 总计 faces 总计 as the printed table has it."""
    short = left if len(left) < len(right) else right
    gap = abs(len(left) - len(right))
    if short and gap:
        short[-1:-1] = [None] * gap


# --- builders per form layout ------------------------------------------------------------


def _coded(form: Form) -> bool:
    return form.kind == "classified" or form.mirror is not None


def _label(form: Form) -> str:
    if _coded(form):
        return "科目名称"
    return "指标" if form.kind == "tree" else "项目"


def two_sided(form: Form, rows: list[SheetRow], prior: bool) -> GridLayout:
    income: list[SheetRow | None] = [r for r in rows if r.side != "expense"]
    expense: list[SheetRow | None] = [r for r in rows if r.side == "expense"]
    align_last(income, expense)
    return side_by_side(
        form,
        [
            GridBlock(income, tr("收入"), label="项目"),
            GridBlock(expense, tr("支出"), coded=form.mirror is not None and form.mirror.side == "expense"),
        ],
        prior,
    )


_CLASS_REF = re.compile(r"\b(\d{3})\.")


def double_column(form: Form, rows: list[SheetRow], prior: bool) -> GridLayout:
    """公开06表: the classes summed by the first total row (人员经费) on the left, the rest on
    the right; the grand total under the left side."""
    fixed = [r for r in rows if not r.code]
    first = form.row(fixed[0].id) if fixed else None
    formula = next(iter(first.formulas.values()), "") if first else ""
    staff = set(_CLASS_REF.findall(formula))
    coded = [r for r in rows if r.code]
    left: list[SheetRow | None] = [r for r in coded if r.code[:3] in staff]
    right: list[SheetRow | None] = [r for r in coded if r.code[:3] not in staff]
    left += fixed[:1]
    right += fixed[1:2]
    align_last(left, right)
    left += fixed[2:]
    bands = [r.name.removesuffix("合计") for r in fixed[:2]] or ["", ""]
    return side_by_side(
        form,
        [
            GridBlock(left, bands[0], coded=True, label="科目名称"),
            GridBlock(right, bands[1], coded=True, label="科目名称"),
        ],
        prior,
    )


def single(form: Form, rows: Sequence[SheetRow | None], prior: bool) -> GridLayout:
    return side_by_side(form, [GridBlock(rows, coded=_coded(form), label=_label(form))], prior)


def form_layout(form: Form, rows: list[SheetRow], prior: bool) -> GridLayout:
    if form.layout == "two_sided":
        return two_sided(form, rows, prior)
    if form.layout == "double_column":
        return double_column(form, rows, prior)
    return single(form, rows, prior)
