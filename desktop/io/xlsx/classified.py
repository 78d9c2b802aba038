"""Tables by 功能分类 (公开02/03/05/08/09表): 科目编码 | 科目名称 | amounts; 合计 first, then each
类, its 款 and its 项 with full codes. A table without rows keeps its header and 合计 and says
why (the form's empty_note)."""

from __future__ import annotations

from desktop.forms.catalogue import Column, Form
from desktop.forms.structure import TOTAL
from desktop.io.table_notes import notes_under
from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import HEADER_TOP, HeaderCell, SheetWriter, band_header, figure
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset

CODE_WIDTH, NAME_WIDTH, AMOUNT_WIDTH = 13.0, 34.0, 15.0


def printed_columns(form: Form) -> list[Column]:
    return [c for c in form.columns if c.printed]


def write_classified(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    columns = printed_columns(form)
    sheet = SheetWriter(ws, [CODE_WIDTH, NAME_WIDTH] + [AMOUNT_WIDTH] * len(columns))
    department = dataset.department
    sheet.heading(form.title, form.label, department.name, department.year)
    top = HEADER_TOP
    cells = [
        HeaderCell(top, 1, "项目", cols=2),
        HeaderCell(top + 1, 1, "科目编码"),
        HeaderCell(top + 1, 2, "科目名称"),
        HeaderCell(top + 2, 1, "栏次", cols=2),
        *band_header([c.printed_heading for c in columns], 3, top),
        *(HeaderCell(top + 2, 3 + i, str(i + 1)) for i in range(len(columns))),
    ]
    sheet.header(cells, top, top + 2)
    row = top + 3
    for line in dataset.sheet(form.id):
        if line.id == TOTAL:
            sheet.merge(row, 1, row, 2, st.body("name", True), "合计")
            bold = True
        else:
            bold = line.level < form.input_level
            sheet.put(row, 1, line.code or line.id, st.body("code"))
            sheet.put(row, 2, line.name, st.body("name", bold))
        for index, column in enumerate(columns, start=3):
            sheet.amount(row, index, figure(dataset.number(f"{form.id}.{line.id}.{column.id}")), bold)
        row += 1
    sheet.notes(row, notes_under(dataset, form, empty=not dataset.rows(form.id)))
    sheet.finish(freeze=f"C{top + 3}", title_rows=(top, top + 2))
