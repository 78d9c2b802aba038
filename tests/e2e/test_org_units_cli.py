"""`juesuan get/set --unit CODE` read and write one unit's cell (the total follows), and
`juesuan validate` lists each unit's own findings after the department's."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models.dataset import Dataset
from tests.helpers import run_cli
from tests.unit.test_org_units import UNITS

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def units_file(tmp_path: Path) -> Path:
    path = tmp_path / "units.jsd"
    Dataset.create(path, "西区财政局", 2020, units=UNITS).close()
    return path


def test_set_and_get_one_unit_and_the_total_follows(units_file: Path, capsys: Capture) -> None:
    code, out, _err = run_cli(capsys, "set", units_file, "G05.2010601.basic", "12.50", "--unit", "101002")
    assert (code, out.splitlines()[0]) == (0, "G05.2010601.basic = 12.50")
    assert run_cli(capsys, "set", units_file, "G05.2010601.basic", "3.00", "--unit", "101003")[0] == 0
    assert run_cli(capsys, "get", units_file, "G05.total.basic", "--unit", "101002")[1] == "12.50\n"
    assert run_cli(capsys, "get", units_file, "G05.total.basic")[1] == "15.50\n"
    with Dataset.open(units_file) as data:
        assert data.unit_number("u2", "G05.2010601.basic") == Decimal("12.50")


def test_an_unknown_unit_code_is_refused_listing_the_units(units_file: Path, capsys: Capture) -> None:
    code, _out, err = run_cli(capsys, "set", units_file, "G05.2010601.basic", "1.00", "--unit", "999")
    assert code == 2
    assert "999" in err and "101002（监督检查局）" in err
    with Dataset.open(units_file) as data:
        assert data.number("G05.2010601.basic") is None and not data.by_org_unit


def test_validate_names_the_unit_whose_tables_disagree(units_file: Path, capsys: Capture) -> None:
    for unit, by_function, by_economic in (("101002", "10.00", "8.00"), ("101003", "5.00", "7.00")):
        assert run_cli(capsys, "set", units_file, "G05.2010601.basic", by_function, "--unit", unit)[0] == 0
        assert run_cli(capsys, "set", units_file, "G06.30101.amount", by_economic, "--unit", unit)[0] == 0
    code, out, _err = run_cli(capsys, "validate", units_file)
    assert code == 1  # the total agrees (15.00 = 15.00), the units do not
    department, _, units = out.partition("自身的审核结果")
    assert "G05.basic_vs_G06" not in department
    assert "监督检查局：一般公共预算财政拨款支出决算表 基本支出 10.00" in units
    assert "投资评审中心：一般公共预算财政拨款支出决算表 基本支出 5.00" in units
    code, out, _err = run_cli(capsys, "validate", units_file, "--json")
    report = json.loads(out)
    assert [u["code"] for u in report["units"]] == ["101001", "101002", "101003"]
    named = [[f for f in u["findings"] if f["rule"] == "G05.basic_vs_G06"] for u in report["units"]]
    assert [len(found) for found in named] == [0, 1, 1]
    assert named[1][0]["numbers"] and report["units"][1]["counts"]["error"] >= 1


def test_validate_of_a_department_not_entered_by_unit_lists_no_units(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "one.jsd"
    Dataset.create(path, "西区财政局", 2020).close()
    _code, out, _err = run_cli(capsys, "validate", path, "--json")
    assert "units" not in json.loads(out)
    assert "自身的审核结果" not in run_cli(capsys, "validate", path)[1]
