"""One worksheet part of an .xlsx read with expat callbacks: each cell's value as openpyxl's
read-only parser gives it with data_only (the saved result of a formula), and the merged
ranges. openpyxl's own parser builds an element tree of every chunk and a rich-text object
of every inline string (and its read-only sheets parse each part once more to find its
size): several times the work of the reading itself, on a workbook of inline strings.

A sheet is mostly empty styled cells: each callback does the least it can (elements are
compared by their full expat names, the open cell is a few fields of the reader, a cell
without a value is dropped as it closes).

The package was checked for a DTD before (desktop.io.xml_safety, in each part's first 64 KB);
a DTD further down (after padding) stops the parse here, before any entity is declared."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, NamedTuple
from xml.parsers import expat

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

from desktop.io.workbook.formulas import position

_CHUNK = 1 << 16
# Element names as expat gives them with namespace_separator " ": the main namespace's only.
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN, _FORMULA = (
    _MAIN + tag for tag in ("row", "c", "v", "is", "t", "r", "f")
)
_MERGES, _MERGE = _MAIN + "mergeCells", _MAIN + "mergeCell"
# Where a <t> is read: <c><is><t> (the plain text) or <is><r><t> (a run).
_TEXT_PARENTS = ([_CELL, _INLINE], [_INLINE, _RUN])

Value = str | int | float | bool | datetime | timedelta


@dataclass(frozen=True)
class DateStyles:
    """What the workbook's styles say of a style id: a date (or a duration) for numbers."""

    dates: set[int]
    durations: set[int]
    epoch: datetime


class RawCell(NamedTuple):
    row: int
    column: int
    value: Value
    style_id: int


class DeclaresDtd(Exception):
    """The part declares a DTD: the vehicle of entity attacks, in no sheet Excel or WPS writes."""


def _refuse_dtd(*_declaration: object) -> None:
    raise DeclaresDtd


class SheetReader:
    """Cells come out row by row as the part is fed (`cells`); `merged` holds the ranges
    of the last <mergeCells> (as openpyxl keeps them), `uncached` the (row, column) of each
    formula saved without a result (desktop.io.workbook.formulas)."""

    def __init__(self, strings: list[str], styles: DateStyles) -> None:
        self.strings, self.styles = strings, styles
        self.merged: list[str] = []
        self.uncached: set[tuple[int, int]] = set()
        self._ready: list[RawCell] = []
        self._path: list[str] = []  # the open elements' expat names
        self._row = self._col = 0
        # The cell being read (attributes None: none): the texts of its <v> and <is>.
        self._attrs: dict[str, str] | None = None
        self._value: list[str] | None = None
        self._inline: list[str] | None = None
        self._runs: list[list[str]] = []
        self._formula = False  # it has an <f>
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
        path = self._path
        parent = path[-1] if path else ""
        path.append(name)
        self._text = None  # an element's text is what comes before its first child
        if name == _CELL:
            if parent == _ROW:
                self._attrs, self._value, self._inline, self._runs = attrs, None, None, []
                self._formula = False
        elif name == _ROW:
            number = attrs.get("r")
            self._row = self._row + 1 if number is None else _row_number(number)
            self._col = 0
        elif name == _VALUE:
            if parent == _CELL and self._attrs is not None and self._value is None:  # the first <v>
                self._text = self._value = []
        elif name == _INLINE:
            if parent == _CELL and self._attrs is not None and self._inline is None:  # the first <is>
                self._inline = []
        elif name == _TEXT:
            self._open_text(parent)
        elif name == _FORMULA:
            self._formula = self._formula or (parent == _CELL and self._attrs is not None)
        elif name == _MERGES:
            self.merged = []
        elif name == _MERGE and parent == _MERGES:
            self.merged.append(attrs["ref"])

    def _end(self, _name: str) -> None:
        path = self._path
        name = path.pop()
        self._text = None
        if name == _CELL and self._attrs is not None and path and path[-1] == _ROW:
            self._finish(self._attrs)
            self._attrs = None

    def _chars(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _open_text(self, parent: str) -> None:
        """<is><t> is the plain text (the last one counts); <is><r><t> a run; <rPh> is skipped."""
        if self._attrs is None or self._inline is None or self._path[-3:-1] not in _TEXT_PARENTS:
            return
        if parent == _INLINE:
            self._inline.clear()
            self._text = self._inline
        else:
            self._text = []
            self._runs.append(self._text)

    def _finish(self, attrs: dict[str, str]) -> None:
        coordinate = attrs.get("r")
        if self._formula and not (self._value and "".join(self._value).strip()):
            self.uncached.add(position(coordinate or ""))
            self.uncached.discard((0, 0))  # not a plain cell name: in no table
        if coordinate:
            row, self._col = coordinate_to_tuple(coordinate)
        else:
            self._col += 1
            row = self._row
        style = attrs.get("s")
        style_id = int(style) if style else 0
        kind = attrs.get("t", "n")
        value: Value | None
        if kind == "inlineStr":
            value = self._inline_text()
        elif self._value:
            value = self._typed(kind, "".join(self._value), style_id)
        else:
            return  # no value: nothing to keep
        if value is not None:
            self._ready.append(RawCell(row, self._col, value, style_id))

    def _inline_text(self) -> str | None:
        if self._inline is None:
            return None
        return "".join(self._inline + [t for run in self._runs for t in run])

    def _typed(self, kind: str, text: str, style_id: int) -> Value | None:
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


def _row_number(text: str) -> int:
    """openpyxl's reading of a row number: `7` or `7.0`."""
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(number)
