"""The ruled tables of the PDF (desktop/io/pdf/ruled.py), read back through poppler: header rows
repeated on every page a table continues on, long text wrapped inside its cell, amounts
right-aligned at the cell's padding, a merged cell kept whole across a page break."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer

from desktop.io.pdf.fonts import SANS, register_fonts
from desktop.io.pdf.kinsoku import CANNOT_START
from desktop.io.pdf.ruled import RuledTable
from desktop.io.pdf.ruled_layout import (
    PAD,
    CellLayout,
    Place,
    Style,
    Text,
    by_row,
    head_style,
    merged,
    wrapped,
)
from desktop.io.pdf.styles import TABLE_SIZE
from tests.helpers import pdf_pages, poppler

WIDTHS = [60.0, 150.0, 90.0]
LONG = "国有土地使用权出让收入及对应专项债务收入安排的支出，其他国有土地使用权出让收入安排的支出"
MARGIN = 40.0


def built(tmp_path: Path, flowables: list[object]) -> Path:
    register_fonts()
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN).build(flowables)
    return path


def table(rows: int) -> RuledTable:
    body = [[f"R{n:03d}", Text(LONG if n == 1 else f"名称{n}", 1), f"{n * 1111:,}.25"] for n in range(rows)]
    style = merged(head_style((0, 0), (-1, 0)), Style(align=[((2, 1), (2, -1), "RIGHT")]))
    return RuledTable([["编码", "科目名称", "金额"], *body], WIDTHS, style, repeat=1)


def words(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, text) of every word poppler finds."""
    found, page = [], 0
    for line in poppler("pdftotext", "-bbox", path, "-").splitlines():
        page += "<page " in line
        match = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', line)
        if match:
            found.append((page, float(match[1]), float(match[2]), match[3]))
    return found


def test_a_long_table_repeats_its_header_rows_on_every_page(tmp_path: Path) -> None:
    pages = pdf_pages(built(tmp_path, [table(120)]))
    assert len(pages) >= 3
    assert all("编码" in page and "科目名称" in page and "金额" in page for page in pages)
    printed = re.findall(r"R\d{3}", "".join(pages))
    assert printed == [f"R{n:03d}" for n in range(120)]  # every row once, in order


def test_long_text_wraps_inside_its_cell_and_keeps_the_closing_marks_off_line_starts(tmp_path: Path) -> None:
    path = built(tmp_path, [table(3)])
    left = (A4[0] - sum(WIDTHS)) / 2 + WIDTHS[0]
    parts = [w for w in words(path) if w[3] in LONG]
    assert len(parts) >= 3 and "".join(p[3] for p in parts) == LONG
    assert all(left + PAD / 2 <= p[1] and p[2] <= left + WIDTHS[1] - PAD / 2 + 0.5 for p in parts)
    assert all(p[3][0] not in CANNOT_START for p in parts)


def test_amounts_are_right_aligned_at_the_cell_padding(tmp_path: Path) -> None:
    path = built(tmp_path, [table(12)])
    right = (A4[0] + sum(WIDTHS)) / 2 - PAD / 2
    amounts = [w for w in words(path) if re.fullmatch(r"[\d,]+\.25", w[3])]
    assert len(amounts) == 12
    assert all(abs(a[2] - right) < 0.6 for a in amounts), [a[2] for a in amounts]
    assert len({round(a[1]) for a in amounts}) > 1  # the widths differ, the right edges do not


def test_wrapped_lines_fit_their_room() -> None:
    register_fonts()
    lines = wrapped(LONG + "\n第二段", SANS, 100.0)
    assert "".join(line for line, _ in lines) == LONG + "第二段" and lines[-1][0] == "第二段"
    assert len(lines) >= 5
    for line, width in lines:
        assert width == pytest.approx(stringWidth(line, SANS, TABLE_SIZE)) and width <= 100.0 + 0.01


def test_a_merged_cell_moves_to_the_next_page_whole_rather_than_cut(tmp_path: Path) -> None:
    rows = [["一级", f"指标{n}"] for n in range(10)]
    style = merged(head_style((0, 0), (-1, 0)), Style(spans=[((0, 1), (0, 10))]))
    merged_cell = RuledTable([["一级指标", "三级指标"], *rows], [100.0, 100.0], style, repeat=1)
    room = A4[1] - 72 * 2 - 120  # leaves space for about six rows under the spacer
    pages = pdf_pages(built(tmp_path, [Spacer(1, room), merged_cell]))
    assert "指标" not in pages[0]
    assert re.findall(r"指标\d", pages[1]) == [f"指标{n}" for n in range(10)]


def _cell_by_cell(ranges: list[tuple[Place, Place, str]], columns: int, rows: int) -> list[list[str]]:
    """Each cell's value the slow way: every range, in order, over every cell it covers."""
    found = [["-"] * columns for _ in range(rows)]
    for (c0, r0), (c1, r1), value in ranges:
        for r in range(r0 % rows, r1 % rows + 1):
            for c in range(c0 % columns, c1 % columns + 1):
                found[r][c] = value
    return found


def test_styles_are_resolved_row_by_row_as_cell_by_cell() -> None:
    rng = random.Random(18)
    for _ in range(200):
        columns, rows = rng.randint(1, 6), rng.randint(1, 30)
        ranges = [
            ((rng.randint(-columns, columns - 1), rng.randint(-rows, rows - 1)),
             (rng.randint(-columns, columns - 1), rng.randint(-rows, rows - 1)), f"v{n}")
            for n in range(rng.randint(0, 8))
        ]  # fmt: skip
        assert by_row(ranges, columns, rows, "-") == _cell_by_cell(ranges, columns, rows)


def _unit_edges(segments: list[tuple[float, ...]], grid: CellLayout) -> set[tuple[float, ...]]:
    """The drawn segments cut at every column and row boundary they cross."""
    xs = sorted({*grid.left, sum(grid.widths)})
    height = sum(grid.heights)
    ys = sorted({height - sum(grid.heights[:r]) for r in range(len(grid.heights) + 1)})
    edges = set()
    for x1, y1, x2, y2 in segments:
        if y1 == y2:
            cuts = [x for x in xs if min(x1, x2) <= x <= max(x1, x2)]
            edges |= {(a, y1, b, y1) for a, b in itertools.pairwise(cuts)}
        else:
            cuts = [y for y in ys if min(y1, y2) <= y <= max(y1, y2)]
            edges |= {(x1, a, x1, b) for a, b in itertools.pairwise(cuts)}
    return edges


def test_rules_in_one_line_are_one_segment_and_skip_merged_cells() -> None:
    rows = [["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"]] + [["a", "1", "b", "2"]] * 6
    spans = [((0, 0), (1, 0)), ((2, 0), (3, 0)), ((0, 3), (0, 5))]
    table = RuledTable(
        rows, [50.0, 40.0, 50.0, 40.0], merged(head_style((0, 0), (-1, 1)), Style(spans=spans))
    )
    grid, tops = table.grid, table._tops()
    segments = table._across(tops) + table._down(tops)
    assert len(segments) == 2 + 7 + 2 + 3  # top and bottom, one per row boundary; sides, one per column line
    right = [x + w for x, w in zip(grid.left, grid.widths, strict=True)]
    per_cell = {(0.0, table.height, table.width, table.height), (0.0, 0.0, table.width, 0.0),
                (0.0, table.height, 0.0, 0.0), (table.width, table.height, table.width, 0.0)}  # fmt: skip
    for r in range(1, len(rows)):
        per_cell |= {
            (grid.left[c], tops[r], right[c], tops[r])
            for c in range(4)
            if not grid.joined((c, r - 1), (c, r))
        }
    for r in range(len(rows)):
        bottom = tops[r] - grid.heights[r]
        per_cell |= {
            (grid.left[c], tops[r], grid.left[c], bottom)
            for c in range(1, 4)
            if not grid.joined((c - 1, r), (c, r))
        }
    assert _unit_edges(segments, grid) == _unit_edges(sorted(per_cell), grid)
