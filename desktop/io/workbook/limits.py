"""What a workbook may hold before it is read, and the checks that refuse one beyond it.

A 部门决算 workbook is a few hundred rows on a dozen sheets; the limits leave a wide margin
while keeping a crafted or accidental monster (a value at XFD1048576, a sheet-wide merged
range, millions of cells, a zip bomb) to a message within seconds and bounded memory.
Each check runs before the work it protects."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.io.workbook.errors import WorkbookError

MAX_FILE_BYTES = 64 * 2**20  # on disk
MAX_UNPACKED_BYTES = 16 * 2**20  # an .xlsx's members, decompressed, all together (the sample: 0.1 MB)
MAX_MEMBERS = 2_000
MAX_SHEETS = 100
MAX_ROWS = 65_536  # the .xls format's own limits
MAX_COLS = 256
MAX_CELLS = 100_000  # cells with content, all sheets together (the sample: 1 300)
MAX_MERGED_AREA = 200_000  # cells covered by merged ranges, all sheets together
MAX_TEXT = 32_767  # characters in one cell (Excel's own limit)
# A number beyond this (in any unit: 10¹⁵ 万元 is 10¹⁹ 元) is no figure of a 决算 table.
MAX_NUMBER = 10.0**19

_HINT = "这不像是部门决算表：请只保留需要导入的工作表后另存，再导入。"


def _refuse(path: Path, what: str) -> WorkbookError:
    return WorkbookError(f"“{path.name}”{what}，超出可读取的范围。{_HINT}")


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"有 {size // 2**20} MB（上限 {MAX_FILE_BYTES // 2**20} MB）")


def check_package(path: Path, archive: zipfile.ZipFile) -> None:
    """An .xlsx's zip directory: member count and total unpacked size (zipfile never
    inflates a member beyond the size its header states, so this bounds the work)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"包含 {len(infos)} 个部件（上限 {MAX_MEMBERS}）")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 2**20
        raise _refuse(path, f"解压后有 {unpacked // 2**20} MB（上限 {limit} MB）")


def check_sheet_count(path: Path, count: int) -> None:
    if count > MAX_SHEETS:
        raise _refuse(path, f"有 {count} 张工作表（上限 {MAX_SHEETS}）")


@dataclass
class Budget:
    """Counts what a workbook's sheets hold while they are read; refuses the first excess."""

    path: Path
    cells: int = 0
    merged_area: int = 0
    sheet: str = field(default="", init=False)

    def cell(self, row: int, col: int) -> None:
        if row > MAX_ROWS or col > MAX_COLS or row < 1 or col < 1:
            from openpyxl.utils import get_column_letter  # only for the message

            where = f"{get_column_letter(min(max(col, 1), 18278))}{row}"
            raise _refuse(
                self.path,
                f"的工作表“{self.sheet}”在 {where} 有内容（最多读取 {MAX_ROWS} 行、{MAX_COLS} 列）",
            )
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise _refuse(self.path, f"有超过 {MAX_CELLS} 个非空单元格")

    def text(self, text: str) -> None:
        if len(text) > MAX_TEXT:
            raise _refuse(self.path, f"的工作表“{self.sheet}”有一个单元格超过 {MAX_TEXT} 个字符")

    def number(self, value: float | int) -> None:
        if not abs(value) < MAX_NUMBER:  # also NaN and infinities
            raise _refuse(self.path, f"的工作表“{self.sheet}”有一个数 {value!r} 超出金额范围")

    def merged(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        rows, cols = last_row - first_row + 1, last_col - first_col + 1
        self.merged_area += max(rows, 0) * max(cols, 0)
        if self.merged_area > MAX_MERGED_AREA:
            raise _refuse(self.path, f"的工作表“{self.sheet}”有覆盖超过 {MAX_MERGED_AREA} 个单元格的合并区域")
