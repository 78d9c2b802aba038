"""A department and its units in one dataset: each unit's own figures, the department's as their
sum less the internal offsets, the offset pairs checked, and older files brought up to date."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.models.dataset import Dataset
from desktop.models.schema import SCHEMA_VERSION
from desktop.models.snapshot import Unit
from desktop.models.values import CellError
from tests.conftest import FIXTURES
from tests.helpers import sample_dataset

UNITS = [
    Unit("u1", "西区财政局", "行政单位", "101001"),
    Unit("u2", "监督检查局", "参公事业单位", "101002"),
    Unit("u3", "投资评审中心", "其他事业单位", "101003"),
]


def three_units(tmp_path: Path) -> Dataset:
    return Dataset.create(tmp_path / "d.jsd", "西区财政局", 2020, units=UNITS)


def offset_findings(data: Dataset) -> dict[str, Any]:
    return {f.rule: f for f in data.findings() if f.rule.startswith("units.")}


def test_a_one_unit_department_is_entered_as_today(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "one.jsd", "西区财政局", 2020) as data:
        data.set("G03.2010601.basic", "12.50")
        assert not data.by_org_unit
        assert data.number("G03.total.basic") == Decimal("12.50")
        assert data.unit_number("u1", "G03.total.basic") == Decimal("12.50")  # 本级 is the department


def test_the_department_is_the_sum_of_its_units(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u1", "G03.2010601.basic", "100.00")
        data.unit_set("u2", "G03.2010601.basic", "20.50")
        data.unit_set("u3", "G03.2080505.basic", "3.25")
        assert data.by_org_unit
        assert data.number("G03.2010601.basic") == Decimal("120.50")
        assert data.number("G03.total.basic") == Decimal("123.75")
        assert data.unit_number("u2", "G03.total.total") == Decimal("20.50")
        assert data.unit_number("u3", "G03.2080505.basic") == Decimal("3.25")
        data.unit_set("u2", "G03.2010601.basic", None)
        assert data.number("G03.2010601.basic") == Decimal("100.00")


def test_the_staffing_facts_are_the_units_too(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u1", "F00.staff_actual_admin.value", "7")
        data.unit_set("u2", "F00.staff_actual_admin.value", "5")
        data.unit_set("u2", "X01.admin_cost.value", "2.10")
        assert data.number("F00.staff_actual_admin.value") == 12
        assert data.number("X01.admin_cost.value") == Decimal("2.10")
        with pytest.raises(CellError, match="部门的信息"):
            data.unit_set("u2", "F00.head.value", "张三")


def test_the_first_unit_edit_moves_the_department_figures_to_its_own_office(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    data = sample_dataset(tmp_path, sample_doc)
    with data:
        before = data.number("G01.grand_in.amount")
        prior = data.number("G03.total.total", "prior")
        data.unit_set("u2", "G03.2010601.basic", "10.00")
        assert data.number("G01.grand_in.amount") == before
        assert data.number("G03.total.basic") == Decimal("766.02")
        assert data.unit_number("u1", "G03.total.basic") == Decimal("756.02")
        assert (
            data.number("G03.total.total", "prior")
            == prior
            == data.unit_number("u1", "G03.total.total", "prior")
        )
        data.undo()  # one action: the move and the edit
        assert not data.by_org_unit and data.number("G03.total.basic") == Decimal("756.02")


def test_the_department_total_is_read_only_once_entered_by_unit(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u2", "G03.2010601.basic", "1")
        with pytest.raises(CellError, match="部门合计只读"):
            data.set("G03.2010601.basic", "5")
        data.set("F00.head.value", "李四")  # the department's own facts stay the department's
        assert data.get("F00.head.value") == "李四"


@pytest.mark.parametrize(
    ("rule", "parent_cell", "unit_cell"),
    [
        ("units.subsidy_offset", "G03.2010601.to_affiliated", "G02.2010601.superior"),
        ("units.remittance_offset", "G02.2010601.affiliated", "G03.2010601.to_superior"),
    ],
)
def test_each_offset_pair_leaves_the_total_and_is_checked(
    tmp_path: Path, rule: str, parent_cell: str, unit_cell: str
) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u1", parent_cell, "30.00")
        finding = offset_findings(data)[rule]
        assert "西区财政局" in finding.message and "监督检查局" in finding.message
        assert "30.00" in finding.message and finding.numbers["units"] == "0"
        data.unit_set("u2", unit_cell, "18.00")
        data.unit_set("u3", unit_cell, "10.00")
        finding = offset_findings(data)[rule]
        assert finding.numbers == {
            "parent": "30.00", "units": "28.00", "parent_unit": "u1", "unit:u2": "18.00", "unit:u3": "10.00",
        }  # fmt: skip
        assert "“监督检查局” 18.00" in finding.message and "差 2.00" in finding.message
        data.unit_set("u3", unit_cell, "12.00")
        assert rule not in offset_findings(data)
        assert data.number(parent_cell) == 0 and data.number(unit_cell) == 0  # both sides offset


def test_a_units_own_superior_income_stays_in_the_total(tmp_path: Path) -> None:
    """本级's 上级补助收入 comes from outside the department: it is not an offset."""
    with three_units(tmp_path) as data:
        data.unit_set("u1", "G02.2010601.superior", "8.00")
        assert data.number("G02.total.superior") == Decimal("8.00")


def test_a_duplicate_unit_code_is_refused(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        twice = [*UNITS[:2], Unit("u3", "投资评审中心", "其他事业单位", "101002")]
        with pytest.raises(CellError, match="单位代码 101002 重复"):
            data.set_department("西区财政局", "", 2020, units=twice)
        assert [u.code for u in data.units] == ["101001", "101002", "101003"]


def test_removing_a_unit_takes_its_figures_out(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u1", "G03.2010601.basic", "5")
        data.unit_set("u3", "G03.2010601.basic", "7")
        data.set_department("西区财政局", "", 2020, units=UNITS[:2])
        assert data.number("G03.2010601.basic") == Decimal("5")


def test_unit_figures_survive_reopening(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u2", "G03.2010601.basic", "4.40")
        data.unit_set("u1", "G03.2010601.to_affiliated", "1")
    with Dataset.open(tmp_path / "d.jsd") as data:
        assert data.by_org_unit and data.units[1].code == "101002"
        assert data.unit_number("u2", "G03.total.basic") == Decimal("4.40")
        assert data.number("G03.total.basic") == Decimal("4.40")
        assert "units.subsidy_offset" in offset_findings(data)


def test_an_older_file_gains_units_and_keeps_its_figures(tmp_path: Path) -> None:
    legacy = FIXTURES / "legacy" / "v2-xiqu-czj-2020.jsd"
    copy = tmp_path / "old.jsd"
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(f"{legacy}{suffix}", f"{copy}{suffix}")
    with Dataset.open(copy) as data:
        assert data.schema_version == SCHEMA_VERSION == 5
        assert not data.by_org_unit and all(u.code == "" for u in data.units)
        total = data.number("G03.total.total")
        data.unit_set(data.units[1].id, "G03.2010601.basic", "1.00")
        assert data.number("G03.total.total") == total + 1
