"""A sheet of facts, one line per fact under its group: 其他重要事项 (X01: 机关运行经费, 政府采购,
国有资产, “三公” details, 绩效管理 counts) and 单位基本情况 (F00); amounts in 万元, counts as
whole numbers, texts as text."""

from __future__ import annotations

from desktop.forms.catalogue import Form
from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import HEADER_TOP, HeaderCell, SheetWriter
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset

_WIDTHS = (46.0, 18.0)


def write_facts(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    sheet = SheetWriter(ws, _WIDTHS)
    department = dataset.department
    sheet.heading(form.title, form.label, department.name, department.year, unit="")
    top = HEADER_TOP
    sheet.header([HeaderCell(top, 1, "项目"), HeaderCell(top, 2, "数值")], top, top)
    row = top + 1
    group: str | None = None
    for line in dataset.sheet(form.id):
        if line.group and line.group != group:
            group = line.group
            sheet.merge(row, 1, row, 2, st.body("name", True), group)
            row += 1
        cell = dataset.cell_def(f"{form.id}.{line.id}.value")
        value = dataset.number(cell.id)
        if cell.kind == "amount":
            sheet.put(row, 1, f"{line.name}（万元）", st.body("name"))
            sheet.amount(row, 2, value)
        elif cell.kind == "text":
            sheet.put(row, 1, line.name, st.body("name"))
            sheet.put(row, 2, dataset.get(cell.id), st.body("name"))
        else:
            sheet.put(row, 1, line.name, st.body("name"))
            sheet.count(row, 2, value)
        row += 1
    sheet.finish(freeze=f"A{top + 1}", title_rows=(top, top), landscape=False)
