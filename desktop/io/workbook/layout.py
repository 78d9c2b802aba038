"""A located table's layout: where its header ends, what each column holds, and its data
rows cut into sides (a two-sided table like 公开01表 has a 收入 side and a 支出 side)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.io.workbook.grid import Grid, SheetCell
from desktop.io.workbook.locate import Region, is_meta_text
from desktop.io.workbook.text import is_decoration, norm, numbering_ordinal, split_code, strip_numbering
from desktop.money import AmountError, parse_amount, round_half_up

LABEL_KINDS = ("seq", "lei", "kuan", "xiang", "code", "name")
_LABEL_RULES = (
    ("seq", re.compile(r"行次|栏次|序号")),
    ("lei", re.compile(r"^类$")),
    ("kuan", re.compile(r"^款$")),
    ("xiang", re.compile(r"^项$")),
    ("code", re.compile(r"编码|代码|编号")),
    ("name", re.compile(r"名称|^项目$|^科目$|^摘要$")),
)
AmountRule = Callable[[list[str]], str | None]
_ZERO = Decimal("0.00")
_CENT_EXPONENT = -2


@dataclass(frozen=True)
class SheetSide:
    """Label columns by kind (code, name, lei/kuan/xiang) and amount columns by column id."""

    index: int
    kind: str  # "income", "expense" or "" when the header does not say
    labels: dict[str, int]
    amounts: dict[str, int]
    unread: dict[int, str] = field(default_factory=dict)  # columns of no column of the form: header


@dataclass(frozen=True)
class SideRow:
    row: int
    side: SheetSide
    labels: dict[str, str]
    amounts: dict[str, Decimal | None]

    @property
    def has_figures(self) -> bool:
        return any(value is not None for value in self.amounts.values())

    def text(self) -> str:
        return " ".join(text for text in self.labels.values() if text)

    def filled(self) -> dict[str, Decimal]:
        """Blank amounts in a row that has figures are zero."""
        return {key: value if value is not None else _ZERO for key, value in self.amounts.items()}


@dataclass(frozen=True)
class SheetLayout:
    meta_rows: range
    header_rows: tuple[int, ...]
    data_rows: range
    sides: tuple[SheetSide, ...] = field(default=())


def read_layout(region: Region, amount_rule: AmountRule) -> SheetLayout:
    grid = region.grid
    header: list[int] = []
    first_header = None
    for row in range(region.heading_end + 1, region.last_row + 1):
        texts = grid.row_texts(row)
        if not texts or any(is_decoration(text) for text in texts):
            continue
        if first_header is None and all(is_meta_text(text, region.index) for text in texts):
            continue
        if _is_column_numbers(grid, row):
            return _layout(region, header, first_header or row, row + 1, amount_rule)
        if _looks_like_data(grid, row):
            return _layout(region, header, first_header or row, row, amount_rule)
        first_header = first_header or row
        header.append(row)
    return _layout(region, header, first_header or region.last_row + 1, region.last_row + 1, amount_rule)


def _layout(
    region: Region, header: list[int], first_header: int, data_start: int, rule: AmountRule
) -> SheetLayout:
    sides = _sides(region, header, rule)
    return SheetLayout(
        range(region.first_row, first_header), tuple(header), range(data_start, region.last_row + 1), sides
    )


def _is_column_numbers(grid: Grid, row: int) -> bool:
    """The 栏次 row (1, 2, 3 … under the header): it closes the header."""
    cells = [cell for cell in (grid.cell(row, col) for col in range(1, grid.max_col + 1)) if cell]
    if any(norm(cell.text) == "栏次" for cell in cells):
        return True
    numbers = [cell.number if cell.number is not None else _whole_number(cell.text) for cell in cells]
    return len(numbers) >= 2 and numbers == [Decimal(n) for n in range(1, len(numbers) + 1)]


def _whole_number(text: str) -> Decimal | None:
    cleaned = norm(text)
    return Decimal(cleaned) if cleaned.isdigit() else None


def _looks_like_data(grid: Grid, row: int) -> bool:
    cells = [grid.cell(row, col) for col in range(1, grid.max_col + 1)]
    present = [cell for cell in cells if cell is not None]
    if any(cell.number is not None for cell in present) or any(
        _is_amount_text(cell.text) for cell in present
    ):
        return True
    # 合计 is no sign of data: 公开07表 has it as a column header.
    first = norm(present[0].text) if present else ""
    return split_code(first)[0] is not None or numbering_ordinal(first) is not None


def _is_amount_text(text: str) -> bool:
    """A number stored as text, or a dash standing for zero."""
    try:
        parse_amount(text, blank_as_zero=True)
    except AmountError:
        return False
    return True


def header_pieces(region: Region, header: list[int], col: int) -> list[str]:
    """A column's header texts top to bottom, merged bands included, repeats dropped."""
    pieces: list[str] = []
    for row in header:
        text = norm(region.grid.spanned_text(row, col))
        if text and not is_meta_text(text, region.index) and (not pieces or pieces[-1] != text):
            pieces.append(text)
    return pieces


def label_kind(pieces: list[str]) -> str | None:
    if not pieces:
        return None
    for kind, pattern in _LABEL_RULES:
        if pattern.search(pieces[-1]):
            return kind
    return None


def _sides(region: Region, header: list[int], rule: AmountRule) -> tuple[SheetSide, ...]:
    sides: list[SheetSide] = []
    labels: dict[str, int] = {}
    amounts: dict[str, int] = {}
    unread: dict[int, str] = {}
    kind = ""
    for col in range(1, region.grid.max_col + 1):
        pieces = header_pieces(region, header, col)
        label = label_kind(pieces)
        if label is not None:
            if amounts or unread:  # a label column after amounts starts the next side
                sides.append(SheetSide(len(sides), kind, labels, amounts, unread))
                labels, amounts, unread, kind = {}, {}, {}, ""
            labels.setdefault(label, col)
            kind = kind or _side_kind(pieces)
            continue
        key = rule(pieces) if pieces else None
        if key is not None and key not in amounts:
            amounts[key] = col
        elif pieces:  # a header the form has no column for, or a second column of one
            unread[col] = "|".join(pieces)
    if labels or amounts or unread:
        sides.append(SheetSide(len(sides), kind, labels, amounts, unread))
    return tuple(sides)


def _side_kind(pieces: list[str]) -> str:
    joined = "".join(pieces)
    return "expense" if "支出" in joined else "income" if "收入" in joined else ""


def side_rows(region: Region, layout: SheetLayout, factor: Decimal, places: int) -> Iterator[SideRow]:
    grid = region.grid
    for row in layout.data_rows:
        texts = grid.row_texts(row)
        if not texts or any(is_decoration(text) for text in texts):
            continue
        for side in layout.sides:
            labels = {kind: grid.text(row, col) for kind, col in side.labels.items() if kind != "seq"}
            amounts = {key: to_wan(grid.cell(row, col), factor, places) for key, col in side.amounts.items()}
            yield SideRow(row, side, labels, amounts)


def to_wan(cell: SheetCell | None, factor: Decimal, places: int) -> Decimal | None:
    """A cell as 万元: numbers rounded to the format (or `places` when it says none) and
    scaled; text parsed exactly (a trailing 元/万元 in the text carries its own unit)."""
    if cell is None:
        return None
    if cell.number is not None:
        number = cell.number if cell.formatted else round_half_up(cell.number, places)
        return as_wan(number, factor)
    try:
        value = parse_amount(cell.text, blank_as_zero=True)
    except AmountError:
        return None
    return as_wan(value, Decimal(1) if norm(cell.text).endswith("元") else factor)


def as_wan(value: Decimal, factor: Decimal) -> Decimal:
    """Scaled to 万元 exactly, written with 2 places or more (1234500 元 → 123.45, not
    123.4500000; a dash → 0.00), so equal amounts from any unit read the same."""
    result = (value * factor).normalize() if factor != 1 else value
    exponent = result.as_tuple().exponent
    return result if isinstance(exponent, int) and exponent < _CENT_EXPONENT else result.quantize(_ZERO)


def label_name(labels: dict[str, str]) -> str:
    """The label text without its numbering and without a code in front."""
    text = labels.get("name") or labels.get("code") or ""
    return strip_numbering(split_code(text)[1])
