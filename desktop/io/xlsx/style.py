"""Cell styles of the exported workbook: 宋体 everywhere (set explicitly on every styled cell,
since a clerk's Excel may default to 等线 or Calibri), thin borders, `#,##0.00` amounts."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, Side

FONT_NAME = "宋体"
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.00%"
TEXT_FORMAT = "@"
GENERAL = "General"

_THIN = Side(style="thin")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
NO_BORDER = Border()


@dataclass(frozen=True)
class CellStyle:
    """Everything a cell of the export carries besides its value."""

    font: Font
    alignment: Alignment
    number_format: str = GENERAL
    border: Border = BOX


def _font(size: float = 10, bold: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold)


def _align(horizontal: str, *, wrap: bool = False, vertical: str | None = "center") -> Alignment:
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap or None)


TITLE = CellStyle(_font(16, bold=True), _align("center"), border=NO_BORDER)
META_LEFT = CellStyle(_font(), _align("left", vertical=None), border=NO_BORDER)
META_CENTER = CellStyle(_font(), _align("center", vertical=None), border=NO_BORDER)
META_RIGHT = CellStyle(_font(), _align("right", vertical=None), border=NO_BORDER)
NOTE = CellStyle(_font(9), _align("left", wrap=True, vertical=None), border=NO_BORDER)
HEAD = CellStyle(_font(bold=True), _align("center", wrap=True))

# Body cells, plain and bold (totals, 类 and 款 rows).
_BODY = {
    "name": (_align("left"), GENERAL),
    "text": (_align("left", wrap=True), GENERAL),
    "code": (_align("left"), TEXT_FORMAT),
    "seq": (_align("center"), TEXT_FORMAT),
    "center": (_align("center", wrap=True), GENERAL),
    "amount": (_align("right"), AMOUNT_FORMAT),
    "count": (_align("right"), COUNT_FORMAT),
    "rate": (_align("right"), RATE_FORMAT),
}
BODY: dict[tuple[str, bool], CellStyle] = {
    (kind, bold): CellStyle(_font(bold=bold), align, number_format)
    for kind, (align, number_format) in _BODY.items()
    for bold in (False, True)
}


def body(kind: str, bold: bool = False) -> CellStyle:
    return BODY[(kind, bold)]
