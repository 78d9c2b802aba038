"""Issue 18 follow-ups: a settings change re-checks without re-deriving, a renamed project's
findings name it at once, and undo/redo availability is answered from memory and stays right."""

from __future__ import annotations

from pathlib import Path

from desktop.models import history
from desktop.models.dataset import Dataset
from tests.unit.rules_support import assert_matches_full_pass, fresh, of_rule, project

BUDGET_RULE = "P01.budget_parts"


def _mismatched_project(dataset: Dataset) -> None:
    project("p1", budget="100", budget_fiscal="30", budget_other="20")(dataset)


def test_a_setting_rechecks_without_rederiving(tmp_path: Path) -> None:
    """Settings are read by checks only: the instances stay, the findings equal a fresh build."""
    with fresh(tmp_path) as dataset:
        _mismatched_project(dataset)
        validator = dataset._memory.validator
        kept = dict(validator.instances)
        dataset.set_setting("rounded.current", "1")
        assert all(validator.instances[k] is inst for k, inst in kept.items())
        assert_matches_full_pass(dataset)
        findings = dataset.findings()
    with Dataset.open(tmp_path / "rules.jsd") as again:
        assert again.findings() == findings


def test_a_renamed_project_is_named_in_its_findings(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        _mismatched_project(dataset)
        (before,) = of_rule(dataset, BUDGET_RULE)
        assert "项目p1" in before.message
        result = dataset.set("P01.p1.name", "新名称")
        (after,) = of_rule(dataset, BUDGET_RULE)
        assert "新名称" in after.message and "项目p1" not in after.message
        assert after in result.findings.added and before in result.findings.removed
        assert_matches_full_pass(dataset)
    with Dataset.open(tmp_path / "rules.jsd") as again:
        assert of_rule(again, BUDGET_RULE) == [after]


def _from_log(dataset: Dataset) -> tuple[bool, bool]:
    schema = dataset._schema
    return history.last_done(schema) is not None, history.last_undone(schema) is not None


def test_undo_and_redo_availability_follow_the_log(tmp_path: Path) -> None:
    path = tmp_path / "rules.jsd"
    with fresh(tmp_path) as dataset:
        steps = [
            lambda: dataset.set("X01.admin_cost.value", "1"),
            lambda: dataset.set("X01.admin_cost.value", "2"),
            dataset.undo,
            dataset.undo,
            dataset.redo,
            lambda: dataset.set("X01.admin_cost.value", "3"),  # the undone edit is gone
        ]
        seen = [(dataset.can_undo(), dataset.can_redo())]
        for step in steps:
            step()
            seen.append((dataset.can_undo(), dataset.can_redo()))
            assert seen[-1] == _from_log(dataset)
        assert [redo for _, redo in seen] == [False, False, False, True, True, True, False]
        assert all(undo for undo, _ in seen[1:4] + seen[5:])
        dataset.undo()
    with Dataset.open(path) as again:
        assert (again.can_undo(), again.can_redo()) == (True, True) == _from_log(again)
