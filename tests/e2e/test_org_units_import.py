"""`juesuan import … --unit CODE`: a workbook (or a unit's own dataset) fills one unit and the
department's total follows; without --unit a dataset entered unit by unit refuses a
department-level file with a clear message, and a one-unit dataset imports as before."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document, import_document
from tests.conftest import shared_path
from tests.org_unit_split import split_sample

WORKBOOK = shared_path("workbooks", "xiqu-czj-2020.xlsx")
CELL = "G03.2010601.basic"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def units_file(tmp_path: Path, sample_doc: dict[str, Any]) -> Path:
    path = tmp_path / "units.jsd"
    with Dataset.create(path, sample_doc["department"]["name"], 2020) as data:
        import_document(data, split_sample(sample_doc, data.catalogue))
    return path


def figures(path: Path, unit_id: str, cell: str = CELL, year: str = "current") -> tuple[Any, Any]:
    with Dataset.open(path) as data:
        return data.unit_number(unit_id, cell, year), data.number(cell, year)


def test_a_department_workbook_is_refused_without_a_unit(units_file: Path, capsys: Any) -> None:
    before = figures(units_file, "u1")
    code, _out, err = run(capsys, "import", units_file, WORKBOOK, "--replace")
    assert code == 2
    assert "按单位填报" in err and "--unit" in err and "501002（攀枝花市西区财政监督检查局）" in err
    assert figures(units_file, "u1") == before


def test_a_workbook_fills_one_unit_and_the_total_follows(units_file: Path, capsys: Any) -> None:
    others = sum(figures(units_file, u)[0] for u in ("u2", "u3"))
    code, _out, err = run(capsys, "import", units_file, WORKBOOK, "--unit", "501001", "--replace")
    assert code in (0, 1), err
    assert figures(units_file, "u1") == (Decimal("306.29"), Decimal("306.29") + others)
    with Dataset.open(units_file) as data:
        assert data.unit_number("u1", "G03.total.total") == Decimal("1199.53")  # the workbook's total
        assert data.unit_number("u1", "X01.admin_cost.value") is not None  # facts are not in a workbook
        assert data.can_undo() and data.next_undo().label.startswith("导入攀枝花市西区财政局的本年数据")


def test_a_unit_with_figures_needs_replace(units_file: Path, capsys: Any) -> None:
    code, _out, err = run(capsys, "import", units_file, WORKBOOK, "--unit", "501001")
    assert code == 2 and "单位“攀枝花市西区财政局”已有本年数据" in err and "--replace" in err


def test_a_file_of_another_unit_is_refused_unless_forced(units_file: Path, capsys: Any) -> None:
    code, _out, err = run(capsys, "import", units_file, WORKBOOK, "--unit", "501003", "--replace")
    assert code == 2 and "攀枝花市西区财政国库支付中心" in err
    code, _out, err = run(capsys, "import", units_file, WORKBOOK, "--unit", "501003", "--replace", "--force")
    assert code in (0, 1), err
    assert figures(units_file, "u3")[0] == Decimal("306.29")


def test_an_unknown_unit_code_is_refused_naming_the_codes(units_file: Path, capsys: Any) -> None:
    code, _out, err = run(capsys, "import", units_file, WORKBOOK, "--unit", "999", "--replace")
    assert code == 2 and "没有单位代码为 999 的单位" in err and "501001（攀枝花市西区财政局）" in err


def test_last_years_workbook_fills_the_units_prior_year(units_file: Path, capsys: Any) -> None:
    prior = shared_path("workbooks", "xiqu-czj-2019.xlsx")
    code, _out, err = run(capsys, "import", units_file, prior, "--prior", "--unit", "501001")
    assert code in (0, 1), err
    with Dataset.open(units_file) as data:
        assert data.unit_number("u1", "G01.grand_in.amount", "prior") == Decimal("1648.50")


def test_a_units_own_dataset_fills_that_unit(
    tmp_path: Path, units_file: Path, capsys: Any, sample_doc: dict[str, Any]
) -> None:
    own = tmp_path / "u2.jsd"
    with Dataset.create(own, "攀枝花市西区财政监督检查局", 2020) as data:
        data.set_many({CELL: "12.34", "G03.2080505.basic": "1.00", "F00.staff_actual_admin.value": "6"})
        document = tmp_path / "u2.json"
        document.write_text(json.dumps(export_document(data), ensure_ascii=False), encoding="utf-8")
    others = figures(units_file, "u1")[0] + figures(units_file, "u3")[0]
    code, _out, err = run(capsys, "import", units_file, document, "--unit", "501002", "--replace")
    assert code in (0, 1), err
    assert figures(units_file, "u2") == (Decimal("12.34"), Decimal("12.34") + others)
    assert figures(units_file, "u2", "F00.staff_actual_admin.value")[0] == 6


def test_a_one_unit_dataset_imports_a_workbook_as_before(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "one.jsd"
    assert run(capsys, "new", path, "--department", "攀枝花市西区财政局", "--year", "2020")[0] == 0
    code, _out, err = run(capsys, "import", path, WORKBOOK)
    assert code in (0, 1), err
    with Dataset.open(path) as data:
        assert not data.by_org_unit and data.number(CELL) == Decimal("306.29")
