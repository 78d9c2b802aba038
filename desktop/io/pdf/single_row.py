"""A table printed as one line of figures (公开07表): the form's `single_row` says which is the
outer band — its rows (预算数: 合计 … 公务接待费 | 决算数: …, as the Sichuan tables print it) or its
columns (合计: 预算数 | 决算数, 因公出国（境）费: 预算数 | 决算数 …, as the Shanghai 样张 does)."""

from __future__ import annotations

from desktop.forms.catalogue import Column, Form, Row
from desktop.io.pdf.headers import build_header
from desktop.io.pdf.ruled import RuledTable
from desktop.io.pdf.ruled_layout import Style, head_style, merged
from desktop.io.pdf.tables import BuiltTable
from desktop.models.dataset import Dataset
from desktop.money import format_amount


def _path(form: Form, row: Row, column: Column) -> tuple[str, ...]:
    inner = (*((column.band,) if column.band else ()), column.name)
    return (row.name, *inner) if form.single_row == "rows" else (*inner, row.name)


def single_row_cells(form: Form) -> list[tuple[tuple[str, ...], str]]:
    """(header path, cell id) of each figure, left to right."""
    columns = [c for c in form.columns if c.printed]
    pairs = (
        [(r, c) for r in form.rows for c in columns]
        if form.single_row == "rows"
        else [(r, c) for c in columns for r in form.rows]
    )
    return [(_path(form, r, c), f"{form.id}.{r.id}.{c.id}") for r, c in pairs]


def single_row_table(dataset: Dataset, form: Form, width: float) -> BuiltTable:
    cells = single_row_cells(form)
    header = build_header([path for path, _ in cells])
    values = [dataset.number(cell) for _, cell in cells]
    body = [format_amount(v, grouping=True) for v in values]
    style = Style(align=[((0, header.depth), (-1, -1), "RIGHT")], spans=header.spans)
    table = RuledTable(
        [*(list(labels) for labels in header.rows), body],
        [width / len(cells)] * len(cells),
        merged(head_style((0, 0), (-1, header.depth - 1)), style),
        repeat=header.depth,
    )
    return BuiltTable(table, all(not v for v in values))
