"""One builder for the nine public tables (公开01–09表): banded merged headers, 科目编码/名称
columns, 类/款/项 indentation, #,##0.00 amounts, header rows repeated on every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.forms.layout import SheetRow
from desktop.io.pdf.fonts import SANS, SANS_BOLD, text_width
from desktop.io.pdf.headers import build_header
from desktop.io.pdf.ruled import RuledTable
from desktop.io.pdf.ruled_layout import PAD, Place, Style, Text, head_style, merged
from desktop.io.pdf.sides import PageLayout, PageSide, placement
from desktop.io.pdf.styles import INDENT, TABLE_SIZE
from desktop.io.printed import extra_amounts
from desktop.models.dataset import Dataset
from desktop.money import format_amount

LEAD_LABELS = {"code": "科目编码", "name": "科目名称"}
NAME_MIN_CHARS = 8


@dataclass
class _Body:
    rows: list[list[Any]] = field(default_factory=list)
    bold: list[tuple[Place, Place, str]] = field(default_factory=list)  # emphasised rows, side by side
    numbers: list[Decimal] = field(default_factory=list)


def _side_paths(side: PageSide) -> list[tuple[str, ...]]:
    prefix = (side.band,) if side.band else ()
    if side.lead == ("name",):
        lead = [(*prefix, "项目")]
    else:
        lead = [(*(prefix or ("项目",)), LEAD_LABELS[k]) for k in side.lead]
    return lead + [(*prefix, *((c.band,) if c.band else ()), c.name) for c in side.columns]


@dataclass(frozen=True)
class _Name:
    """A row name: its width sizes the name column."""

    text: str
    depth: int
    bold: bool

    @property
    def width(self) -> float:
        return text_width(self.text, SANS_BOLD if self.bold else SANS, TABLE_SIZE) + INDENT * self.depth


def _name_cell(row: SheetRow) -> _Name:
    """类 rows start at the margin, 款 and 项 step in; a fixed row's level is its own depth."""
    return _Name(row.name, row.level - 1 if row.code else row.level, row.emphasis)


def _side_cells(
    dataset: Dataset, form_id: str, side: PageSide, row: SheetRow | None, body: _Body
) -> list[Any]:
    if row is None:
        return [""] * (len(side.lead) + len(side.columns))
    cells: list[Any] = [row.code] if "code" in side.lead else []
    cells.append(_name_cell(row))
    placed = placement(row, side.columns)
    extra = extra_amounts(dataset, dataset.catalogue.form(form_id), row.id) if len(side.columns) > 1 else {}
    for column in side.columns:
        source = placed.get(column.id)
        value = extra.get(column.id) if source is None else dataset.number(f"{form_id}.{row.id}.{source}")
        if value is not None:
            body.numbers.append(value)
        cells.append(format_amount(value, grouping=True))
    return cells


def _lines(layout: PageLayout) -> list[list[SheetRow | None]]:
    """PageSide rows next to each other; with two sides, their closing 总计/合计 rows share the last line."""
    height = max(len(s.rows) for s in layout.sides)
    columns: list[list[SheetRow | None]] = []
    for side in layout.sides:
        rows: list[SheetRow | None] = list(side.rows)
        gap: list[SheetRow | None] = [None] * (height - len(rows))
        closing = len(layout.sides) > 1 and bool(side.rows) and side.rows[-1].emphasis
        columns.append(rows[:-1] + gap + rows[-1:] if closing else rows + gap)
    lines = [list(line) for line in zip(*columns, strict=True)]
    return lines + [[row, *([None] * (len(layout.sides) - 1))] for row in layout.trailing]


def _body(dataset: Dataset, form_id: str, layout: PageLayout, first_row: int) -> _Body:
    body = _Body()
    for index, line in enumerate(_lines(layout), start=first_row):
        cells: list[Any] = []
        for side, row in zip(layout.sides, line, strict=True):
            start = len(cells)
            cells += _side_cells(dataset, form_id, side, row, body)
            if row is not None and row.emphasis:
                body.bold.append(((start, index), (len(cells) - 1, index), SANS_BOLD))
        body.rows.append(cells)
    return body


def _text_width(cell: str | _Name) -> float:
    """A cell's natural one-line width (amounts and codes as set in bold)."""
    return cell.width if isinstance(cell, _Name) else text_width(cell, SANS_BOLD, TABLE_SIZE)


def _widths(kinds: Sequence[str], leaves: Sequence[str], rows: list[list[Any]], total: float) -> list[float]:
    """Columns as wide as their content with one-line headers when the page allows (the spare room
    is shared in proportion); otherwise headers wrap and the names share what is left, wrapping too."""
    floor = text_width("四个汉字", SANS_BOLD, TABLE_SIZE)
    content = [max((_text_width(r[c]) for r in rows), default=0.0) for c in range(len(kinds))]
    compact = [max(w, floor) + PAD for w in content]
    wide = [max(w, text_width(h, SANS_BOLD, TABLE_SIZE)) + PAD for w, h in zip(compact, leaves, strict=True)]
    names = [i for i, k in enumerate(kinds) if k == "name"]
    name_min = floor * NAME_MIN_CHARS / 4 + PAD
    for i in names:
        wide[i] = max(content[i] + PAD, name_min)
    if sum(wide) <= total:
        return [w * total / sum(wide) for w in wide]
    fixed = sum(w for i, w in enumerate(compact) if i not in names)
    share = max((total - fixed) / len(names), name_min)
    return [share if i in names else w for i, w in enumerate(compact)]


def _style(kinds: list[str], depth: int, spans: Any, bold: list[tuple[Place, Place, str]]) -> Style:
    align = [
        ((col, depth), (col, -1), {"amount": "RIGHT", "code": "CENTER"}.get(kind, "LEFT"))
        for col, kind in enumerate(kinds)
    ]
    return merged(head_style((0, 0), (-1, depth - 1)), Style(align=align, font=bold, spans=spans))


def _cell(cell: str | _Name) -> str | Text:
    return Text(cell.text, cell.depth) if isinstance(cell, _Name) else cell


@dataclass(frozen=True)
class BuiltTable:
    table: Any
    empty: bool  # every printed amount is zero or blank


def form_table(dataset: Dataset, form_id: str, layout: PageLayout, width: float) -> BuiltTable:
    """The ruled table of one public table, at most `width` points wide."""
    paths = [p for s in layout.sides for p in _side_paths(s)]
    header = build_header(paths)
    body = _body(dataset, form_id, layout, header.depth)
    kinds = [kind for s in layout.sides for kind in (*s.lead, *("amount" for _ in s.columns))]
    widths = _widths(kinds, [p[-1] for p in paths], body.rows, width)
    table = RuledTable(
        [list(labels) for labels in header.rows] + [[_cell(c) for c in row] for row in body.rows],
        widths,
        _style(kinds, header.depth, header.spans, body.bold),
        repeat=header.depth,
    )
    return BuiltTable(table, all(n == 0 for n in body.numbers))
