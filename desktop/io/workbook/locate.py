"""Finding the nine tables in a workbook by their titles and 公开0X表 labels, and reading
the lines above each table (编制单位, 年度, 单位)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.io.workbook.grid import Grid
from desktop.io.workbook.text import is_decoration, norm

FORMS = ("G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09")

# Normalised titles (quotes removed by norm()). Several are substrings of others
# (收入决算表 ⊂ 财政拨款收入支出决算总表 …): the longest match wins.
TITLES = {
    "G01": "收入支出决算总表",
    "G02": "收入决算表",
    "G03": "支出决算表",
    "G04": "财政拨款收入支出决算总表",
    "G05": "一般公共预算财政拨款支出决算表",
    "G06": "一般公共预算财政拨款基本支出决算表",
    "G07": "一般公共预算财政拨款三公经费支出决算表",
    "G08": "政府性基金预算财政拨款收入支出决算表",
    "G09": "国有资本经营预算财政拨款支出决算表",
}
_LABEL = re.compile(r"公开0?([1-9])表")
_AFTER_TITLE = re.compile(r"^$|^[（(\[【]|公开")
_UNIT = re.compile(r"(?<!编制)单位[:：]?(万元|千元|元)")
_UNIT_NAME = re.compile(r"编制单位[:：](.+?)(?=金额单位|单位[:：]|\d{4}年|$)")
_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_HEADING_GAP = 3  # a title and its label sit within this many rows of each other
UNIT_FACTORS = {"元": "0.0001", "千元": "0.1", "万元": "1"}


@dataclass(frozen=True)
class Mark:
    row: int
    form: str
    is_label: bool


@dataclass(frozen=True)
class Region:
    """One table's rows on a sheet: `heading` rows hold its title/label, data follows."""

    form: str
    grid: Grid
    first_row: int
    last_row: int
    heading_end: int


def title_form(text: str) -> str | None:
    """The form whose title this text is (the longest title it ends with), else None."""
    cleaned = norm(text)
    if not cleaned or len(cleaned) > 80 or cleaned.startswith("注"):
        return None
    best: str | None = None
    for form, title in TITLES.items():
        at = cleaned.find(title)
        longer = best is None or len(title) > len(TITLES[best])
        if at >= 0 and longer and _AFTER_TITLE.search(cleaned[at + len(title) :]):
            best = form
    return best


def label_form(text: str) -> str | None:
    cleaned = norm(text)
    if len(cleaned) > 40 or cleaned.startswith("注"):
        return None
    match = _LABEL.search(cleaned)
    return f"G0{match.group(1)}" if match else None


def find_marks(grid: Grid) -> list[Mark]:
    marks = []
    for (row, _col), cell in sorted(grid.cells.items()):
        if cell.number is not None or is_decoration(cell.text):  # "填报说明：公开01表…" names no table
            continue
        label, title = label_form(cell.text), title_form(cell.text)
        if label or title:
            marks.append(Mark(row, label or title or "", label is not None))
    return marks


def find_regions(grid: Grid) -> list[Region]:
    headings = _group_marks(find_marks(grid))
    if not headings:
        form = label_form(grid.name) or title_form(grid.name)
        return [Region(form, grid, 1, grid.max_row, 0)] if form and grid.cells else []
    regions = []
    for index, (first, last, form) in enumerate(headings):
        end = headings[index + 1][0] - 1 if index + 1 < len(headings) else grid.max_row
        regions.append(Region(form, grid, first, _last_filled(grid, first, end), last))
    return regions


def _group_marks(marks: list[Mark]) -> list[tuple[int, int, str]]:
    """Marks close together form one heading; its label (if any) names the form."""
    headings: list[list[Mark]] = []
    for mark in marks:
        if headings and mark.row - headings[-1][-1].row <= _HEADING_GAP and _fits(headings[-1], mark):
            headings[-1].append(mark)
        else:
            headings.append([mark])
    return [(group[0].row, group[-1].row, _heading_form(group)) for group in headings]


def _fits(group: list[Mark], mark: Mark) -> bool:
    # One title and one label per heading: a second title starts the next table.
    return not any(other.is_label == mark.is_label and other.form != mark.form for other in group)


def _heading_form(group: list[Mark]) -> str:
    labels = [mark.form for mark in group if mark.is_label]
    return labels[0] if labels else group[0].form


def _last_filled(grid: Grid, first: int, end: int) -> int:
    return max((row for row in range(first, end + 1) if not grid.is_blank_row(row)), default=first)


def read_unit(grid: Grid, rows: range) -> str | None:
    for row in rows:
        for text in grid.row_texts(row):
            match = _UNIT.search(norm(text))
            if match:
                return match.group(1)
    return None


def read_unit_name(grid: Grid, rows: range) -> str | None:
    for row in rows:
        for text in grid.row_texts(row):
            match = _UNIT_NAME.search(norm(text))
            if match and match.group(1):
                return match.group(1)
    return None


def read_year(grid: Grid, rows: range) -> int | None:
    for row in rows:
        for text in grid.row_texts(row):
            match = _YEAR.search(norm(text))
            if match and not norm(text).startswith("注"):
                return int(match.group(1))
    return None


def is_meta_text(text: str) -> bool:
    """Title, label, 编制单位, 年度 and 单位 lines: above the header, never part of it."""
    cleaned = norm(text)
    return bool(
        title_form(cleaned)
        or label_form(cleaned)
        or "编制单位" in cleaned
        or _UNIT.search(cleaned)
        or re.fullmatch(r"(?:19|20)\d{2}年度?", cleaned)
    )
