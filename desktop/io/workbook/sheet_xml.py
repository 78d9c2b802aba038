"""One worksheet part of an .xlsx read with expat callbacks: each cell's value as openpyxl's
read-only parser gives it with data_only (the saved result of a formula), and the merged
ranges. openpyxl's own parser builds an element tree of every chunk and a rich-text object
of every inline string (and its read-only sheets parse each part once more to find its
size): several times the work of the reading itself, on a workbook of inline strings.

The package was checked for a DTD before (desktop.io.xml_safety, in each part's first 64 KB);
a DTD further down (after padding) stops the parse here, before any entity is declared."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO
from xml.parsers import expat

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CHUNK = 1 << 16

Value = str | int | float | bool | datetime | timedelta


@dataclass(frozen=True)
class DateStyles:
    """What the workbook's styles say of a style id: a date (or a duration) for numbers."""

    dates: set[int]
    durations: set[int]
    epoch: datetime


@dataclass
class RawCell:
    row: int
    column: int
    value: Value
    style_id: int


@dataclass
class _Cell:
    """The cell being read: its attributes and the texts of its <v> and <is>."""

    attrs: dict[str, str]
    value: list[str] | None = None
    inline: list[str] | None = None
    runs: list[list[str]] = field(default_factory=list)


class DeclaresDtd(Exception):
    """The part declares a DTD: the vehicle of entity attacks, in no sheet Excel or WPS writes."""


def _refuse_dtd(*_declaration: object) -> None:
    raise DeclaresDtd


class SheetReader:
    """Cells come out row by row as the part is fed (`cells`); `merged` holds the ranges
    of the last <mergeCells> (as openpyxl keeps them)."""

    def __init__(self, strings: list[str], styles: DateStyles) -> None:
        self.strings, self.styles = strings, styles
        self.merged: list[str] = []
        self._ready: list[RawCell] = []
        self._path: list[str] = []
        self._row = self._col = 0
        self._cell: _Cell | None = None
        self._text: list[str] | None = None  # where character data goes now
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._chars
        self._parser.StartDoctypeDeclHandler = _refuse_dtd
        self._parser.EntityDeclHandler = _refuse_dtd

    def cells(self, source: IO[bytes]) -> Iterator[RawCell]:
        while chunk := source.read(_CHUNK):
            self._parser.Parse(chunk, False)
            yield from self._drain()
        self._parser.Parse(b"", True)
        yield from self._drain()

    def _drain(self) -> list[RawCell]:
        ready, self._ready = self._ready, []
        return ready

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        namespace, _, tag = name.rpartition(" ")
        parent = self._path[-1] if self._path else ""
        self._path.append(tag if namespace == _MAIN else "")
        self._text = None  # an element's text is what comes before its first child
        if namespace != _MAIN:
            return
        _STARTS.get(tag, _ignore)(self, parent, attrs)

    def _end(self, name: str) -> None:
        tag = self._path.pop()
        self._text = None
        if tag == "c" and self._cell is not None and (self._path[-1:] == ["row"]):
            self._finish(self._cell)
            self._cell = None

    def _chars(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _open_row(self, _parent: str, attrs: dict[str, str]) -> None:
        number = attrs.get("r")
        if number is None:
            self._row += 1
        else:
            self._row = _row_number(number)
        self._col = 0

    def _open_cell(self, parent: str, attrs: dict[str, str]) -> None:
        if parent == "row":
            self._cell = _Cell(attrs)

    def _open_value(self, parent: str, _attrs: dict[str, str]) -> None:
        if parent == "c" and self._cell is not None and self._cell.value is None:  # the first <v>
            self._text = self._cell.value = []

    def _open_inline(self, parent: str, _attrs: dict[str, str]) -> None:
        if parent == "c" and self._cell is not None and self._cell.inline is None:  # the first <is>
            self._cell.inline = []

    def _open_text(self, parent: str, _attrs: dict[str, str]) -> None:
        """<is><t> is the plain text (the last one counts); <is><r><t> a run; <rPh> is skipped."""
        cell = self._cell
        if cell is None or cell.inline is None or self._path[-3:-1] not in (["c", "is"], ["is", "r"]):
            return
        if parent == "is":
            cell.inline.clear()
            self._text = cell.inline
        else:
            self._text = []
            cell.runs.append(self._text)

    def _open_merged(self, _parent: str, _attrs: dict[str, str]) -> None:
        self.merged = []

    def _open_merge(self, parent: str, attrs: dict[str, str]) -> None:
        if parent == "mergeCells":
            self.merged.append(attrs["ref"])

    def _finish(self, cell: _Cell) -> None:
        coordinate = cell.attrs.get("r")
        if coordinate:
            row, self._col = coordinate_to_tuple(coordinate)
        else:
            self._col += 1
            row = self._row
        style = cell.attrs.get("s")
        style_id = int(style) if style else 0
        value = self._value(cell, cell.attrs.get("t", "n"), style_id)
        if value is not None:
            self._ready.append(RawCell(row, self._col, value, style_id))

    def _value(self, cell: _Cell, kind: str, style_id: int) -> Value | None:
        if kind == "inlineStr":
            return (
                None if cell.inline is None else "".join(cell.inline + [t for run in cell.runs for t in run])
            )
        text = "".join(cell.value) if cell.value else None
        if not text:
            return None
        if kind == "n":
            number: int | float = _cast_number(text)
            if style_id not in self.styles.dates:
                return number
            try:
                moment: datetime | timedelta = from_excel(
                    number, self.styles.epoch, timedelta=style_id in self.styles.durations
                )
                return moment
            except (OverflowError, ValueError):
                return "#VALUE!"  # openpyxl: a date beyond the calendar is an error cell
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            written: datetime | timedelta = from_ISO8601(text)
            return written
        return text  # str, e (the error text) and any other kind: as written


def _ignore(_reader: SheetReader, _parent: str, _attrs: dict[str, str]) -> None:
    return None


def _row_number(text: str) -> int:
    """openpyxl's reading of a row number: `7` or `7.0`."""
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(number)


_STARTS: dict[str, Callable[[SheetReader, str, dict[str, str]], None]] = {
    "row": SheetReader._open_row,
    "c": SheetReader._open_cell,
    "v": SheetReader._open_value,
    "is": SheetReader._open_inline,
    "t": SheetReader._open_text,
    "mergeCells": SheetReader._open_merged,
    "mergeCell": SheetReader._open_merge,
}
