"""Opening a .xlsx or .xls file into grids, and turning every way that can fail into a
WorkbookError the clerk can act on. The only module that opens other software's workbooks (with
openpyxl, xlrd and sheet_xml): formulas are read as the results the file saved (never evaluated; those saved
without one are marked, desktop.io.workbook.formulas), a part that declares a DTD is refused
before parsing (desktop.io.xml_safety).

An .xlsx's package (strings, workbook, styles) is read by openpyxl, its sheets streamed one by
one with expat (sheet_xml: no element trees, no cell objects, each part parsed once) against
the limits in `limits.py`, so a monster is refused within seconds and memory stays bounded."""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from desktop.io.workbook import limits
from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.grid import Grid, SheetCell, exact_number, format_places
from desktop.io.workbook.limits import Budget
from desktop.io.xml_safety import UnsafeXml, check_parts

if TYPE_CHECKING:  # openpyxl on first use: the window starts without it
    from desktop.io.workbook.sheet_xml import SheetReader

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 container whose directory names this stream (UTF-16LE).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_SAVE_AS = "请在 Excel 或 WPS 中打开它，另存为“Excel 工作簿（.xlsx）”后再导入。"


def load_grids(path: Path) -> list[Grid]:
    """Every sheet of the workbook; WorkbookError for anything that is not a readable one
    within the limits, whatever the reader library raised."""
    head = _read_head(path)
    limits.check_file_size(path)
    if head.startswith(_ZIP_MAGIC):
        return _load_xlsx(path)
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise _encrypted(path)
        return _load_xls(path)
    raise WorkbookError(f"“{path.name}”不是 Excel 工作簿（可能是改了扩展名的其他文件）。{_SAVE_AS}")


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise WorkbookError(f"找不到文件“{path}”：请确认文件仍在原处后重新选择。") from exc
    except OSError as exc:
        raise WorkbookError(
            f"无法打开文件“{path.name}”（{exc.strerror}）：请关闭占用它的程序后重试。"
        ) from exc
    if not head:
        raise WorkbookError(f"“{path.name}”是一个空文件（0 字节）：请重新导出或从原处再复制一次。")
    return head


def _encrypted(path: Path) -> WorkbookError:
    return WorkbookError(
        f"“{path.name}”设置了打开密码，无法读取：请在 Excel 或 WPS 中用密码打开，"
        "取消密码（文件→信息→保护工作簿）并保存后再导入。"
    )


def _damaged(path: Path) -> WorkbookError:
    return WorkbookError(
        f"“{path.name}”已损坏或不完整（可能复制或下载时中断），无法读取：请从原处重新复制或重新导出后再导入。"
    )


def _load_xlsx(path: Path) -> list[Grid]:
    from openpyxl.reader.excel import ExcelReader  # on first use: the window starts without it

    try:
        check_parts(path)
    except UnsafeXml as exc:
        raise WorkbookError(str(exc)) from exc
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; none of them matter here.
            warnings.simplefilter("ignore")
            # Our own handle: closed even when openpyxl fails halfway through opening.
            with path.open("rb") as handle:
                with zipfile.ZipFile(handle) as archive:
                    limits.check_package(path, archive)
                reader = ExcelReader(handle, read_only=True, data_only=True)
                try:
                    grids = _xlsx_grids(path, reader)
                finally:
                    reader.archive.close()
        return grids
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _damaged(path) from exc
    except Exception as exc:  # openpyxl raises KeyError, ValueError … for a zip that is no workbook
        if _is_truncated_zip(path):
            raise _damaged(path) from exc
        raise WorkbookError(f"“{path.name}”不是可读取的 Excel 工作簿。{_SAVE_AS}") from exc


def _is_truncated_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is not None
    except (zipfile.BadZipFile, OSError, EOFError):
        return True


def _xlsx_grids(path: Path, reader: Any) -> list[Grid]:
    """openpyxl reads the package's manifest, shared strings, workbook and styles; the
    worksheets are streamed here (sheet_xml), each read once."""
    from openpyxl.styles.stylesheet import apply_stylesheet

    from desktop.io.workbook.sheet_xml import DateStyles, DeclaresDtd, SheetReader

    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    book = reader.wb
    apply_stylesheet(reader.archive, book)
    sheets = [
        (sheet.name, rel.target)
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type
    ]
    limits.check_sheet_count(path, len(sheets))
    budget = Budget(path)
    styles = DateStyles(book._date_formats, book._timedelta_formats, book.epoch)
    formats = _number_formats(book)
    grids = []
    for title, part in sheets:
        with reader.archive.open(part) as source:
            try:
                grid = _xlsx_grid(title, SheetReader(reader.shared_strings, styles), source, formats, budget)
            except DeclaresDtd:
                raise WorkbookError(str(UnsafeXml(path, part))) from None
            grids.append(grid)
    return grids


def _xlsx_grid(
    title: str, sheet: SheetReader, source: IO[bytes], formats: Callable[[int], str], budget: Budget
) -> Grid:
    """One sheet streamed: only cells with content are kept, each checked as it comes."""
    from openpyxl.utils.cell import range_boundaries

    budget.sheet = title
    cells: dict[tuple[int, int], SheetCell] = {}
    for row, column, value, style_id in sheet.cells(source):
        budget.cell(row, column)
        cell = _make_cell(value, formats(style_id), budget)
        if cell is not None:
            cells[(row, column)] = cell
    merged = []
    for ref in sheet.merged:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
        budget.merged(first_row, first_col, last_row, last_col)
        merged.append((first_row, first_col, last_row, last_col))
    return Grid(title, cells, merged, sheet.uncached)


def _number_formats(book: Any) -> Callable[[int], str]:
    """A style id's number format, as openpyxl's read-only cell gives it, looked up once per id."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    known: dict[int, str] = {}

    def number_format(style_id: int) -> str:
        if style_id not in known:
            number = book._cell_styles[style_id].numFmtId
            builtin = number < BUILTIN_FORMATS_MAX_SIZE
            found = (
                BUILTIN_FORMATS.get(number, "General")
                if builtin
                else book._number_formats[number - BUILTIN_FORMATS_MAX_SIZE]
            )
            known[style_id] = str(found)
        return known[style_id]

    return number_format


def _load_xls(path: Path) -> list[Grid]:
    import xlrd  # on first use: the window starts without it

    log = io.StringIO()  # xlrd writes its warnings to a log file, never to the clerk
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=log, on_demand=True)
        limits.check_sheet_count(path, book.nsheets)
    except WorkbookError:
        raise
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise _encrypted(path) from exc
        raise _damaged(path) from exc
    except Exception as exc:  # xlrd raises AssertionError, IndexError … on a truncated file
        raise _damaged(path) from exc
    try:
        budget = Budget(path)
        return [_xls_grid(book, book.sheet_by_index(index), budget) for index in range(book.nsheets)]
    except WorkbookError:
        raise
    except Exception as exc:
        raise _damaged(path) from exc
    finally:
        book.release_resources()


def _xls_grid(book: Any, sheet: Any, budget: Budget) -> Grid:
    import xlrd

    budget.sheet = sheet.name
    # xlrd ranges are 0-based with exclusive ends; checked before any cell is visited.
    merged = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
    for found in merged:
        budget.merged(*found)
    cells: dict[tuple[int, int], SheetCell] = {}
    for row in range(sheet.nrows):
        for col in range(sheet.row_len(row)):
            source = sheet.cell(row, col)
            if source.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                continue
            value = source.value
            if source.ctype in (xlrd.XL_CELL_DATE, xlrd.XL_CELL_BOOLEAN):
                value = str(value)  # a date or a flag is never an amount: keep it as text
            budget.cell(row + 1, col + 1)
            cell = _make_cell(value, _xls_format(book, sheet, row, col), budget)
            if cell is not None:
                cells[(row + 1, col + 1)] = cell
    return Grid(sheet.name, cells, merged)


def _xls_format(book: Any, sheet: Any, row: int, col: int) -> str:
    xf = book.xf_list[sheet.cell_xf_index(row, col)]
    found = book.format_map.get(xf.format_key)
    return str(found.format_str) if found is not None else "General"


def _make_cell(value: object, number_format: str, budget: Budget) -> SheetCell | None:
    if isinstance(value, str):  # the most common, first
        budget.text(value)
        text = value.strip()
        return SheetCell(text) if text else None
    if value is None:
        return None
    if isinstance(value, (bool, datetime, date, time, timedelta)):
        return SheetCell(str(value))
    if isinstance(value, (int, float)):
        budget.number(value)
        places = format_places(number_format)
        number = exact_number(value, places)
        return SheetCell(str(number), number, places is not None)
    text = str(value)
    budget.text(text)
    text = text.strip()
    return SheetCell(text) if text else None
