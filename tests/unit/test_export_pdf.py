"""The PDF package: embedded fonts only, every printed figure, 图1–图7, contents with page numbers,
orientation of wide tables, 绩效 attachments. Text checks read the PDF through poppler."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

import pytest

from desktop.io.pdf import doc as pdf_doc
from desktop.io.pdf.export import export_pdf
from desktop.io.pdf.headers import build_header
from desktop.io.pdf.narrative import glossary, narrative
from desktop.io.pdf.sections import contents
from desktop.io.pdf.sides import layout_of
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import expected_entries, heading
from desktop.io.release import Release
from desktop.models.dataset import Dataset
from desktop.money import format_amount
from desktop.narrative.draft import draft
from desktop.narrative.glossary import draft_glossary
from tests.helpers import pdf_pages, poppler, sample_dataset

PAGE_BREAK = "\f"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> tuple[Dataset, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    dataset = sample_dataset(folder, sample_doc)
    return dataset, export_pdf(dataset, folder / "package.pdf", Release())


@pytest.fixture(scope="module")
def pages(built: tuple[Dataset, Path]) -> list[str]:
    return poppler("pdftotext", "-layout", str(built[1]), "-").split(PAGE_BREAK)


def test_every_font_is_embedded_and_there_is_no_helvetica(built: tuple[Dataset, Path]) -> None:
    listing = poppler("pdffonts", str(built[1])).splitlines()[2:]
    assert listing, "no fonts at all"
    for line in listing:
        assert "Juesuan" in line, line
        assert line.split()[-5] == "yes", f"not embedded: {line}"
    assert not any("Helvetica" in line for line in listing)


def test_every_nonzero_printed_figure_appears_with_grouping(
    built: tuple[Dataset, Path], pages: list[str]
) -> None:
    dataset = built[0]
    text = "".join(pages)
    missing = []
    for form_id in dataset.edition.package.tables:
        printed = {c.id for c in dataset.catalogue.form(form_id).columns if c.printed}
        for row in dataset.sheet(form_id):
            for col in (c for c in row.columns if c in printed):
                value = dataset.number(f"{form_id}.{row.id}.{col}")
                if value and format_amount(value, grouping=True) not in text:
                    missing.append(f"{form_id}.{row.id}.{col}={value}")
    assert not missing
    assert "1,349.95" in text  # 收支总计 with a thousands separator


def test_seven_figures_are_captioned(pages: list[str]) -> None:
    text = "".join(pages)
    for number in range(1, 8):
        assert f"图{number}：" in text


def test_contents_lists_the_pages_where_headings_are(pages: list[str]) -> None:
    contents = pages[1] + pages[2]
    listed = dict(re.findall(r"(第[一二三四五]部分[^.\n]*?)\s*(?:\. )+\.?\s*(\d+)", contents))
    assert len(listed) == 5, listed
    for title, page in listed.items():
        assert title.strip() in pages[int(page) - 1].replace("  ", " "), title
    tables = re.findall(r"(公开0\d表)[^\n]*?(\d+)\s*$", contents, flags=re.MULTILINE)
    assert [t for t, _ in tables] == [f"公开0{n}表" for n in range(1, 10)]
    for label, page in tables:
        assert label in pages[int(page) - 1]


def test_wide_tables_are_landscape(built: tuple[Dataset, Path], pages: list[str]) -> None:
    info = poppler("pdfinfo", "-f", "1", "-l", "999", str(built[1]))
    sizes = dict(re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x", info))
    for label, landscape in (("公开01表", True), ("公开02表", True), ("公开04表", True), ("公开05表", False)):
        page = next(i + 1 for i, p in enumerate(pages) if re.search(rf"^\s*{label}\s*$", p, re.MULTILINE))
        assert (float(sizes[str(page)]) > 800) is landscape, label


def test_empty_table_says_so_and_header_and_total_remain(pages: list[str]) -> None:
    page = next(p for p in pages if re.search(r"^\s*公开09表\s*$", p, re.MULTILINE))
    assert "没有国有资本经营预算财政拨款收入" in page.replace("\n", "")  # the note names its fund
    assert "合计" in page and "科目编码" in page


def test_projects_are_attached(built: tuple[Dataset, Path], pages: list[str]) -> None:
    text = "".join(pages)
    for project in built[0].snapshot().projects:
        assert project.name[:6] in text
    assert "95.04%" in text  # 绩效评价体系建设 24.51 / 25.79
    assert "部门整体支出绩效评价表" not in text  # no scores in the sample


def test_scores_table_when_scores_exist(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    dataset = sample_dataset(tmp_path, sample_doc)
    dataset.set("P02.A11.score", "2")
    text = poppler("pdftotext", "-layout", str(export_pdf(dataset, tmp_path / "s.pdf", Release())), "-")
    assert "部门整体支出绩效评价表" in text
    assert "评价等级" not in text  # graded only once every leaf indicator has its score


def test_the_pdf_prints_the_drafted_narrative_and_glossary(built: tuple[Dataset, Path]) -> None:
    dataset = built[0]
    snapshot = dataset.snapshot()
    drafted = draft(snapshot, threshold=dataset.threshold)
    assert [s.text for s in narrative(snapshot, dataset.threshold).sections] == [
        s.text for s in drafted.sections
    ]
    assert glossary(snapshot) == snapshot.text("text.glossary").strip()
    dataset.set_text("text.glossary", "")
    without = dataset.snapshot()
    assert glossary(without) == draft_glossary(without) != ""


def test_banded_header_merges_bands_and_drops_leaves() -> None:
    header = build_header([("项目", "科目编码"), ("项目", "科目名称"), ("合计",), ("本年支出", "小计")])
    assert header.rows == (("项目", "", "合计", "本年支出"), ("科目编码", "科目名称", "", "小计"))
    assert set(header.spans) == {((0, 0), (1, 0)), ((2, 0), (2, 1))}


def test_two_sided_sums_are_printed_above_their_breakdown(built: tuple[Dataset, Path]) -> None:
    dataset = built[0]
    layout = layout_of(dataset.catalogue.form("G04"), dataset.sheet("G04"))
    income = [r.id for r in layout.sides[0].rows]
    assert income.index("carry_in") == income.index("carry_in_gpb") - 1


def test_a_new_dataset_without_prior_year_or_projects_exports(tmp_path: Path) -> None:
    dataset = Dataset.create(tmp_path / "new.jsd", "某某局", 2021)
    text = poppler("pdftotext", "-layout", str(export_pdf(dataset, tmp_path / "n.pdf", Release())), "-")
    assert "某某局" in text and "图7：" in text
    flat = re.sub(r"\s+", "", text)
    assert flat.count("故本表无数据") == 6  # 公开02/03/05/06/08/09表, each naming what it lacks
    for fund in (
        "一般公共预算财政拨款安排的支出",
        "政府性基金预算财政拨款收入",
        "国有资本经营预算财政拨款收入",
    ):
        assert fund in flat


def test_the_export_leaves_the_cycle_collector_as_it_found_it(built: tuple[Dataset, Path]) -> None:
    dataset, path = built
    assert gc.isenabled()
    export_pdf(dataset, path.with_name("again.pdf"), Release())
    assert gc.isenabled()
    gc.disable()
    try:
        export_pdf(dataset, path.with_name("again.pdf"), Release())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_contents_list_a_heading_with_markup_characters_as_written(tmp_path: Path) -> None:
    story = [heading("第一部分 R&D <一>", styles().h1, 0)]
    path = tmp_path / "contents.pdf"
    pdf_doc.build(path, contents(expected_entries(story)) + story, pdf_doc.RunningText("标题"), "标题")
    listed = next(line for line in pdf_pages(path)[0].splitlines() if "R&D" in line)
    assert listed.startswith("第一部分 R&D <一> . .")


def test_the_pdf_narrative_asks_for_the_reasons_the_dataset_threshold_asks_for(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    """The 情况说明 printed is drafted with the dataset's threshold, as the window and the gate
    draft it: at 3 % the change of 一般公共预算财政拨款支出 needs its reason; at 10 % it does not."""
    dataset = sample_dataset(tmp_path, sample_doc)
    for key in [k for k in dataset.snapshot().texts if k.startswith("reason.")]:
        dataset.set_text(key, "")
    placeholder = "【请填写：一般公共预算财政拨款支出变动原因】"
    before = "".join(pdf_pages(export_pdf(dataset, tmp_path / "a.pdf", Release(draft=True))))
    assert placeholder not in before.replace(" ", "").replace("\n", "")
    dataset.set_setting("threshold", "0.03")
    text = "".join(pdf_pages(export_pdf(dataset, tmp_path / "b.pdf", Release(draft=True))))
    assert placeholder in text.replace(" ", "").replace("\n", "")
