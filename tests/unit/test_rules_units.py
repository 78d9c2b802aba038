"""The unit rules (desktop/rules/unit_offsets.py): each internal pair between 本级 and its 二级单位
matched and mismatched, in a department entered unit by unit."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from desktop.models.dataset import Dataset
from desktop.models.snapshot import Unit
from tests.unit.rules_support import Case, Setup, run_case

UNITS = [Unit("u1", "测试部门", "行政单位", "901"), Unit("u2", "测试中心", "其他事业单位", "902")]
SUBSIDY = ("G03.total.to_affiliated", "G02.total.superior")
REMITTANCE = ("G02.total.affiliated", "G03.total.to_superior")


def units(values: Mapping[str, Mapping[str, str]]) -> Setup:
    """Two units, then each unit's cells."""

    def setup(dataset: Dataset) -> None:
        dataset.set_department("测试部门", "", 2020, units=UNITS)
        for unit_id, cells in values.items():
            dataset.unit_set_many(unit_id, dict(cells))

    return setup


CASES = [
    Case(
        "units.subsidy_offset",
        "matched",
        units({"u1": {"G03.2010601.to_affiliated": "20"}, "u2": {"G02.2010601.superior": "20"}}),
    ),
    Case(
        "units.subsidy_offset",
        "mismatched",
        units({"u1": {"G03.2010601.to_affiliated": "20"}, "u2": {"G02.2010601.superior": "15"}}),
        (SUBSIDY,),
        "error",
        ("测试部门", "对附属单位补助支出 20.00", "“测试中心” 15.00", "差 5.00"),
    ),
    Case(
        "units.remittance_offset",
        "matched",
        units({"u1": {"G02.2010601.affiliated": "3"}, "u2": {"G03.2010601.to_superior": "3"}}),
    ),
    Case(
        "units.remittance_offset",
        "mismatched",
        units({"u1": {"G02.2010601.affiliated": "3"}, "u2": {"G03.2010601.to_superior": "4"}}),
        (REMITTANCE,),
        "error",
        ("附属单位上缴收入 3.00", "上缴上级支出合计 4.00", "“测试中心” 4.00"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
