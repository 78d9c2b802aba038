"""The 所属单位 sheets of a department entered unit by unit (desktop.models.org_unit_summary): each
unit's income and spending by kind on one table, the internal offsets and the department's total,
in the official sheet layout (title, 编制单位 | 年度 | 单位：万元, header, body, print setup)."""

from __future__ import annotations

from openpyxl import Workbook

from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import HeaderCell, SheetWriter
from desktop.io.xlsx.stream import new_sheet
from desktop.models.org_unit_summary import TOTAL_LINE, UnitTable, unit_tables
from desktop.models.snapshot import Snapshot

FIXED = ("单位名称", "单位代码", "级次")
FIXED_WIDTHS = (34.0, 12.0, 10.0)
AMOUNT_WIDTH = 15.0
HEADER_ROW = 4
NOTE = "注：部门合计 = 各单位之和 − 内部抵销（本级与二级单位之间的补助和上缴，两边均不计入部门合计）。"


def write_unit_tables(workbook: Workbook, snapshot: Snapshot) -> None:
    """One sheet per 所属单位 table; none for a department not entered by unit."""
    for table in unit_tables(snapshot):
        _write(workbook, table, snapshot)


def _write(workbook: Workbook, table: UnitTable, snapshot: Snapshot) -> None:
    widths = (*FIXED_WIDTHS, *([AMOUNT_WIDTH] * len(table.columns)))
    sheet = SheetWriter(new_sheet(workbook, table.title[:31]), widths)
    department = snapshot.department
    sheet.heading(table.title, "", department.name, department.year)
    names = (*FIXED, *table.columns)
    header = (HeaderCell(HEADER_ROW, col, name) for col, name in enumerate(names, 1))
    sheet.header(header, HEADER_ROW, HEADER_ROW)
    for row, line in enumerate(table.lines, start=HEADER_ROW + 1):
        bold = line.role == TOTAL_LINE
        role = "" if line.role in (TOTAL_LINE, line.name) else line.role
        for col, text in enumerate((line.name, line.code, role), start=1):
            sheet.put(row, col, text, st.body("name" if col == 1 else "center", bold))
        for col, amount in enumerate(line.amounts, start=len(FIXED) + 1):
            sheet.amount(row, col, amount, bold)
    sheet.note(HEADER_ROW + len(table.lines) + 1, NOTE)
    sheet.finish(freeze=f"B{HEADER_ROW + 1}", title_rows=(HEADER_ROW, HEADER_ROW), landscape=True)
