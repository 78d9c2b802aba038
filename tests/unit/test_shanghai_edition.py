"""The 上海 2024 edition end to end on a consistent department of our own (tests/shanghai_data.py):
it validates with no error; its nine tables, written as workbooks in the 样张's layout (titles only,
codes whole or split over 类 | 款 | 项), import with every figure in its cell, nothing unmatched
and no conflict; its draft follows the 样张's sections, headings and sentences; its exports follow
the edition (parts, numbering, titles, notes, sheet names)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.actions.import_summary import ImportSummary
from desktop.actions.importing import import_file
from desktop.io.pdf.export import export_pdf
from desktop.io.release import Release
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.narrative.draft import Narrative, draft
from desktop.narrative.glossary import draft_glossary
from tests.shanghai_data import NAME, shanghai_doc
from tests.shanghai_workbook import write_shanghai_workbook

TABLES = tuple(f"G0{n}" for n in range(1, 10))
# The sections of 第三部分 of the 样张, in order.
HEADINGS = [
    "一、收入支出决算总体情况说明",
    "二、收入决算情况说明",
    "三、支出决算情况说明",
    "四、财政拨款收入支出决算总体情况说明",
    "五、一般公共预算财政拨款支出决算情况说明",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "七、财政拨款“三公”经费支出决算情况说明",
    "八、政府性基金预算财政拨款收入支出决算情况说明",
    "九、国有资本经营预算财政拨款收入支出决算情况说明",
    "十、预算绩效管理情况",
    "十一、其他重要事项的情况说明",
]


def new_shanghai(path: Path) -> Dataset:
    return Dataset.create(path, "待导入", 2024, edition="shanghai-2024")


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dataset]:
    doc = shanghai_doc()
    dataset = Dataset.create(tmp_path_factory.mktemp("sh") / "sh.jsd", NAME, 2024, edition="shanghai-2024")
    import_document(dataset, doc)
    yield dataset
    dataset.close()


@pytest.fixture(scope="module")
def narrative(shanghai: Dataset) -> Narrative:
    return draft(shanghai.snapshot())


def printed_cells(dataset: Dataset) -> dict[str, Decimal]:
    """Every figure of the nine tables the 样张 prints (not the 年初预算 it does not)."""
    printed = {f"{f.id}.{c.id}" for f in dataset.catalogue if f.id in TABLES for c in f.columns if c.printed}
    return {
        cell: value
        for cell in dataset.cells()
        if ".".join((cell.split(".")[0], cell.split(".")[-1])) in printed
        and (value := dataset.number(cell)) is not None
    }


# ---------------------------------------------------------------- the dataset


def test_the_consistent_dataset_validates_with_no_error_or_warning(shanghai: Dataset) -> None:
    assert shanghai.edition.id == "shanghai-2024"
    assert [f.message for f in shanghai.findings() if f.severity != "info"] == []
    assert shanghai.number("G01.grand_in.amount") == Decimal("1310.00")
    assert shanghai.number("G04.carry_out_gf.amount") == shanghai.number("G09.total.carry_out") + Decimal(15)


def test_its_2024_codes_have_names_from_the_2024_list(shanghai: Dataset) -> None:
    assert shanghai.naming.name("functional", "20139") == "社会工作事务"
    assert [f for f in shanghai.findings() if f.rule == "code.known"] == []


# ---------------------------------------------------------------- workbooks in the 样张's layout


def import_workbook_file(dataset: Dataset, path: Path) -> ImportSummary:
    return import_file(dataset, path)


@pytest.mark.parametrize("split", [False, True], ids=["whole codes", "split codes"])
def test_the_nine_tables_import_every_figure_into_its_cell(
    shanghai: Dataset, tmp_path: Path, split: bool
) -> None:
    workbook = write_shanghai_workbook(shanghai, tmp_path / "sh.xlsx", split=split)
    assert all(
        not re.search(r"公开0\d表", str(c.value or ""))
        for ws in openpyxl.load_workbook(workbook)
        for row in ws.iter_rows()
        for c in row
    )
    with new_shanghai(tmp_path / "target.jsd") as target:
        summary = import_workbook_file(target, workbook)
        assert [t["form"] for t in summary.tables] == list(TABLES)
        assert (summary.missing, summary.unmatched, summary.misfits, summary.names) == ([], [], [], {})
        assert summary.conflicts == []
        expected = printed_cells(shanghai)
        assert {cell: target.number(cell) for cell in expected} == expected
        assert [f.message for f in target.findings() if f.severity == "error"] == []


def test_a_missing_table_is_reported_and_the_rest_read(shanghai: Dataset, tmp_path: Path) -> None:
    forms = [f for f in TABLES if f != "G06"]
    workbook = write_shanghai_workbook(shanghai, tmp_path / "no06.xlsx", forms=forms)
    with new_shanghai(tmp_path / "target.jsd") as target:
        summary = import_workbook_file(target, workbook)
    assert summary.missing == ["G06"]
    assert "未找到：G06" in summary.text()
    assert [t["form"] for t in summary.tables] == forms


def test_six_columns_of_nine_against_a_three_column_form_are_reported_not_truncated(
    shanghai: Dataset, tmp_path: Path
) -> None:
    """A Sichuan 2020 dataset's 九 has 合计 | 基本支出 | 项目支出: the 样张's 九 with income and
    balances reads those three and reports the other columns' figures as not read."""
    doc = shanghai_doc()
    soc = {"G09.2230101.carry_in": "5.00", "G09.2230101.income": "20.00", "G09.2230101.project": "18.00"}
    funds = {"G04.inc_soc.amount": "20.00", "G04.carry_in_soc.amount": "5.00"}
    with new_shanghai(tmp_path / "g09.jsd") as source:
        import_document(source, {**doc, "cells": {**doc["cells"], **soc, **funds}})
        workbook = write_shanghai_workbook(source, tmp_path / "g09.xlsx", forms=["G09"])
    with Dataset.create(tmp_path / "sichuan.jsd", "四川", 2024, edition="sichuan-2020") as sichuan:
        summary = import_workbook_file(sichuan, workbook)
        assert sichuan.number("G09.2230101.project") == Decimal("18.00")
        assert sichuan.number("G09.total.total") == Decimal("18.00")
    headers = sorted(m["header"] for m in summary.misfits)
    assert headers == ["年初结转和结余", "年末结转和结余", "本年收入"]
    assert all(m["figures"] == 4 for m in summary.misfits)  # 合计, 类, 款 and 项 of each column
    assert "未读取的列" in summary.text() and "年初结转和结余" in summary.text()
    with new_shanghai(tmp_path / "shanghai.jsd") as target:
        again = import_workbook_file(target, workbook)
        assert again.misfits == [] and target.number("G09.total.carry_out") == Decimal("7.00")


def test_a_title_holding_two_tables_names_is_read_as_the_fuller_and_said(
    shanghai: Dataset, tmp_path: Path
) -> None:
    workbook = write_shanghai_workbook(shanghai, tmp_path / "t.xlsx", forms=["G04", "G05"])
    book = openpyxl.load_workbook(workbook)
    book["Sheet1"]["A1"] = f"{NAME}2024年度财政拨款收入支出决算总表"
    book["Sheet2"]["A1"] = "表五：一般公共预算财政拨款支出决算表（续）"
    book.create_sheet("说明").append(["本工作簿由财务软件导出", 1])
    book.save(workbook)
    with new_shanghai(tmp_path / "target.jsd") as target:
        summary = import_workbook_file(target, workbook)
    assert [t["form"] for t in summary.tables] == ["G04", "G05"]
    notes = {n["sheet"]: n["text"] for n in summary.notes}
    assert "按最完整的匹配读作 G04" in notes["Sheet1"] and "G01" in notes["Sheet1"]
    assert "按最完整的匹配读作 G05" in notes["Sheet2"] and "G03" in notes["Sheet2"]
    assert notes["说明"] == "不是本版本的任何一张公开表，未读取"


def test_a_table_found_twice_reads_the_first_and_says_so(shanghai: Dataset, tmp_path: Path) -> None:
    workbook = write_shanghai_workbook(shanghai, tmp_path / "twice.xlsx", forms=["G05", "G05"])
    with new_shanghai(tmp_path / "target.jsd") as target:
        summary = import_workbook_file(target, workbook)
    assert [t["sheet"] for t in summary.tables] == ["Sheet1"]
    assert [(n["sheet"], n["form"]) for n in summary.notes] == [("Sheet2", "G05")]
    assert "已从工作表“Sheet1”读取" in summary.notes[0]["text"]


# ---------------------------------------------------------------- the narrative


def shanghai_headings() -> list[str]:
    """The headings the edition's template states, for the reader's lexicon (no numbers)."""
    from desktop.forms.edition import load_edition

    return load_edition("shanghai-2024").template.headings()


def test_the_draft_has_the_sections_and_headings_of_the_template_in_order(narrative: Narrative) -> None:
    lines = narrative.text().splitlines()
    assert lines[0] == f"第三部分 {NAME}2024年度部门决算情况说明"
    assert [line for line in lines if line in HEADINGS] == HEADINGS
    assert [s.id for s in narrative.sections][-2:] == ["performance", "other"]
    assert [f"{n}、{t}" for n, t in zip("一二三四五六七八九", shanghai_headings(), strict=False)] == HEADINGS[
        :9
    ]
    assert narrative.placeholders == ()


def test_the_draft_words_each_sentence_as_the_template(narrative: Narrative) -> None:
    text = narrative.text()
    expected = [
        f"{NAME}2024年度收入支出总计1310.00万元。与2023年度相比，收入支出总计增加570.00万元，增长77.03%。主要原因：",
        "本年收入合计1250.00万元，其中：财政拨款收入1140.00万元，占91.20%；事业收入100.00万元，占8.00%；其他收入10.00万元，占0.80%。",
        "本年支出合计1255.50万元，其中：基本支出720.00万元，占57.35%；项目支出535.50万元，占42.65%。",
        "一般公共预算财政拨款支出1110.50万元，占本年支出合计的88.45%。",
        "（三）一般公共预算财政拨款支出决算具体情况\n一般公共预算财政拨款支出年初预算为1110.00万元，支出决算为1110.50万元，"
        "完成年初预算的100.05%。决算数大于预算数的主要原因：高等教育项目追加预算。其中：\n",
        "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：保障机构正常运转和履行职能。"
        "年初预算为520.00万元，支出决算为520.00万元。决算数与预算数持平。",
        "4、教育支出（类）普通教育（款）高等教育（项）。主要用于：保障机构正常运转和履行职能。年初预算为180.00万元，"
        "支出决算为200.50万元。决算数大于预算数的主要原因：年中追加实验室建设经费。",
        "人员经费570.00万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、",
        "公用经费80.00万元，主要包括：办公费、差旅费、",
        "“三公”经费财政拨款支出年初预算为20.00万元，支出决算为18.00万元，完成预算的90.00%，",
        "公务用车购置及运行维护费支出决算持平；公务接待费支出决算减少2.00万元，下降25.00%。公务接待费支出减少的主要原因是",
        "政府性基金预算财政拨款收入40.00万元，支出35.00万元，支出具体情况如下：\n1、其他支出（类）彩票公益金安排的支出（款）",
        f"{NAME}2024年度无国有资本经营预算财政拨款收入和支出。",
        "绩效自评的2024年度项目12个，涉及预算金额460.50万元，平均得分92.50分",
        "机关运行经费支出70.00万元，比2023年度增加5.00万元，增长7.69%。",
        f"截至2024年12月31日，{NAME}共有车辆3辆，其中：部级领导干部用车0辆、主要领导干部用车1辆、",
    ]
    assert [e for e in expected if e not in text] == []
    assert "（类）支出" not in text and "日常公用经费" not in text  # the Sichuan wording is not used


def test_what_does_not_apply_is_left_out_and_flat_is_said(tmp_path: Path) -> None:
    doc = shanghai_doc()
    cells = {k: v for k, v in doc["cells"].items() if not k.startswith(("G07.", "X01.admin_cost"))}
    doc["prior"] = {**doc["prior"], "G01.carry_in.amount": "610.00"}  # 2023 总计 1310 as 2024
    with new_shanghai(tmp_path / "flat.jsd") as dataset:
        import_document(dataset, {**doc, "cells": cells, "texts": {}})
        text = draft(dataset.snapshot()).text()
        placeholders = {p.key for p in draft(dataset.snapshot()).placeholders}
    assert "与2023年度相比，收入支出总计持平。" in text
    assert f"{NAME}2024年度无“三公”经费财政拨款支出。" in text and "（一）“三公”" not in text
    assert f"{NAME}2024年度无机关运行经费支出。" in text
    assert "经营收入" not in text.split("二、收入决算情况说明")[1].split("三、")[0]
    assert {"use.G05.2050205", "reason.G05.2050205", "reason.G05.total", "use.G08.2296002"} <= placeholders
    assert "【请填写：高等教育主要用途】" in text


def test_the_glossary_follows_the_template(shanghai: Dataset) -> None:
    lines = draft_glossary(shanghai.snapshot()).splitlines()
    assert [line.split("：")[0] for line in lines] == [
        "一、财政拨款收入",
        "二、事业收入",
        "三、经营收入",
        "四、其他收入",
        "五、年初结转和结余",
        "六、年末结转和结余",
        "七、基本支出",
        "八、项目支出",
        "九、经营支出",
        "十、“三公”经费",
        "十一、机关运行经费",
    ]


# ---------------------------------------------------------------- exports


@pytest.fixture(scope="module")
def pdf_text(shanghai: Dataset, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = export_pdf(shanghai, tmp_path_factory.mktemp("pdf") / "sh.pdf", Release())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_has_the_parts_of_the_package_in_order(pdf_text: str) -> None:
    body = pdf_text[pdf_text.index("第一部分", pdf_text.index("第四部分")) :]  # after the contents
    parts = [
        f"第一部分 {NAME}概况",
        f"第二部分 {NAME}2024年度部门决算表",
        f"第三部分 {NAME}2024年度部门决算情况说明",
        "第四部分 名词解释",
    ]
    at = [body.index(part) for part in parts]
    assert at == sorted(at)
    assert "第五部分" not in pdf_text and "公开01表" not in pdf_text and "附件" not in pdf_text
    assert "一、主要职能" in body and "二、部门决算单位构成" in body


def test_the_pdf_numbers_the_tables_and_prints_their_notes(pdf_text: str) -> None:
    contents = pdf_text[: pdf_text.index("第三部分")]
    assert (
        "七、财政拨款“三公”经费支出决算表" in contents
        and "九、国有资本经营预算财政拨款收入支出决算表" in contents
    )
    for note in (
        "注：本表反映部门本年度的总收支和年末结转结余情况。",
        "注：本表反映部门本年度“三公”经费支出预决算情况。",
        f"说明：{NAME}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
    ):
        assert note in pdf_text
    assert "本单位无此项支出" not in pdf_text  # the Sichuan package's note


def test_the_excel_sheets_are_named_by_the_titles_and_read_back(shanghai: Dataset, tmp_path: Path) -> None:
    path = export_xlsx(shanghai, tmp_path / "sh.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:9] == [shanghai.catalogue.form(f).title for f in TABLES]
    g09 = book["国有资本经营预算财政拨款收入支出决算表"]
    assert g09.max_column >= 8  # six amount columns
    texts = [str(c.value) for ws in book.worksheets[:9] for row in ws.iter_rows() for c in row if c.value]
    assert "注：本表反映部门本年度“三公”经费支出预决算情况。" in texts
    assert [t for t in texts if t.startswith("说明：")] == [
        f"说明：{NAME}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
    ]
    assert not any(re.fullmatch(r"公开0\d表", t) for t in texts)
    with Dataset.create(
        tmp_path / "back.jsd", NAME, 2024, edition="shanghai-2024"
    ) as target:  # the same unit
        summary = import_workbook_file(target, path)
        expected = printed_cells(shanghai)
        assert {cell: target.number(cell) for cell in expected} == expected
    assert summary.unmatched == [] and summary.conflicts == [] and summary.misfits == []
