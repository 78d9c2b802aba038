"""PDF layout seen in review: 公开04表 prints its per-fund totals, 公开07表 its edition's single-row
layout, an empty table a note naming its fund, and no line begins with a closing mark (禁则)."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from desktop.io.pdf.export import export_pdf
from desktop.io.pdf.fonts import register_fonts
from desktop.io.pdf.kinsoku import CANNOT_END, CANNOT_START, KinsokuParagraph, break_at, line_ends, plain
from desktop.io.pdf.styles import styles
from desktop.io.release import Release
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from tests.helpers import pdf_pages

CLOSING = "，。；：、）！？》”"


def exported(folder: Path, doc: dict[str, Any], edition: str) -> list[str]:
    with Dataset.create(folder / f"{edition}.jsd", "x", 2020, edition=edition) as dataset:
        import_document(dataset, {**doc, "edition": edition})
        return pdf_pages(export_pdf(dataset, folder / f"{edition}.pdf", Release()))


@pytest.fixture(scope="module")
def sichuan(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> list[str]:
    return exported(tmp_path_factory.mktemp("sc"), sample_doc, "sichuan-2020")


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> list[str]:
    return exported(tmp_path_factory.mktemp("sh"), sample_doc, "shanghai-2024")


def page_of(pages: list[str], title: str) -> str:
    found = [p for p in pages if title in p and "目录" not in p and "．．" not in p and ". . ." not in p]
    assert found, title
    return found[0]


def amounts(line: str) -> list[str]:
    return re.findall(r"\d[\d,]*\.\d\d", line)


def line_with(page: str, *words: str) -> str:
    return next(line for line in page.splitlines() if all(w in line for w in words))


def test_g04_prints_the_carry_out_and_the_total_of_each_fund(sichuan: list[str]) -> None:
    page = page_of(sichuan, "公开04表")
    carry_out = line_with(page, "年末财政拨款结转和结余")  # beside 收入's last fund line
    assert amounts(carry_out.split("年末财政拨款结转和结余")[1]) == ["112.46", "96.35", "16.11", "0.00"]
    totals = line_with(page, "总计", "1,295.60")
    assert amounts(totals) == [
        "1,295.60",
        "1,295.60",
        "922.37",
        "373.23",
        "0.00",
    ]  # 收入总计 ‖ 支出总计 by fund


def test_g07_is_one_line_of_budget_then_actual_in_sichuan(sichuan: list[str]) -> None:
    page = page_of(sichuan, "公开07表")
    figures = [line for line in page.splitlines() if len(amounts(line)) >= 6]
    assert len(figures) == 1
    assert amounts(figures[0]) == ["4.59", "0.00", "2.68", "0.00", "2.68", "1.91"] * 2
    heads = line_with(page, "预算数")
    assert heads.index("预算数") < heads.index("决算数")


def test_g07_pairs_budget_and_actual_under_each_part_in_shanghai(shanghai: list[str]) -> None:
    page = page_of(shanghai, "财政拨款“三公”经费支出决算表\n")
    figures = [line for line in page.splitlines() if len(amounts(line)) >= 6]
    assert len(figures) == 1
    assert (
        amounts(figures[0])
        == ["4.59", "4.59", "0.00", "0.00", "2.68", "2.68"] + ["0.00"] * 2 + ["2.68"] * 2 + ["1.91"] * 2
    )
    assert page.count("预算数") == 6 and page.count("决算数") == 6


def test_an_empty_table_names_its_fund(sichuan: list[str], shanghai: list[str]) -> None:
    note = re.sub(r"\s+", "", page_of(sichuan, "公开09表"))
    assert "注：本单位2020年度没有国有资本经营预算财政拨款收入" in note
    assert "本表为空表" not in note
    shanghai_note = re.sub(r"\s+", "", page_of(shanghai, "国有资本经营预算财政拨款收入支出决算表\n"))
    assert "没有国有资本经营预算财政拨款收入和支出，故本表无数据" in shanghai_note


def starts_closed(pages: list[str]) -> list[str]:
    return [
        line
        for page in pages
        for line in page.splitlines()
        if line.strip()[:1] and line.strip()[0] in CLOSING
    ]


def test_no_line_of_the_report_begins_with_a_closing_mark(sichuan: list[str], shanghai: list[str]) -> None:
    assert starts_closed(sichuan) == [] and starts_closed(shanghai) == []


def sentences() -> Iterator[str]:
    """Paragraphs that put every closing mark at every position of a line in turn."""
    for mark in "，。；：、）！？》”":
        for lead in range(0, 48, 3):
            yield "字" * lead + ("（" if mark == "）" else "") + "说明" + mark + "后续文字" * 30 + mark


def test_crafted_paragraphs_never_begin_a_line_with_a_closing_mark(tmp_path: Path) -> None:
    register_fonts()
    path = tmp_path / "k.pdf"
    story = [KinsokuParagraph(text, styles().body) for text in sentences()]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    lines = [line for page in pdf_pages(path) for line in page.splitlines() if line.strip()]
    assert len(lines) > 200
    assert starts_closed([line.strip() for line in lines]) == []


def test_break_at_carries_the_character_before_a_closing_mark_down() -> None:
    text = list("一二三四五，六七")
    assert break_at(text, 0, 5) == 4  # the line would end at 五 with ， first on the next: 五， go down
    assert break_at(list("一二三（四五"), 0, 4) == 3  # （ never ends a line
    assert break_at(list("一二三四五六金额1,234.56万元"), 0, 12) == 8  # the number stays whole
    assert break_at(list("，，，，"), 0, 2) == 1  # progress even if every glyph is closing


def test_line_ends_fit_the_width_and_keep_the_rules() -> None:
    text = list("甲乙丙丁，戊己庚辛。壬癸")
    ends = line_ends(text, [1.0] * len(text), [4.0], set())
    starts = [0, *ends[:-1]]
    assert ends[-1] == len(text) and all(e - s <= 4 for s, e in zip(starts, ends, strict=True))
    assert all(text[s] not in CANNOT_START for s in starts[1:])
    assert all(text[e - 1] not in CANNOT_END for e in ends[:-1])


def _glyph_by_glyph(text: list[str], widths: list[float], limits: list[float], breaks: set[int]) -> list[int]:
    """Line ends the slow way: glyphs added one by one while they fit, a forced break ending its line."""
    ends: list[int] = []
    start = 0
    while start < len(text):
        limit = limits[min(len(ends), len(limits) - 1)]
        end, used = start, 0.0
        while end < len(text) and (end == start or used + widths[end] <= limit + 1e-6):  # reportlab's _FUZZ
            used += widths[end]
            end += 1
            if end - 1 in breaks:
                break
        if end < len(text) and end - 1 not in breaks:
            end = break_at(text, start, end)
        ends.append(end)
        start = end
    return ends


def test_line_ends_are_those_of_adding_glyph_by_glyph() -> None:
    rng = random.Random(18)
    glyphs = "一二三四五六七八九十，。；（）《》“”1234.,ab "
    for _ in range(300):
        text = [rng.choice(glyphs) for _ in range(rng.randint(1, 400))]
        widths = [rng.choice((0.0, 2.5, 5.0, 5.5, 11.0)) for _ in text]
        limits = [rng.uniform(5.0, 300.0) for _ in range(rng.randint(1, 3))]
        breaks = {i for i in range(len(text)) if rng.random() < 0.02}
        assert line_ends(text, widths, limits, breaks) == _glyph_by_glyph(text, widths, limits, breaks)


def _drawn(paragraph: KinsokuParagraph) -> list[str]:
    canvas = Canvas(io.BytesIO())
    paragraph.wrapOn(canvas, 200, 800)
    paragraph.drawOn(canvas, 40, 40)
    return list(canvas._code)


def test_a_plain_paragraph_is_drawn_as_its_escaped_markup_would_be() -> None:
    register_fonts()
    texts = [
        "R&D <一> 1,234.56万元，较上年增长12.5%。",
        "  前后空白\n\t换行  ",
        "不换行\u00a0空格\u3000全角空格" * 8,
    ]
    for text in texts:
        for style in (styles().body, styles().h2, styles().meta_right):
            assert _drawn(plain(text, style)) == _drawn(KinsokuParagraph(escape(text), style))
