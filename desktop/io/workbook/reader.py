"""Reading last year's (or this year's) 公开 tables from an Excel workbook: the figures of
公开01–09表 keyed by cell id, in 万元, with where each table was found and what was not
understood. Pure parsing: the caller compares totals and writes to the dataset."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.forms.catalogue import Form
from desktop.forms.codes import CodeList
from desktop.forms.edition import Edition
from desktop.io.workbook.coded_rows import Mapped, Names, NameToCode, map_classified, map_economic
from desktop.io.workbook.columns import amount_rule, row_bands
from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.files import load_grids
from desktop.io.workbook.fixed_rows import map_banded, map_two_sided
from desktop.io.workbook.formulas import cell_name
from desktop.io.workbook.grid import Grid, is_empty
from desktop.io.workbook.layout import SheetLayout, read_layout, side_rows
from desktop.io.workbook.locate import (
    UNIT_FACTORS,
    Region,
    TableIndex,
    find_regions,
    read_unit,
    read_unit_name,
    read_year,
)
from desktop.io.workbook.notes import Misfit, SheetNote, misfits, region_notes

__all__ = [
    "Misfit", "SheetNote", "TableLocation", "UnmatchedRow", "WorkbookError", "WorkbookReading",
    "read_workbook",
]  # fmt: skip

# Decimals a numeric cell is rounded to when its format does not say: 分 for 元/千元,
# and the 0.01 万元 the 公开 tables print.
_DEFAULT_PLACES = {"元": 2, "千元": 5, "万元": 2}


@dataclass(frozen=True)
class TableLocation:
    form: str
    sheet: str
    first_row: int
    last_row: int
    unit: str
    cells: int


@dataclass(frozen=True)
class UnmatchedRow:
    form: str
    sheet: str
    row: int
    text: str


@dataclass(frozen=True)
class WorkbookReading:
    values: Mapping[str, Decimal]
    tables: tuple[TableLocation, ...]
    unmatched: tuple[UnmatchedRow, ...]
    missing: tuple[str, ...]  # published tables of the edition the workbook lacks
    year: int | None
    unit_name: str | None
    notes: tuple[SheetNote, ...] = ()  # how sheets were (or were not) assigned to forms
    misfits: tuple[Misfit, ...] = ()  # columns of a table that fit no column of its form: not read
    names: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, code) → printed name


def read_workbook(path: Path, edition: Edition, name_to_code: NameToCode | None = None) -> WorkbookReading:
    """The edition's tables in a workbook, recognised by their titles (and title variants) or
    their 公开0X表 labels. Raises WorkbookError (message for the clerk) when the file cannot be
    read or holds none of them. `name_to_code` overrides the edition's 功能分类 list for names."""
    grids = load_grids(Path(path))
    if is_empty(grids):
        raise WorkbookError(
            f"“{Path(path).name}”里没有任何内容（所有工作表都是空的）：请选择填好的决算工作簿。"
        )
    index = TableIndex.of(edition.catalogue, edition.package.tables)
    regions, notes = _regions(grids, index)
    if not regions:
        raise WorkbookError(
            f"在“{Path(path).name}”中没有找到公开01–09表中的任何一张：请确认选择的是部门决算公开表，"
            "且每张表保留了标题（如“收入支出决算总表”）或“公开01表”字样。"
        )
    return _assemble(regions, notes, edition, name_to_code)


def _regions(grids: list[Grid], index: TableIndex) -> tuple[dict[str, Region], list[SheetNote]]:
    found: dict[str, Region] = {}
    notes: list[SheetNote] = []
    for grid in grids:
        located = find_regions(grid, index)
        notes += region_notes(grid, located, found)
        for region in located:
            found.setdefault(region.form, region)  # a repeated table: the first one counts
    return found, notes


def _assemble(
    regions: dict[str, Region], notes: list[SheetNote], edition: Edition, name_to_code: NameToCode | None
) -> WorkbookReading:
    values: dict[str, Decimal] = {}
    tables: list[TableLocation] = []
    unmatched: list[UnmatchedRow] = []
    unread: list[Misfit] = []
    names: dict[tuple[str, str], str] = {}
    year: int | None = None
    unit_name: str | None = None
    for form_id in (f for f in edition.package.tables if f in regions):
        region, form = regions[form_id], edition.catalogue.form(form_id)
        _refuse_uncached(region)
        layout = read_layout(region, amount_rule(form))
        unit = read_unit(region.grid, layout.meta_rows) or "万元"
        year = year or read_year(region.grid, layout.meta_rows)
        cells, rows, found = _map_table(region, layout, unit, form, edition, name_to_code, year)
        values.update(cells)
        names.update(found)
        unmatched.extend(UnmatchedRow(form_id, region.grid.name, row, text) for row, text in rows)
        unread += misfits(region, layout, form)
        tables.append(
            TableLocation(form_id, region.grid.name, region.first_row, region.last_row, unit, len(cells))
        )
        unit_name = unit_name or read_unit_name(region.grid, layout.meta_rows)
    missing = tuple(form for form in edition.package.tables if form not in regions)
    return WorkbookReading(
        values, tuple(tables), tuple(unmatched), missing, year, unit_name, tuple(notes), tuple(unread), names
    )


def _refuse_uncached(region: Region) -> None:
    """A formula in a table with no saved result would read as a blank figure: refused."""
    cells = sorted(c for c in region.grid.uncached if region.first_row <= c[0] <= region.last_row)
    if cells:
        named = "、".join(cell_name(row, col) for row, col in cells[:6])
        more = f" 等 {len(cells)} 个" if len(cells) > 6 else ""
        raise WorkbookError(
            f"工作表“{region.grid.name}”的 {named}{more}单元格是公式，但文件中没有保存计算结果"
            "（文件可能由其他程序生成、未在 Excel 中保存过）。本程序不计算公式：请在 Excel 或 WPS 中"
            "打开此文件并保存后再导入。"
        )


def _map_table(
    region: Region,
    layout: SheetLayout,
    unit: str,
    form: Form,
    edition: Edition,
    name_to_code: NameToCode | None,
    year: int | None,
) -> tuple[dict[str, Decimal], list[tuple[int, str]], dict[tuple[str, str], str]]:
    rows = side_rows(region, layout, Decimal(UNIT_FACTORS[unit]), _DEFAULT_PLACES[unit])
    functional = name_to_code or names_in(edition.codes.functional)
    if form.layout == "two_sided":
        classes = form.mirror.printed_classes(year or edition.year) if form.mirror else ()
        return (*map_two_sided(form, rows, functional, classes), {})
    if form.kind == "fixed" and row_bands(form):
        return (*map_banded(form, rows), {})
    kind = form.codes or "functional"
    names = Names(kind)
    mapped: Mapped
    if kind == "economic":
        mapped = map_economic(form.id, rows, names_in(edition.codes.economic), names)
    else:
        mapped = map_classified(form.id, rows, functional, names)
    return (*mapped, names.found)


def names_in(codes: CodeList) -> NameToCode:
    """A row known only by its subject name: the code list's code for it (match by code first
    happens before this; names differ between years, so this is the fallback)."""

    def name_to_code(name: str, parent: str | None) -> str | None:
        if parent is not None:  # 其他城乡社区支出 is both 款 21299 and its 项: the direct child wins
            exact = [s for s in codes.children(parent) if s.name == name.strip()]
            if len(exact) == 1:
                return exact[0].code
        found = codes.by_name(name, parent)
        return found.code if found is not None else None

    return name_to_code
