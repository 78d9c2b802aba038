"""A complete workbook: the Excel export carries everything the dataset holds on titled sheets
and re-imports to the same dataset (the interchange JSON compared whole); every text lands as
text, never a formula; a table changed in Excel after the export is refused, not overridden."""

from __future__ import annotations

import copy
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.actions.importing import import_file
from desktop.io.workbook.errors import WorkbookError
from desktop.io.xlsx.complete import ABOUT, DATA, TEXTS, UNITS
from desktop.io.xlsx.export import export_xlsx
from desktop.models import perf_tree
from desktop.models.dataset import Dataset
from desktop.models.history import Op
from desktop.models.interchange import InterchangeError, export_document, import_document

FORMULAS = (
    '=HYPERLINK("http://example.com/x","点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
)


def dataset_of(folder: Path, doc: dict[str, Any], name: str, edition: str = "sichuan-2020") -> Dataset:
    dataset = Dataset.create(
        folder / f"{name}.jsd", "导入前", int(doc["department"]["year"]), edition=edition
    )
    import_document(dataset, doc)
    return dataset


def round_trip(folder: Path, dataset: Dataset, edition: str) -> tuple[dict[str, Any], dict[str, Any], Path]:
    workbook = export_xlsx(dataset, folder / "complete.xlsx")
    with Dataset.create(folder / "again.jsd", "另一个", 2000, edition=edition) as again:
        summary = import_file(again, workbook)
        assert summary.kind == "complete"
        return export_document(dataset), export_document(again), workbook


@pytest.mark.parametrize("edition", ["sichuan-2020", "shanghai-2024"])
def test_the_sample_reimports_identically(tmp_path: Path, sample_doc: dict[str, Any], edition: str) -> None:
    with dataset_of(tmp_path, {**sample_doc, "edition": edition}, "a", edition) as dataset:
        before, after, workbook = round_trip(tmp_path, dataset, edition)
    assert after == before
    names = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    assert {"单位基本情况", "其他重要事项", "项目支出绩效自评表", "部门整体支出绩效评价"} <= set(names)
    assert names[-4:] == [UNITS, TEXTS, DATA, ABOUT]


def awkward(doc: dict[str, Any]) -> dict[str, Any]:
    """The sample with formula-like text in every text field, exact amounts finer than 0.01 万元,
    whitespace and line breaks kept, a text longer than a cell holds, names and unknown keys."""
    doc = copy.deepcopy(doc)
    texts = sorted({*doc["texts"], "text.overview.work", "narrative.overview", "use.G05.2010601"})
    doc["texts"] = {key: FORMULAS[i % len(FORMULAS)] + f" {key}" for i, key in enumerate(texts)}
    doc["texts"]["text.glossary"] = "  一、财政拨款收入：指……\n二、其他收入  \n"
    doc["texts"]["text.overview.functions"] = "职能" * 20000  # 40,000 characters
    doc["cells"].update({"G05.2010601.basic": "306.1234", "X01.admin_cost.value": "12345.67元"})
    doc["cells"].update({f"F00.{k}.value": FORMULAS[i] for i, k in enumerate(("head", "preparer", "phone"))})
    doc["prior"]["G05.2010601.basic"] = "300.005"
    doc["units"][1]["name"] = FORMULAS[0]
    project = doc["projects"][0]
    project.update(name=FORMULAS[1], goal_expected=FORMULAS[2], summary=FORMULAS[3], budget="25.794")
    project["indicators"][0].update(name=FORMULAS[4], expected=FORMULAS[5], reason=FORMULAS[6], weight="12.5")
    doc["names"] = {"functional.2013999": "=测试科目"}
    doc["custom_key"] = {"kept": ["=1+1", 2]}
    tree = perf_tree.initial(True)  # the department's own P02 tree, its names formula-like too
    tree["children"][0]["name"] = FORMULAS[0]
    tree["children"][0]["children"][0]["children"][0]["name"] = FORMULAS[4]
    doc["scores"] = {"tree": tree, "values": {"A11": "2", "A12": "1.5"}}
    doc["department"].update(code="=001", name="@某某局")
    return doc


def test_every_field_reimports_exactly(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with dataset_of(tmp_path, awkward(sample_doc), "a") as dataset:
        empty_project = [Op("row", "current", "P01|p9", "1"), Op("row", "current", "P01|p1.i7", "1")]
        dataset.apply(empty_project, label="空项目与空指标", source="typed")
        before, after, _ = round_trip(tmp_path, dataset, "sichuan-2020")
    assert after == before
    assert after["cells"]["G05.2010601.basic"] == "306.1234"
    assert after["texts"]["text.glossary"] == "  一、财政拨款收入：指……\n二、其他收入  \n"
    assert len(after["texts"]["text.overview.functions"]) == 40000
    assert after["custom_key"] == {"kept": ["=1+1", 2]}
    assert [p["id"] for p in after["projects"]][-1] == "p9"
    assert after["scores"]["values"] == {"A11": "2", "A12": "1.5"} and after["scores"]["tree"]["children"]


def test_no_text_is_ever_a_formula(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with dataset_of(tmp_path, awkward(sample_doc), "a") as dataset:
        workbook = export_xlsx(dataset, tmp_path / "x.xlsx")
        texts = set(dataset.texts.values())
    with zipfile.ZipFile(workbook) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(re.search(rb"<f[ >]", xml) for xml in sheets)
    book = openpyxl.load_workbook(workbook)  # formulas as formulas: none may be there
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                    found[cell.value] = cell.quotePrefix
    assert set(FORMULAS) <= set(found) and all(found.values())
    assert {t for t in texts if t.startswith("=")} <= set(found)


def test_a_table_changed_after_the_export_is_refused(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with dataset_of(tmp_path, sample_doc, "a") as dataset:
        workbook = export_xlsx(dataset, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(workbook)
    sheet = book["公开05表"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "2010601")
    sheet.cell(row=cell.row, column=cell.column + 3).value = 999.99  # 基本支出 of 行政运行
    book.save(workbook)
    with Dataset.create(tmp_path / "b.jsd", "b", 2020) as again:
        with pytest.raises(WorkbookError, match=r"G05\.2010601\.basic 表中为 999\.99") as refused:
            import_file(again, workbook)
        assert "删除" in refused.value.message and not again.has_figures()
    for title in (UNITS, TEXTS, DATA, ABOUT):
        del book[title]
    book.save(workbook)
    with Dataset.create(tmp_path / "c.jsd", "攀枝花市西区财政局", 2020) as tables_only:
        summary = import_file(tables_only, workbook)
        assert summary.kind == "workbook" and tables_only.number("G05.2010601.basic") == Decimal("999.99")


def test_a_complete_workbook_is_not_last_years_figures(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with dataset_of(tmp_path, sample_doc, "a") as dataset:
        workbook = export_xlsx(dataset, tmp_path / "x.xlsx")
    with (
        Dataset.create(tmp_path / "b.jsd", "b", 2021) as next_year,
        pytest.raises(InterchangeError, match="上年"),
    ):
        import_file(next_year, workbook, prior=True)
