"""Project lists imported from an Excel sheet, as one undoable action."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.projects import import_projects, read_projects
from desktop.models.dataset import Dataset
from desktop.models.projects import add_project, project_ids
from desktop.models.snapshot import Unit

D = Decimal
HEADER = ["序号", "项目名称", "实施单位", "年初预算数", "全年预算数", "其中：财政拨款", "其他资金",
          "全年执行数", "执行数：财政拨款", "执行数：其他资金", "执行率"]  # fmt: skip
ROWS = [
    [1, "绩效评价体系建设", "攀枝花市西区财政局", 25.79, 25.79, 25.79, None, 24.51, 24.51, None, 0.95],
    [2, "国库支付管理业务", "国库支付中心", 41.56, 41.56, 36.56, 5, 32.13, 30.74, 1.39, 0.7731],
    [3, "新项目", "某未登记单位", None, "12.00", "12.00", "—", "0", None, None, None],
]
UNITS = [Unit("u1", "攀枝花市西区财政局", "行政单位"), Unit("u3", "国库支付中心", "参公事业单位")]


def _flat_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "说明"
    sheet["A1"] = "本工作簿第二张表是项目清单"
    projects = book.create_sheet("项目清单")
    projects.append(["2020年项目支出清单"])
    projects.append(["单位：万元"])
    projects.append(HEADER)
    projects.append(list(range(1, len(HEADER) + 1)))  # 栏次
    for row in ROWS:
        projects.append(row)
    projects.append([None, "合计", None, None, 79.35, 74.35, 5, 56.64, 55.25, 1.39, None])
    book.save(path)
    return path


def test_read_projects_by_header_text(tmp_path: Path) -> None:
    projects = read_projects(_flat_workbook(tmp_path / "projects.xlsx"), UNITS)
    assert [p["name"] for p in projects] == ["绩效评价体系建设", "国库支付管理业务", "新项目"]
    first, second, third = projects
    assert first["unit"] == "u1" and second["unit"] == "u3" and third["unit"] == "某未登记单位"
    assert second == {
        "name": "国库支付管理业务", "unit": "u3", "indicators": [],
        "budget_initial": "41.56", "budget": "41.56", "budget_fiscal": "36.56", "budget_other": "5",
        "actual": "32.13", "actual_fiscal": "30.74", "actual_other": "1.39",
    }  # fmt: skip
    assert "budget_initial" not in third and third["budget_other"] == "0" and third["actual"] == "0"


def test_a_two_row_header_band(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["项目名称", "全年预算数", None, None, "全年执行数", None, None])
    sheet.append([None, "合计", "财政拨款", "其他资金", "合计", "财政拨款", "其他资金"])
    sheet.append(["监督检查业务", 15.22, 10.22, 5, 10.15, 7.8, 2.35])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:D1")
    sheet.merge_cells("E1:G1")
    book.save(tmp_path / "band.xlsx")
    (project,) = read_projects(tmp_path / "band.xlsx")
    assert project == {
        "name": "监督检查业务", "indicators": [], "budget": "15.22", "budget_fiscal": "10.22",
        "budget_other": "5", "actual": "10.15", "actual_fiscal": "7.8", "actual_other": "2.35",
    }  # fmt: skip


def test_a_workbook_without_a_project_header_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(WorkbookError, match="项目名称"):
        read_projects(tmp_path / "empty.xlsx")


def test_import_projects_is_one_undoable_action(tmp_path: Path) -> None:
    path = _flat_workbook(tmp_path / "projects.xlsx")
    with Dataset.create(tmp_path / "d.jsd", "攀枝花市西区财政局", 2020, units=UNITS) as dataset:
        add_project(dataset, "已有项目")
        assert import_projects(dataset, path) == 3
        assert project_ids(dataset) == ["p1", "p2", "p3", "p4"]
        assert dataset.get("P01.p3.name") == "国库支付管理业务"
        assert dataset.get("P01.p3.unit") == "u3"
        assert dataset.number("P01.p3.rate") == D("32.13") / D("41.56")
        assert not [f for f in dataset.findings() if f.severity == "error"]
        dataset.undo()
        assert project_ids(dataset) == ["p1"]
        dataset.redo()
        assert len(project_ids(dataset)) == 4
