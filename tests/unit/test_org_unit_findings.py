"""Each unit's own findings: the rules about figures run over every unit's tables, so a unit
whose tables disagree is named even when another unit's error cancels it in the total; rules a
text answers and the offsets stay with the department."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from desktop.models.dataset import Dataset
from desktop.rules.finding import Finding
from tests.unit.test_org_units import three_units


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def basic_spending(data: Dataset, unit: str, by_function: str, by_economic: str) -> None:
    """A unit's 基本支出 by function (公开05表) and by economic class (公开06表)."""
    data.unit_set(unit, "G05.2010601.basic", by_function)
    data.unit_set(unit, "G06.30101.amount", by_economic)


def test_a_unit_whose_tables_agree_has_no_finding_of_that_rule(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        basic_spending(data, "u2", "10.00", "10.00")
        assert by_rule(data.unit_findings("u2"), "G05.basic_vs_G06") == []


def test_a_unit_whose_tables_disagree_is_named_with_both_numbers(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        basic_spending(data, "u2", "10.00", "8.00")
        [finding] = by_rule(data.unit_findings("u2"), "G05.basic_vs_G06")
        assert finding.severity == "error"
        assert finding.message.startswith("监督检查局：")
        assert "10.00" in finding.message and "8.00" in finding.message
        assert by_rule(data.unit_findings("u1"), "G05.basic_vs_G06") == []
        assert by_rule(data.unit_findings("u3"), "G05.basic_vs_G06") == []


def test_errors_that_cancel_in_the_total_are_still_found_in_each_unit(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        basic_spending(data, "u2", "10.00", "8.00")
        basic_spending(data, "u3", "5.00", "7.00")
        assert by_rule(data.findings(), "G05.basic_vs_G06") == []  # 15.00 = 15.00 in the total
        for unit, name in (("u2", "监督检查局"), ("u3", "投资评审中心")):
            [finding] = by_rule(data.unit_findings(unit), "G05.basic_vs_G06")
            assert finding.message.startswith(f"{name}：")


def test_a_fixed_unit_loses_its_finding(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        basic_spending(data, "u2", "10.00", "8.00")
        assert by_rule(data.unit_findings("u2"), "G05.basic_vs_G06")
        data.unit_set("u2", "G06.30101.amount", "10.00")
        assert by_rule(data.unit_findings("u2"), "G05.basic_vs_G06") == []


def test_rules_a_text_answers_and_the_offsets_stay_with_the_department(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.unit_set("u1", "G03.2010601.to_affiliated", "30.00")  # no unit reports receiving it
        data.unit_set("u2", "G07.actual.reception", "1.00")  # asks for the reception text
        department = {f.rule for f in data.findings()}
        assert any(rule.startswith("units.") for rule in department)
        assert "text.reception_detail" in department
        for unit in ("u1", "u2", "u3"):
            rules = {f.rule for f in data.unit_findings(unit)}
            assert not any(rule.startswith(("units.", "text.", "yoy.", "budget.")) for rule in rules)


def test_a_department_not_entered_by_unit_has_no_unit_findings(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        data.set("G05.2010601.basic", "10.00")
        data.set("G06.30101.amount", "8.00")
        assert by_rule(data.findings(), "G05.basic_vs_G06")
        assert data.unit_findings("u1") == [] and data.unit_findings("101002") == []


def test_a_units_errors_hold_back_publication_like_the_departments(tmp_path: Path) -> None:
    from desktop.io.release import unfinished

    with three_units(tmp_path) as data:
        basic_spending(data, "u2", "10.00", "10.00")
        basic_spending(data, "u3", "5.00", "5.00")
        assert by_rule(list(unfinished(data)), "G05.basic_vs_G06") == []
        data.unit_set("u2", "G06.30101.amount", "8.00")
        data.unit_set("u3", "G06.30101.amount", "7.00")
        held = by_rule(list(unfinished(data)), "G05.basic_vs_G06")
        assert [f.message.partition("：")[0] for f in held] == ["监督检查局", "投资评审中心"]
        assert {f.severity for f in held} == {"error"}
        assert by_rule(data.findings(), "G05.basic_vs_G06") == []  # held back by the unit alone


def test_followed_edits_find_what_a_fresh_check_finds(tmp_path: Path) -> None:
    """Each unit's check follows its edits (values, new rows, undo, redo, settings, a renamed unit) and
    always finds what a check built afresh on the same figures finds."""
    rng = random.Random(11)
    cells = [
        "G05.2010601.basic",
        "G06.30101.amount",
        "G03.2010601.basic",
        "G02.2010601.fiscal",
        "G01.carry_in.amount",
        "X01.admin_cost.value",
        "G05.2080505.basic",
        "G03.2080505.project",
    ]
    with three_units(tmp_path) as data:
        for step in range(40):
            unit = rng.choice(["u1", "u2", "u3"])
            move = rng.random()
            if move < 0.15 and data.can_undo():
                data.undo()
            elif move < 0.25 and data.can_redo():
                data.redo()
            elif move < 0.3:
                data.set_setting("rounded.current", rng.choice(["1", None]))  # a tolerance of 0.01
            elif move < 0.35:
                renamed = [replace(u, name=f"{u.name}{step}") if u.id == unit else u for u in data.units]
                data.set_department("西区财政局", "", 2020, units=renamed)
            else:
                value = rng.choice([None, "0.00", "5.00", "5.01", "12.34", "-1.00"])
                data.unit_set(unit, rng.choice(cells), value)
            followed = {u.id: data.unit_findings(u.id) for u in data.units}
            data._memory.org_units.checks.clear()  # a fresh check to compare with
            assert followed == {u.id: data.unit_findings(u.id) for u in data.units}, step


def test_a_rounded_table_setting_reaches_the_units_checks(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        basic_spending(data, "u2", "5.00", "5.01")
        assert [f.severity for f in by_rule(data.unit_findings("u2"), "G05.basic_vs_G06")] == ["error"]
        data.set_setting("rounded.current", "1")  # figures rounded to 0.01 万元: a cent is 尾差
        assert [f.severity for f in by_rule(data.unit_findings("u2"), "G05.basic_vs_G06")] == ["info"]
