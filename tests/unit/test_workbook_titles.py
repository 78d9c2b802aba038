"""Which form a sheet is read as: an edition's titles and the variants other years and regions
print, the fuller of two titles in one heading, a 公开0N表 label (the Nth published table) over a
title that disagrees, a sheet named by its title; and what the report says about each choice."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.forms.edition import load_edition
from desktop.io.workbook.reader import WorkbookReading, read_workbook


def one_table(path: Path, heading: list[str], sheet: str = "Sheet1") -> Path:
    """A small 功能分类 table under `heading` (one line per text): 合计 and one 项."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for text in heading:
        ws.append([text])
    ws.append(["科目编码", "科目名称", "合计"])
    ws.append(["", "合计", 5])
    ws.append(["2010601", "行政运行", 5])
    book.save(path)
    return path


def read(path: Path, edition: str) -> WorkbookReading:
    return read_workbook(path, load_edition(edition))


@pytest.mark.parametrize("edition", ["sichuan-2020", "shanghai-2024"])
@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("部门收支决算总表", "G01"),
        ("收入支出决算总表", "G01"),
        ("财政拨款收支决算总表", "G04"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "G07"),
        ('财政拨款"三公"经费支出决算表', "G07"),
        ("国有资本经营预算财政拨款支出决算表", "G09"),
        ("国有资本经营预算财政拨款收入支出决算表", "G09"),
        ("XX局部门收入决算表", "G02"),
    ],
)
def test_titles_and_their_variants_name_the_table(
    tmp_path: Path, edition: str, title: str, form: str
) -> None:
    reading = read(one_table(tmp_path / "t.xlsx", [title]), edition)
    assert [t.form for t in reading.tables] == [form]


def test_a_longer_heading_is_read_as_its_fuller_title_and_said(tmp_path: Path) -> None:
    reading = read(one_table(tmp_path / "t.xlsx", ["2024年度财政拨款收支决算总表"]), "shanghai-2024")
    assert [t.form for t in reading.tables] == ["G04"]
    assert [n.text for n in reading.notes] == [
        "标题“财政拨款收支决算总表”也包含 G01 的表名：按最完整的匹配读作 G04"
    ]


def test_an_exact_title_needs_no_note(tmp_path: Path) -> None:
    reading = read(one_table(tmp_path / "t.xlsx", ["一般公共预算财政拨款支出决算表"]), "shanghai-2024")
    assert [t.form for t in reading.tables] == ["G05"] and reading.notes == ()


def test_a_label_decides_over_a_title_that_disagrees_and_says_so(tmp_path: Path) -> None:
    path = one_table(tmp_path / "t.xlsx", ["一般公共预算财政拨款支出决算表", "公开03表"])
    reading = read(path, "sichuan-2020")
    assert [t.form for t in reading.tables] == ["G03"]
    assert "表号指向 G03" in reading.notes[0].text and "G05" in reading.notes[0].text
    assert reading.values["G03.2010601.total"] == 5


def test_the_nth_label_names_the_nth_published_table_of_an_edition_without_labels(tmp_path: Path) -> None:
    reading = read(one_table(tmp_path / "t.xlsx", ["公开05表"]), "shanghai-2024")
    assert [t.form for t in reading.tables] == ["G05"]


def test_a_sheet_named_by_its_title_without_a_heading(tmp_path: Path) -> None:
    reading = read(one_table(tmp_path / "t.xlsx", [], sheet="支出决算表"), "shanghai-2024")
    assert [t.form for t in reading.tables] == ["G03"]


def test_a_title_of_no_table_is_no_table(tmp_path: Path) -> None:
    path = one_table(tmp_path / "t.xlsx", ["项目支出绩效自评表"])
    book = openpyxl.load_workbook(path)
    one = book.create_sheet("收入决算表")
    for row in book["Sheet1"].iter_rows(values_only=True):
        one.append(list(row))
    book.save(path)
    reading = read(path, "sichuan-2020")
    assert [(t.form, t.sheet) for t in reading.tables] == [("G02", "收入决算表")]
    assert [(n.sheet, n.text) for n in reading.notes] == [("Sheet1", "不是本版本的任何一张公开表，未读取")]


def test_a_column_of_no_column_of_the_form_is_reported_with_its_figures_text_or_number(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["国有资本经营预算财政拨款支出决算表"])
    ws.append(["科目编码", "科目名称", "年初结转和结余", "合计", "基本支出", "项目支出", "备注"])
    ws.append(["", "合计", "1,234.50", 5, 0, 5, ""])
    ws.append(["2230101", "国有经济结构调整支出", 7, 5, 0, 5, "见说明"])
    book.save(tmp_path / "g09.xlsx")
    reading = read(tmp_path / "g09.xlsx", "sichuan-2020")
    assert [(m.header, m.figures) for m in reading.misfits] == [("年初结转和结余", 2)]  # 备注 holds no figure
    assert reading.values["G09.2230101.project"] == 5 and "G09.2230101.carry_in" not in reading.values
    assert read(tmp_path / "g09.xlsx", "shanghai-2024").misfits == ()
