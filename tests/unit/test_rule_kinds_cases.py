"""Each rule kind on its own: a rule of the kind written inline (not one of an edition's), checked
on a real dataset with the root edition's wording, once passing and once failing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.rules.engine import Validator
from desktop.rules.kinds import KINDS
from desktop.rules.ruleset import build_rules
from tests.unit.rules_support import Setup, fresh, project, put, raw
from tests.unit.test_rules_cells import imported
from tests.unit.test_rules_performance import GRADED, SCORED, indicators, target
from tests.unit.test_rules_units import SUBSIDY, units

ROW = {"G05.2010601.basic": "10", "G05.2010601.project": "2"}
INCOME = "X01.admin_cost.value"  # an input amount
TEMPLATE_RULE: dict[str, dict[str, Any]] = {
    "compare": {"left": INCOME, "op": "<=", "right": "100", "left_label": "收入", "right_label": "上限"},
    "check": {"check": f"{INCOME} > 0", "message": "收入为 {" + INCOME + "}：应大于零"},
    "yoy": {"cell": INCOME, "label": "收入", "reason": "reason.income"},
    "budget": {"actual": "G05.2010601.total", "budget": "G05.2010601.budget", "label": "行政运行",
               "reason": "reason.row"},
    "required_text": {"when": f"{INCOME} > 0", "text": "text.income", "label": "收入说明"},
    "nonnegative": {"forms": ["G05"]},
    "project_weights": {"for_each": "projects"},
    "project_grade": {"for_each": "projects"},
    "indicator_target": {"for_each": "indicators"},
    "precision": {"forms": ["G05"]},
    "printed_sum": {"forms": ["G05"]},
    "unit_offset": {"parent": "G03.to_affiliated", "parent_label": "对附属单位补助支出",
                    "units": "G02.superior", "units_label": "上级补助收入"},
}  # fmt: skip

# kind → (a passing setup, a failing setup, the cells of one finding the failing one gives)
CASES: dict[str, tuple[Setup, Setup, tuple[str, ...]]] = {
    "compare": (put({INCOME: "50"}), put({INCOME: "150"}), (INCOME,)),
    "check": (put({INCOME: "5"}), put({INCOME: "0"}), (INCOME,)),
    "yoy": (
        put({INCOME: "105"}, prior={INCOME: "100"}),
        put({INCOME: "150"}, prior={INCOME: "100"}),
        (INCOME,),
    ),
    "budget": (
        put({**ROW, "G05.2010601.budget": "12"}),
        put({**ROW, "G05.2010601.budget": "15"}),
        ("G05.2010601.total", "G05.2010601.budget"),
    ),
    "required_text": (put({INCOME: "5"}, texts={"text.income": "说明"}), put({INCOME: "5"}), (INCOME,)),
    "declared": (
        imported({**ROW, "G05.2010601.total": "12.00"}),
        imported({**ROW, "G05.2010601.total": "12.50"}),
        ("G05.2010601.total",),
    ),
    "nonnegative": (put(ROW), put({"G05.2010601.basic": "-1"}), ("G05.2010601.basic",)),
    "whole": (raw({"X01.vehicles_bought.value": "2"}), raw({"X01.vehicles_bought.value": "1.5"}),
              ("X01.vehicles_bought.value",)),
    "stored": (raw({INCOME: "3"}), raw({INCOME: "三万"}), (INCOME,)),
    "code": (put({"G06.30201.amount": "1"}), put({"G06.30298.amount": "1"}), ("G06.30298.amount",)),
    "project_weights": (
        project(indicators=indicators(("30", ""), ("30", ""), ("30", ""))),
        project(indicators=indicators(("30", ""), ("20", ""))),
        ("P01.p1.i1.weight", "P01.p1.i2.weight"),
    ),
    "project_grade": (
        project(grade="优", indicators=SCORED, fields=GRADED),
        project(grade="良", indicators=SCORED, fields=GRADED),
        ("P01.p1.grade",),
    ),
    "indicator_target": (
        project(indicators=[target("4次", "4次", "10")]),
        project(indicators=[target("4次", "1次", "10")]),
        ("P01.p1.i1.score", "P01.p1.i1.actual_value"),
    ),
    "precision": (
        put({"G05.2010601.basic": "0.01"}),
        put({"G05.2010601.basic": "0.004"}),
        ("G05.2010601.basic",),
    ),
    "printed_sum": (
        put({"G05.2010601.basic": "0.01", "G05.2010601.project": "0.02"}),
        put({"G05.2010601.basic": "0.004", "G05.2010601.project": "0.004"}),
        ("G05.2010601.total", "G05.2010601.basic", "G05.2010601.project"),
    ),
    "unit_offset": (
        units({"u1": {"G03.2010601.to_affiliated": "20"}, "u2": {"G02.2010601.superior": "20"}}),
        units({"u1": {"G03.2010601.to_affiliated": "20"}, "u2": {"G02.2010601.superior": "15"}}),
        SUBSIDY,
    ),
}  # fmt: skip


def findings_of_kind(kind: str, setup: Setup, tmp_path: Path) -> dict[tuple[str, ...], str]:
    """The findings (cells → message) of one inline rule of `kind` on a dataset `setup` built."""
    definition = {"id": f"inline.{kind}", "kind": kind, "severity": "error", **TEMPLATE_RULE.get(kind, {})}
    rules = build_rules([definition], load_edition(ROOT_EDITION).rule_messages)
    dataset = fresh(tmp_path)
    try:
        setup(dataset)
        return {f.cells: f.message for f in Validator(dataset._memory.context, rules).all()}
    finally:
        dataset.close()


def test_every_kind_has_a_case_here() -> None:
    assert set(CASES) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_kind_passes(kind: str, tmp_path: Path) -> None:
    passing, _failing, _cells = CASES[kind]
    assert findings_of_kind(kind, passing, tmp_path) == {}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_kind_fails_with_its_message(kind: str, tmp_path: Path) -> None:
    _passing, failing, cells = CASES[kind]
    found = findings_of_kind(kind, failing, tmp_path)
    assert cells in found, found
    assert "{" not in found[cells] and found[cells].strip(), found[cells]  # every field filled
