"""One builder for the nine public tables (公开01–09表): banded merged headers, 科目编码/名称
columns, 类/款/项 indentation, #,##0.00 amounts, header rows repeated on every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportlab.platypus import Table, TableStyle

from desktop.forms.layout import SheetRow
from desktop.io.pdf.fonts import SANS, SANS_BOLD, text_width
from desktop.io.pdf.grid import PAD, base_commands, fit, head_commands
from desktop.io.pdf.headers import Header, build_header
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
    commands: list[tuple[Any, ...]] = field(default_factory=list)
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
    """A row name until the column widths are known (then a string, or a Paragraph if it wraps)."""

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
                body.commands.append(("FONTNAME", (start, index), (len(cells) - 1, index), SANS_BOLD))
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


def _style(kinds: list[str], depth: int, spans: Any, extra: list[tuple[Any, ...]]) -> Any:
    commands = [*base_commands(), *head_commands((0, 0), (-1, depth - 1))]
    for col, kind in enumerate(kinds):
        align = {"amount": "RIGHT", "code": "CENTER"}.get(kind, "LEFT")
        commands.append(("ALIGN", (col, depth), (col, -1), align))
    commands += [("SPAN", start, end) for start, end in spans]
    return TableStyle(commands + extra)


def _fitted(row: list[Any], widths: list[float]) -> list[Any]:
    return [
        fit(c.text, w, depth=c.depth, bold=c.bold) if isinstance(c, _Name) else c
        for c, w in zip(row, widths, strict=True)
    ]


def _head_cells(header: Header, widths: list[float]) -> list[list[Any]]:
    """Header labels; a merged cell may use the width of every column it spans."""
    span_end = dict(header.spans)
    return [
        [
            fit(label, sum(widths[c : span_end.get((c, r), (c, r))[0] + 1]), head=True)
            for c, label in enumerate(labels)
        ]
        for r, labels in enumerate(header.rows)
    ]


@dataclass(frozen=True)
class BuiltTable:
    table: Any
    empty: bool  # every printed amount is zero or blank


def form_table(dataset: Dataset, form_id: str, layout: PageLayout, width: float) -> BuiltTable:
    """The reportlab Table of one public table, at most `width` points wide."""
    paths = [p for s in layout.sides for p in _side_paths(s)]
    header = build_header(paths)
    body = _body(dataset, form_id, layout, header.depth)
    kinds = [kind for s in layout.sides for kind in (*s.lead, *("amount" for _ in s.columns))]
    widths = _widths(kinds, [p[-1] for p in paths], body.rows, width)
    table = Table(
        _head_cells(header, widths) + [_fitted(row, widths) for row in body.rows],
        colWidths=widths,
        repeatRows=header.depth,
        style=_style(kinds, header.depth, header.spans, body.commands),
        hAlign="CENTER",
    )
    return BuiltTable(table, all(n == 0 for n in body.numbers))
