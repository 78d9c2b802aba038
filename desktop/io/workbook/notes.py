"""What the import report says about sheets and columns beyond the figures: a sheet whose
title could be two forms (the fuller match won), a label and a title that disagree, a table
found twice, a sheet that is no table of the edition, and columns that fit no column of their
form (their figures were not read)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.forms.catalogue import Form
from desktop.io.workbook.grid import Grid, SheetCell
from desktop.io.workbook.layout import SheetLayout
from desktop.io.workbook.locate import Region
from desktop.money import AmountError, parse_amount


@dataclass(frozen=True)
class SheetNote:
    sheet: str
    row: int
    form: str  # the form the sheet was read as ("" when none)
    text: str  # for the clerk (Chinese)


@dataclass(frozen=True)
class Misfit:
    """A column of a table that no column of its form takes: its figures were not read."""

    form: str
    sheet: str
    column: int
    header: str
    figures: int

    def text(self) -> str:
        return (
            f"{self.form} 工作表“{self.sheet}”第 {self.column} 列“{self.header}”不属于本表的任何一列，"
            f"其中 {self.figures} 个数未读取"
        )


def _title_notes(region: Region) -> list[str]:
    """A label decides; a title alone that also holds a shorter table's name is said to."""
    title = region.title
    if title is None:
        return []
    if region.label_form:
        if region.label_form == title.form:
            return []
        return [
            f"表号指向 {region.label_form}，标题“{title.title}”却是 {title.form} 的：按表号读作 {region.form}"
        ]
    if title.also:
        others = "、".join(title.also)
        return [f"标题“{title.title}”也包含 {others} 的表名：按最完整的匹配读作 {region.form}"]
    return []


def region_notes(grid: Grid, located: list[Region], found: dict[str, Region]) -> list[SheetNote]:
    """Notes on one sheet's tables, given the tables found on earlier sheets (`found`)."""
    if not located:
        if any(cell.number is not None for cell in grid.cells.values()):
            return [SheetNote(grid.name, 0, "", "不是本版本的任何一张公开表，未读取")]
        return []
    notes: list[SheetNote] = []
    seen: dict[str, Region] = dict(found)
    for region in located:
        first = seen.get(region.form)
        if first is not None:
            where = f"第 {region.first_row} 行起"
            text = f"又一张 {region.form}（{where}），未读取：已从工作表“{first.grid.name}”读取"
            notes.append(SheetNote(grid.name, region.first_row, region.form, text))
            continue
        seen[region.form] = region
        notes += [SheetNote(grid.name, region.first_row, region.form, t) for t in _title_notes(region)]
    return notes


def _is_figure(cell: SheetCell | None) -> bool:
    """A number, or an amount written as text ("1,234.50")."""
    if cell is None:
        return False
    if cell.number is not None:
        return True
    try:
        parse_amount(cell.text)
    except AmountError:
        return False
    return True


def misfits(region: Region, layout: SheetLayout, form: Form) -> list[Misfit]:
    """Columns with figures that the form has no column for (a six-column 九 read against a
    three-column form): reported with how many figures were left unread."""
    found = []
    for side in layout.sides:
        for column, header in side.unread.items():
            figures = sum(1 for row in layout.data_rows if _is_figure(region.grid.cell(row, column)))
            if figures:
                found.append(Misfit(form.id, region.grid.name, column, header, figures))
    return found
