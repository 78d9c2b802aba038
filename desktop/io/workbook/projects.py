"""A project list from an Excel sheet (.xlsx or .xls, through the workbook grids).

The sheet is the first one with a 项目名称 header; columns are found by their header text
(项目名称 / 实施单位 / 年初预算数 / 全年预算数 / 其中财政拨款 / 其他资金 / 全年执行数 …), also
under a two-row band (全年预算数 over 合计 | 财政拨款 | 其他资金). 财政拨款 and 其他资金 right of the
执行数 column (or under an 执行 band) are the execution parts. 合计 rows and the 栏次 row are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.files import load_grids
from desktop.io.workbook.grid import Grid
from desktop.models.projects import project_ids, project_ops
from desktop.models.snapshot import Unit
from desktop.money import AmountError, parse_amount, to_text

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

NAME = "项目名称"
_NOISE = re.compile(r"[\s:：（）()]|其中")
_TOTAL_ROWS = ("合计", "总计", "小计")
_ACTUAL_WORDS = ("执行", "支出数", "决算")
_HEADER_SCAN = 30


def _clean(text: str) -> str:
    return _NOISE.sub("", text)


def _field(header: str, actual_side: bool) -> str | None:
    """The P01 field a header names; None for columns not imported (执行率 is computed)."""
    actual = actual_side or any(w in header for w in _ACTUAL_WORDS)
    if "率" in header or not header:
        return None
    for word, field in ((NAME, "name"), ("单位", "unit"), ("年初", "budget_initial"), ("结转", "carry_over")):
        if word in header:
            return field
    for word, part in (("财政拨款", "fiscal"), ("其他资金", "other")):
        if word in header:
            return f"{'actual' if actual else 'budget'}_{part}"
    if actual:
        return "actual"
    return "budget" if "预算" in header else None


def _header_row(grid: Grid) -> tuple[int, int] | None:
    for row in range(1, min(grid.max_row, _HEADER_SCAN) + 1):
        for col in range(1, grid.max_col + 1):
            if _clean(grid.text(row, col)) == NAME:
                return row, col
    return None


def _columns(grid: Grid, row: int, name_col: int) -> tuple[dict[str, int], int]:
    """Field → column, and the first data row. A name cell merged down marks a two-row header."""
    rows = [row, row + 1] if grid.spanned_text(row + 1, name_col) == grid.text(row, name_col) else [row]
    columns: dict[str, int] = {}
    for col in range(1, grid.max_col + 1):
        parts = dict.fromkeys(_clean(grid.spanned_text(r, col)) for r in rows)
        field = _field("".join(parts), "actual" in columns)
        if field is not None:
            columns.setdefault(field, col)
    return columns, rows[-1] + 1


def _amount(grid: Grid, row: int, col: int) -> str | None:
    cell = grid.cell(row, col)
    if cell is None:
        return None
    if cell.number is not None:
        return to_text(cell.number)
    try:
        value = parse_amount(cell.text, blank_as_zero=True)
    except AmountError as exc:
        raise WorkbookError(f"工作表“{grid.name}”第 {row} 行：{exc}") from exc
    return to_text(value)


def _unit_id(name: str, units: Sequence[Unit]) -> str:
    key = _clean(name)
    return next((u.id for u in units if _clean(u.name) == key), name)


def _project(grid: Grid, row: int, columns: dict[str, int], units: Sequence[Unit]) -> dict[str, Any]:
    project: dict[str, Any] = {"name": grid.text(row, columns["name"]), "indicators": []}
    if "unit" in columns:
        project["unit"] = _unit_id(grid.text(row, columns["unit"]), units)
    for field, col in columns.items():
        if field not in ("name", "unit") and (value := _amount(grid, row, col)) is not None:
            project[field] = value
    return project


def _is_project_row(name: str) -> bool:
    key = _clean(name)
    return bool(key) and not key.isdigit() and key != "栏次" and not key.startswith(_TOTAL_ROWS)


def _sheet_projects(grid: Grid, units: Sequence[Unit]) -> list[dict[str, Any]] | None:
    found = _header_row(grid)
    if found is None:
        return None
    columns, first = _columns(grid, *found)
    names = ((row, grid.text(row, columns["name"])) for row in range(first, grid.max_row + 1))
    return [_project(grid, row, columns, units) for row, name in names if _is_project_row(name)]


def read_projects(path: Path, units: Sequence[Unit] = ()) -> list[dict[str, Any]]:
    """Interchange-style project entries (without ids: the importer assigns them).
    A 实施单位 that names a unit of `units` becomes its id; any other text is kept."""
    for grid in load_grids(Path(path)):
        projects = _sheet_projects(grid, units)
        if projects is not None:
            return projects
    raise WorkbookError(f"“{Path(path).name}”中没有找到含“{NAME}”表头的工作表：请检查项目清单的表头。")


def _free_ids(taken: Iterable[str]) -> Iterable[str]:
    used = set(taken)
    n = 0
    while True:
        n += 1
        if f"p{n}" not in used:
            yield f"p{n}"


def import_projects(dataset: Dataset, path: Path) -> int:
    """Add the projects of a sheet as one undoable action; returns how many were added."""
    projects = read_projects(path, dataset.units)
    ids = _free_ids(project_ids(dataset))
    ops = [op for project, pid in zip(projects, ids, strict=False) for op in project_ops(project, pid)]
    if ops:
        dataset.apply(ops, label=f"导入项目清单（{len(projects)} 个）", source="import")
    return len(projects)
