"""The Excel and PDF exports of a department entered unit by unit: the 所属单位 tables, and the
complete workbook carrying every unit's figures back to the same dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.actions.importing import import_file
from desktop.io.pdf.export import export_pdf
from desktop.io.release import Release
from desktop.io.xlsx.complete import UNIT_DATA, UNITS
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document, import_document
from tests.helpers import pdf_pages
from tests.org_unit_split import split_sample


@pytest.fixture
def split(tmp_path: Path, sample_doc: dict[str, Any]) -> Any:
    data = Dataset.create(tmp_path / "units.jsd", "x", 2020)
    import_document(data, split_sample(sample_doc, data.catalogue))
    yield data
    data.close()


def test_the_complete_workbook_reimports_every_units_figures(tmp_path: Path, split: Dataset) -> None:
    workbook = export_xlsx(split, tmp_path / "units.xlsx")
    with Dataset.create(tmp_path / "again.jsd", "另一个", 2000) as again:
        assert import_file(again, workbook).kind == "complete"
        assert again.by_org_unit
        assert export_document(again) == export_document(split)
        assert again.unit_number("u3", "G02.total.superior") == split.unit_number("u3", "G02.total.superior")


def test_the_workbook_has_the_unit_tables(tmp_path: Path, split: Dataset) -> None:
    book = openpyxl.load_workbook(export_xlsx(split, tmp_path / "units.xlsx"), read_only=True)
    unit_sheets = ["所属单位收入情况", "所属单位各项支出分布情况"]
    assert book.sheetnames[-7:] == [*unit_sheets, UNITS, "文字材料", "全部数据", UNIT_DATA, "关于本工作簿"]
    sheet = book["所属单位各项支出分布情况"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row[0]]
    assert rows[0][0] == "所属单位各项支出分布情况"
    assert rows[2][:3] == ("单位名称", "单位代码", "级次")
    by_name = {row[0]: row for row in rows[3:7]}
    units = ["攀枝花市西区财政局", "攀枝花市西区财政监督检查局", "攀枝花市西区财政国库支付中心"]
    assert list(by_name) == [*units, "内部抵销"]
    header = rows[2]
    assert by_name["攀枝花市西区财政局"][header.index("对附属单位补助支出")] == 30
    assert by_name["内部抵销"][header.index("对附属单位补助支出")] == -30
    total = rows[7]
    assert total[0] == "部门合计" and total[header.index("本年支出合计")] == pytest.approx(1199.53)


def test_a_department_entered_as_a_whole_exports_as_before(tmp_path: Path, module_dataset: Dataset) -> None:
    workbook = export_xlsx(module_dataset, tmp_path / "whole.xlsx")
    names = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    assert not [n for n in names if n.startswith("所属单位")] and UNIT_DATA not in names


def test_the_pdf_prints_the_unit_tables(tmp_path: Path, split: Dataset) -> None:
    pages = pdf_pages(export_pdf(split, tmp_path / "units.pdf", Release()))
    (spending,) = [p for p in pages if "所属单位各项支出分布情况" in p and "内部抵销" in p]
    lines = {line.split()[0]: line.split() for line in spending.splitlines() if line.split()}
    assert lines["攀枝花市西区财政监督检查局"][1:3] == ["501002", "二级单位"]
    assert "-30.00" in lines["内部抵销"] and "1,199.53" in lines["部门合计"]
    assert any("所属单位收入情况" in p and "上级补助收入" in p for p in pages)
