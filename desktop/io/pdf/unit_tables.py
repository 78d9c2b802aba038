"""The 所属单位 tables in the PDF (desktop.models.org_unit_summary): after the published tables,
each on a landscape page of its own — each unit's figures by kind, the internal offsets, the
department's total — for a department entered unit by unit."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from desktop.io.pdf.doc import LANDSCAPE, frame_width
from desktop.io.pdf.fonts import SANS_BOLD
from desktop.io.pdf.grid import grid
from desktop.io.pdf.kinsoku import plain
from desktop.io.pdf.ruled_layout import Style
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import heading
from desktop.models.org_unit_summary import TOTAL_LINE, UnitTable, unit_tables
from desktop.models.snapshot import Snapshot
from desktop.money import format_amount

FIXED = ("单位名称", "单位代码", "级次")
NAME_SHARE, FIXED_SHARE = 0.22, 0.08  # of the frame width: the name, then code and 级次 each
NOTE = (
    "注：部门合计 = 各单位之和 − 内部抵销（本级与二级单位之间的补助和上缴，两边均不计入部门合计）。单位：万元"
)


def unit_table_pages(snapshot: Snapshot) -> list[Any]:
    """Each 所属单位 table from a new landscape page; nothing when not entered by unit."""
    story: list[Any] = []
    for table in unit_tables(snapshot):
        story += [NextPageTemplate(LANDSCAPE), PageBreak(), *_block(table)]
    return story


def _block(table: UnitTable) -> list[Any]:
    s = styles()
    width = frame_width(LANDSCAPE)
    fixed = [width * NAME_SHARE, width * FIXED_SHARE, width * FIXED_SHARE]
    amount = (width - sum(fixed)) / len(table.columns)
    rows: list[list[str]] = [[*FIXED, *table.columns]]
    for line in table.lines:
        role = "" if line.role in (TOTAL_LINE, line.name) else line.role
        amounts = ["" if a is None else format_amount(a, grouping=True) for a in line.amounts]
        rows.append([line.name, line.code, role, *amounts])
    extra = Style(
        align=[((len(FIXED), 1), (-1, -1), "RIGHT")], font=[((0, len(rows) - 1), (-1, -1), SANS_BOLD)]
    )
    return [
        heading(table.title, s.table_title, 1),
        Spacer(1, 3),
        grid(rows, [*fixed, *([amount] * len(table.columns))], heads=(0,), extra=extra),
        plain(NOTE, s.note),
    ]
