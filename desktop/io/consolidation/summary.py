"""The summary workbook of a consolidation: one line per source (unit, code, kind, the main
total of each table, its findings, whether it was a forced export), the consolidated total,
and the sources left out with their reasons. Written beside its target and renamed."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop.atomic import write_bytes
from desktop.io.consolidation.accumulate import MAIN_TOTALS, SummaryLine
from desktop.io.consolidation.sources import Refused
from desktop.io.xlsx.style import AMOUNT_FORMAT, FONT_NAME
from desktop.rules.finding import SEVERITIES, SEVERITY_NAMES

FIXED = ("单位", "单位代码", "单位类型", "单位数")
# One font object each: openpyxl checks every assignment, thousands of lines make it count.
_BODY, _HEAD = Font(name=FONT_NAME), Font(name=FONT_NAME, bold=True)
TAIL = (*(SEVERITY_NAMES[s] for s in SEVERITIES), "强制导出", "来源文件")


def headers(labels: Mapping[str, str]) -> list[str]:
    """The columns: the fixed ones, each table's main total by its label, then the tail."""
    return [*FIXED, *(f"{labels.get(form, form)}合计" for form in MAIN_TOTALS), *TAIL]


def line_values(line: SummaryLine) -> list[object]:
    forced = f"是（确认 {line.forced} 项）" if line.forced else "否"
    counts = [line.findings.get(s, 0) for s in SEVERITIES]
    totals = [line.totals.get(form, Decimal(0)) for form in MAIN_TOTALS]
    return [line.name, line.code, line.kind, line.units, *totals, *counts, forced, str(line.path)]


def write_summary(
    path: Path,
    lines: Sequence[SummaryLine],
    total: Mapping[str, Decimal],
    refused: Sequence[Refused],
    labels: Mapping[str, str],
) -> Path:
    """`total`: each table's main total in the consolidated dataset (offsets applied)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = "汇总情况"
    _rows(sheet, [headers(labels), *map(line_values, lines), total_values(lines, total)])
    left_out = workbook.create_sheet("未采用的来源")
    _rows(left_out, [["来源文件", "原因"], *([str(r.path), r.reason] for r in refused)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return write_bytes(path, buffer.getvalue())


def total_values(lines: Sequence[SummaryLine], total: Mapping[str, Decimal]) -> list[object]:
    units = sum(line.units for line in lines)
    counts = [sum(line.findings.get(s, 0) for line in lines) for s in SEVERITIES]
    forced = sum(1 for line in lines if line.forced)
    amounts = [total.get(form, Decimal(0)) for form in MAIN_TOTALS]
    return ["合计（抵销后）", "", "", units, *amounts, *counts, f"{forced} 个", ""]


def _rows(sheet: Worksheet, rows: Sequence[Sequence[object]]) -> None:
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(number, column, value)
            cell.font = _HEAD if number == 1 else _BODY
            if isinstance(value, Decimal):
                cell.number_format = AMOUNT_FORMAT
    sheet.freeze_panes = "B2"
