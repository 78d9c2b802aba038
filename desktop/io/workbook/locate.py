"""Finding an edition's tables in a workbook by their titles (and the variants other years and
regions print) or their 公开0X表 labels, and reading the lines above each table (编制单位,
年度, 单位)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.forms.catalogue import Catalogue
from desktop.io.workbook.grid import Grid
from desktop.io.workbook.text import is_decoration, norm

_LABEL = re.compile(r"公开0?([1-9])表")
_AFTER_TITLE = re.compile(r"^$|^[（(\[【]|公开")
_UNIT = re.compile(r"(?<!编制)单位[:：]?(万元|千元|元)")
_UNIT_NAME = re.compile(r"编制单位[:：](.+?)(?=金额单位|单位[:：]|\d{4}年|$)")
_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_YEAR_LINE = re.compile(r"(?:19|20)\d{2}年度?")
_HEADING_GAP = 3  # a title and its label sit within this many rows of each other
UNIT_FACTORS = {"元": "0.0001", "千元": "0.1", "万元": "1"}


@dataclass(frozen=True)
class TitleMatch:
    """A text read as a table's title: the form, the title it matched, and the other forms whose
    (shorter) titles the text also contains — the fuller match won over them."""

    form: str
    title: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableIndex:
    """What tables an edition publishes and how a workbook names them: every title and title
    variant of each (normalised), and the forms in print order (公开0N表 is the Nth)."""

    titles: tuple[tuple[str, str], ...]  # (normalised title, form), longest first
    tables: tuple[str, ...]
    # Any of the titles: most texts of a sheet hold none, and one search says so.
    any_title: re.Pattern[str]

    @classmethod
    def of(cls, catalogue: Catalogue, tables: tuple[str, ...]) -> TableIndex:
        pairs = {(norm(title), form) for form in tables for title in catalogue.form(form).all_titles}
        titles = tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[1])))
        return cls(titles, tables, re.compile("|".join(re.escape(title) for title, _form in titles)))

    def title(self, text: str) -> TitleMatch | None:
        """The form whose title this text is (the longest title it ends with), else None."""
        cleaned = norm(text)
        if not cleaned or len(cleaned) > 80 or cleaned.startswith("注") or not self.any_title.search(cleaned):
            return None
        found = [
            (title, form)
            for title, form in self.titles
            if (at := cleaned.find(title)) >= 0 and _AFTER_TITLE.search(cleaned[at + len(title) :])
        ]
        if not found:
            return None
        title, form = found[0]
        # A text that is exactly a title names that table alone; a longer one ("2024年…总表（续）")
        # also holds the shorter titles inside it, and the report says which won.
        also = () if cleaned == title else tuple(dict.fromkeys(f for _t, f in found if f != form))
        return TitleMatch(form, title, also)

    def label(self, text: str) -> str | None:
        """公开0N表 names the Nth published table."""
        cleaned = norm(text)
        if len(cleaned) > 40 or cleaned.startswith("注"):
            return None
        match = _LABEL.search(cleaned)
        number = int(match.group(1)) if match else 0
        return self.tables[number - 1] if 0 < number <= len(self.tables) else None


@dataclass(frozen=True)
class TitleMark:
    row: int
    form: str
    is_label: bool
    title: TitleMatch | None = None


@dataclass(frozen=True)
class Region:
    """One table's rows on a sheet: `heading` rows hold its title/label, data follows."""

    form: str
    grid: Grid
    first_row: int
    last_row: int
    heading_end: int
    index: TableIndex  # the edition's tables: what counts as a title line above the header
    title: TitleMatch | None = None  # the title that named it (None: named by its label alone)
    label_form: str | None = None  # the form its 公开0N表 label names, when it has one


def find_marks(grid: Grid, index: TableIndex) -> list[TitleMark]:
    marks = []
    for (row, _col), cell in sorted(grid.cells.items()):
        if cell.number is not None or is_decoration(cell.text):  # "填报说明：公开01表…" names no table
            continue
        label, title = index.label(cell.text), index.title(cell.text)
        if label:
            marks.append(TitleMark(row, label, True))
        elif title:
            marks.append(TitleMark(row, title.form, False, title))
    return marks


def find_regions(grid: Grid, index: TableIndex) -> list[Region]:
    headings = _group_marks(find_marks(grid, index))
    if not headings:
        label, title = index.label(grid.name), index.title(grid.name)
        form = label or (title.form if title else None)
        return [Region(form, grid, 1, grid.max_row, 0, index, title, label)] if form and grid.cells else []
    regions = []
    for number, group in enumerate(headings):
        first, last = group[0].row, group[-1].row
        end = headings[number + 1][0].row - 1 if number + 1 < len(headings) else grid.max_row
        title = next((m.title for m in group if m.title is not None), None)
        label = next((m.form for m in group if m.is_label), None)
        form = label or group[0].form
        regions.append(Region(form, grid, first, _last_filled(grid, first, end), last, index, title, label))
    return regions


def _group_marks(marks: list[TitleMark]) -> list[list[TitleMark]]:
    """Marks close together form one heading; its label (if any) names the form."""
    headings: list[list[TitleMark]] = []
    for mark in marks:
        if headings and mark.row - headings[-1][-1].row <= _HEADING_GAP and _fits(headings[-1], mark):
            headings[-1].append(mark)
        else:
            headings.append([mark])
    return headings


def _fits(group: list[TitleMark], mark: TitleMark) -> bool:
    # One title and one label per heading: a second title starts the next table.
    return not any(other.is_label == mark.is_label and other.form != mark.form for other in group)


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


def is_meta_text(text: str, index: TableIndex) -> bool:
    """Title, label, 编制单位, 年度 and 单位 lines: above the header, never part of it."""
    cleaned = norm(text)
    return bool(
        index.title(cleaned)
        or index.label(cleaned)
        or "编制单位" in cleaned
        or _UNIT.search(cleaned)
        or _YEAR_LINE.fullmatch(cleaned)
    )
