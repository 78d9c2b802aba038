"""Reading last year's (or this year's) 公开 tables from an Excel workbook: the figures of
公开01–09表 keyed by cell id, in 万元, with where each table was found and what was not
understood. Pure parsing: the caller compares totals and writes to the dataset."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from desktop.forms.codes import functional_codes
from desktop.io.workbook.coded_rows import Mapped, NameToCode, map_classified, map_g06
from desktop.io.workbook.columns import amount_rule
from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.files import load_grids
from desktop.io.workbook.fixed_rows import map_g01, map_g04, map_g07
from desktop.io.workbook.grid import Grid, is_empty
from desktop.io.workbook.layout import Layout, read_layout, side_rows
from desktop.io.workbook.locate import (
    FORMS,
    UNIT_FACTORS,
    Region,
    find_regions,
    read_unit,
    read_unit_name,
    read_year,
)

__all__ = ["TableLocation", "UnmatchedRow", "WorkbookError", "WorkbookReading", "read_workbook"]

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
    missing: tuple[str, ...]
    year: int | None
    unit_name: str | None


def read_workbook(path: Path, name_to_code: NameToCode | None = None) -> WorkbookReading:
    """Raises WorkbookError (message for the clerk) when the file cannot be read or holds
    none of the nine tables."""
    grids = load_grids(Path(path))
    if is_empty(grids):
        raise WorkbookError(
            f"“{Path(path).name}”里没有任何内容（所有工作表都是空的）：请选择填好的决算工作簿。"
        )
    regions = _first_of_each_form(grids)
    if not regions:
        raise WorkbookError(
            f"在“{Path(path).name}”中没有找到公开01–09表中的任何一张：请确认选择的是部门决算公开表，"
            "且每张表保留了标题（如“收入支出决算总表”）或“公开01表”字样。"
        )
    resolve = name_to_code or default_name_to_code
    return _assemble(regions, resolve)


def _first_of_each_form(grids: list[Grid]) -> dict[str, Region]:
    found: dict[str, Region] = {}
    for grid in grids:
        for region in find_regions(grid):
            found.setdefault(region.form, region)  # a repeated table: the first one counts
    return found


def _assemble(regions: dict[str, Region], resolve: NameToCode) -> WorkbookReading:
    values: dict[str, Decimal] = {}
    tables: list[TableLocation] = []
    unmatched: list[UnmatchedRow] = []
    year: int | None = None
    unit_name: str | None = None
    for form in FORMS:
        if form not in regions:
            continue
        region = regions[form]
        layout = read_layout(region, amount_rule(form))
        unit = read_unit(region.grid, layout.meta_rows) or "万元"
        cells, rows = _map_table(region, layout, unit, resolve)
        values.update(cells)
        unmatched.extend(UnmatchedRow(form, region.grid.name, row, text) for row, text in rows)
        tables.append(
            TableLocation(form, region.grid.name, region.first_row, region.last_row, unit, len(cells))
        )
        year = year or read_year(region.grid, layout.meta_rows)
        unit_name = unit_name or read_unit_name(region.grid, layout.meta_rows)
    missing = tuple(form for form in FORMS if form not in regions)
    return WorkbookReading(values, tuple(tables), tuple(unmatched), missing, year, unit_name)


def _map_table(region: Region, layout: Layout, unit: str, resolve: NameToCode) -> Mapped:
    rows = side_rows(region, layout, Decimal(UNIT_FACTORS[unit]), _DEFAULT_PLACES[unit])
    form = region.form
    if form == "G01":
        return map_g01(rows, resolve)
    if form == "G04":
        return map_g04(rows, resolve)
    if form == "G06":
        return map_g06(rows)
    if form == "G07":
        return map_g07(rows)
    return map_classified(form, rows, resolve)


def default_name_to_code(name: str, parent: str | None) -> str | None:
    """A row known only by its subject name: the 2021 code list's code for it (match by code
    first happens before this; names differ between years, so this is the fallback)."""
    codes = functional_codes()
    if parent is not None:  # 其他城乡社区支出 is both 款 21299 and its 项: the direct child wins
        exact = [s for s in codes.children(parent) if s.name == name.strip()]
        if len(exact) == 1:
            return exact[0].code
    found = codes.by_name(name, parent)
    return found.code if found is not None else None
