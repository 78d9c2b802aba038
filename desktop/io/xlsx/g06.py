"""公开06表 in its double-column layout: 人员经费 (301, 303 and their 款) ‖ 公用经费 (302, 310,
any other 类 used, and their 款), 科目编码 | 科目名称 | 决算数 on each side, closed by
人员经费合计 ‖ 公用经费合计. Every standard 款 is listed, blank where unused."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.forms.catalogue import Form
from desktop.forms.structure import code_level
from desktop.io.table_notes import notes_under
from desktop.io.xlsx import style as st
from desktop.io.xlsx.sheet import HEADER_TOP, HeaderCell, SheetWriter
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset

STAFF_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310")
_WIDTHS = (13, 28, 14, 13, 28, 14)
_HEADS = ("科目编码", "科目名称", "决算数")


@dataclass(frozen=True)
class CodeEntry:
    code: str
    name: str
    value: Decimal | None
    bold: bool


def _entries(dataset: Dataset, form: Form, classes: list[str], used: set[str]) -> list[CodeEntry]:
    codes = dataset.edition.codes.economic
    names = {line.id: line.name for line in dataset.sheet(form.id)}
    entries = []
    for lei in classes:
        kuan = {s.code for s in codes.children(lei)} | {c for c in used if c.startswith(lei) and c != lei}
        for code in [lei, *sorted(kuan)]:
            subject = codes.get(code)
            name = names.get(code) or (subject.name if subject else code)
            value = dataset.number(f"{form.id}.{code}.amount") if code in used else None
            entries.append(CodeEntry(code, name, value, code_level(code) == 1))
    return entries


def write_g06(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    used = {line.id for line in dataset.sheet(form.id) if line.code}
    classes = {code[:3] for code in used}
    staff = _entries(dataset, form, list(STAFF_CLASSES), used)
    public_classes = sorted(set(PUBLIC_CLASSES) | (classes - set(STAFF_CLASSES)))
    public = _entries(dataset, form, public_classes, used)
    sheet = SheetWriter(ws, _WIDTHS)
    department = dataset.department
    sheet.heading(form.title, form.label, department.name, department.year)
    top = HEADER_TOP
    heads = [HeaderCell(top, 1, "人员经费", cols=3), HeaderCell(top, 4, "公用经费", cols=3)]
    for side in (0, 3):
        heads += [HeaderCell(top + 1, side + c, t) for c, t in enumerate(_HEADS, start=1)]
    sheet.header(heads, top, top + 1)
    first = top + 2
    rows = max(len(staff), len(public))
    for col, entries in ((1, staff), (4, public)):
        _column(sheet, entries, first, col, rows)
    last = first + rows
    for col, row_id in ((1, "staff_total"), (4, "public_total")):
        fixed = form.row(row_id)
        sheet.merge(last, col, last, col + 1, st.body("name", True), fixed.name if fixed else row_id)
        sheet.amount(last, col + 2, dataset.number(f"{form.id}.{row_id}.amount"), True)
    sheet.notes(last + 1, notes_under(dataset, form, empty=not used))
    sheet.finish(freeze=f"A{first}", title_rows=(top, top + 1))


def _column(sheet: SheetWriter, entries: list[CodeEntry], first: int, col: int, rows: int) -> None:
    """One side's entries, then blank bordered rows down to the longer side's length."""
    blank = CodeEntry("", "", None, False)
    for offset in range(rows):
        entry = entries[offset] if offset < len(entries) else blank
        row = first + offset
        sheet.put(row, col, entry.code or None, st.body("code"))
        sheet.put(row, col + 1, entry.name or None, st.body("name", entry.bold))
        sheet.amount(row, col + 2, entry.value, entry.bold)
