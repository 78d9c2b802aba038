"""公开07表: two bands of six columns, 预算数 and 决算数 (合计 | 因公出国（境）费 | 公务用车购置及
运行费: 小计 | 购置费 | 运行费 | 公务接待费), a row of column numbers and one row of figures."""

from __future__ import annotations

from desktop.forms.catalogue import Form
from desktop.io.table_notes import notes_under
from desktop.io.xlsx.sheet import HEADER_TOP, HeaderCell, SheetWriter, band_header, figure
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset

_WIDTH = 13.0


def write_g07(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    columns = [c for c in form.columns if c.printed]
    bands = [(row.id, row.name) for row in form.rows]  # budget 预算数, actual 决算数
    sheet = SheetWriter(ws, [_WIDTH] * (len(columns) * len(bands)))
    department = dataset.department
    sheet.heading(form.title, form.label, department.name, department.year)
    top = HEADER_TOP
    numbers_row, data_row = top + 3, top + 4
    cells: list[HeaderCell] = []
    for index, (row_id, name) in enumerate(bands):
        first = 1 + index * len(columns)
        cells.append(HeaderCell(top, first, name, cols=len(columns)))
        cells += band_header([(c.band, c.name) for c in columns], first, top + 1)
        for offset, column in enumerate(columns):
            col = first + offset
            cells.append(HeaderCell(numbers_row, col, str(col)))
            sheet.amount(data_row, col, figure(dataset.number(f"{form.id}.{row_id}.{column.id}")))
    sheet.header(cells, top, numbers_row)
    sheet.notes(data_row + 1, notes_under(dataset, form, empty=False))
    sheet.finish(freeze=f"A{data_row}", title_rows=(top, numbers_row))
