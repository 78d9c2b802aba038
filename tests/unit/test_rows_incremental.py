"""Rows added and removed update the calculator, the rule instances and the derivations in
place, only where the rows are: after any sequence of row changes on the sample (项 rows in
every classified form, with new 类 and 款 or without, 经济分类 款 in 公开06表, projects and
indicators, figures in the new rows, the 财政拨款-only flag, undo and redo) every index equals
a full rebuild."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.forms.calc import Calculator
from desktop.forms.edition import load_edition
from desktop.models import derive, history
from desktop.models.dataset import Dataset
from desktop.rules.derivation import derivations
from desktop.rules.engine import Validator
from desktop.rules.ruleset import build_rules
from tests.helpers import sample_dataset

CLASSIFIED = ("G02", "G03", "G05", "G08", "G09")
ACTIONS = ["item"] * 4 + ["drop", "drop", "economic", "project", "indicator", "value", "flag", "undo", "redo"]


pytestmark = pytest.mark.usefixtures("no_fsync")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Path:
    dataset = sample_dataset(tmp_path_factory.mktemp("sample"), sample_doc)
    dataset.close()
    return dataset.path


@pytest.fixture(scope="module")
def codes() -> dict[str, list[str]]:
    edition = load_edition("sichuan-2020")
    items = [s.code for s in edition.codes.functional if s.level == 3]
    # Every 7th 项 of the list: new 类 and 款 as well as 项 beside existing ones.
    return {"item": items[::7][:60], "economic": [s.code for s in edition.codes.economic if s.level == 2]}


def _listed(mapping: Mapping[str, Any]) -> dict[str, list[Any]]:
    """An index of lists or sets, empty entries left out, each entry sorted."""
    return {k: sorted(map(repr, v)) for k, v in mapping.items() if v}


def assert_equals_rebuild(dataset: Dataset) -> None:
    for year in ("current", "prior"):
        calc = dataset.calc(year)
        again = Calculator(calc.catalogue, calc.structure.copy(), dict(calc.inputs))
        assert calc.cells == again.cells, year
        assert list(calc.ordered_cells()) == list(again.cells), year
        assert (calc.computed, calc.ranks) == (again.computed, again.ranks), year
        assert _listed(calc.dependents) == _listed(again.dependents), year
        assert _listed(calc.row_ids) == _listed(again.row_ids), year
    kept = dataset._memory.validator
    full = Validator(dataset._memory.context, dataset.rules)
    assert {k: (i.cells, i.texts, i.uses_prior) for k, i in kept.instances.items()} == {
        k: (i.cells, i.texts, i.uses_prior) for k, i in full.instances.items()
    }
    assert (_listed(kept.by_cell), _listed(kept.by_text)) == (_listed(full.by_cell), _listed(full.by_text))
    assert kept.findings == full.findings
    index, flags = dataset.derivation_index(), derive.flags_of(dataset.meta)
    rebuilt = derive.DerivationIndex.build(dataset.rules, dataset.cells(), flags)
    assert index.by_target == rebuilt.by_target == derivations(dataset.rules, dataset.cells(), flags)
    assert _listed(index.by_read) == _listed(rebuilt.by_read)


def act(dataset: Dataset, codes: dict[str, list[str]], start: int | None, data: st.DataObject) -> None:
    action = data.draw(st.sampled_from(ACTIONS), label="action")
    if action == "item":
        form = data.draw(st.sampled_from(CLASSIFIED), label="form")
        dataset.add_row(form, data.draw(st.sampled_from(codes["item"]), label="code"))
    elif action == "economic":
        dataset.add_row("G06", data.draw(st.sampled_from(codes["economic"]), label="款"))
    elif action == "drop":
        form = data.draw(st.sampled_from([*CLASSIFIED, "G06", "P01"]), label="form")
        rows = dataset.rows(form)
        if rows:
            dataset.remove_row(form, data.draw(st.sampled_from(rows), label="row"))
    elif action == "project":
        dataset.add_row("P01", f"t{data.draw(st.integers(1, 4), label='project')}")
    elif action == "indicator":
        projects = [r for r in dataset.rows("P01") if "." not in r]
        if projects:
            project = data.draw(st.sampled_from(projects), label="project")
            dataset.add_row("P01", f"{project}.{data.draw(st.integers(1, 30), label='indicator')}")
    elif action == "value":
        form = data.draw(st.sampled_from(CLASSIFIED[1:]), label="form")
        code = data.draw(st.sampled_from(codes["item"]), label="code")
        dataset.set(f"{form}.{code}.basic", str(data.draw(st.integers(-50, 900), label="amount")))
    elif action == "flag":  # all 财政拨款: many more figures derived from other tables
        dataset.set_flag(derive.FISCAL_ONLY, not dataset.flag(derive.FISCAL_ONLY))
    elif action == "undo" and history.last_done(dataset._schema) != start:  # not the import
        dataset.undo()
    elif action == "redo" and dataset.can_redo():
        dataset.redo()


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_row_changes_equal_a_rebuild(
    sample: Path, codes: dict[str, list[str]], tmp_path: Path, data: st.DataObject
) -> None:
    path = tmp_path / "rows.jsd"
    shutil.copyfile(sample, path)
    with Dataset.open(path) as dataset:
        dataset.derivation_index()  # kept from here on, as the edit path keeps it
        start = history.last_done(dataset._schema)
        for _ in range(data.draw(st.integers(1, 10), label="changes")):
            act(dataset, codes, start, data)
        assert_equals_rebuild(dataset)


def test_a_new_row_redefines_only_its_rows(sample: Path, tmp_path: Path) -> None:
    """A 项 under an existing 款 (with the companion rows the rules add beside it) redefines its
    own cells and the sums above them, nothing else."""
    path = tmp_path / "one.jsd"
    shutil.copyfile(sample, path)
    with Dataset.open(path) as dataset:
        present = dataset.rows("G05")[0]
        sibling = next(
            s.code
            for s in load_edition("sichuan-2020").codes.functional
            if s.level == 3 and s.code[:5] == present[:5] and s.code not in dataset.rows("G05")
        )
        before = {form: set(dataset.rows(form)) for form in CLASSIFIED}
        result = dataset.add_row("G05", sibling)
        added = [(form, row) for form in CLASSIFIED for row in set(dataset.rows(form)) - before[form]]
        assert ("G05", sibling) in added
        allowed = {f"{form}.{code}" for form, row in added for code in (row, row[:5], row[:3], "total")}
        allowed |= {f"{mirror}.{row[:3]}" for _form, row in added for mirror in ("G01", "G04")}
        assert {c.rpartition(".")[0] for c in result.cells} <= allowed
        assert f"G05.{sibling}.basic" in result.cells
        assert_equals_rebuild(dataset)


def test_the_first_edit_after_an_open_reports_its_findings(sample: Path, tmp_path: Path) -> None:
    """Opening derives no rule instance (they are derived when first needed); an edit made
    before anything asked for the findings still reports exactly what it changed."""
    with Dataset.open(sample) as before:
        baseline = before.findings()
    path = tmp_path / "first.jsd"
    shutil.copyfile(sample, path)
    with Dataset.open(path) as dataset:
        assert dataset._memory._validator is None
        cell = next(c for c in dataset.calc().inputs if c.startswith("G05.") and c.endswith(".basic"))
        result = dataset.set(cell, "-1")
        assert result.findings.added
        assert any(cell in f.cells for f in result.findings.added)
        now = [f for f in baseline if f not in result.findings.removed] + list(result.findings.added)
        assert sorted(map(repr, now)) == sorted(map(repr, dataset.findings()))
        assert_equals_rebuild(dataset)


def test_an_untemplated_budget_follows_the_rows_under_its_cells(sample: Path, tmp_path: Path) -> None:
    """A budget on a 合计 reads the input cells under it: a new 项 joins them."""
    path = tmp_path / "budget.jsd"
    shutil.copyfile(sample, path)
    params = {
        "actual": "G05.total.total",
        "budget": "G05.total.budget",
        "label": "合计",
        "reason": "reason.t",
    }
    with Dataset.open(path) as dataset:
        memory = dataset._memory
        edition = load_edition("sichuan-2020")
        definition = {"id": "test.budget", "kind": "budget", "severity": "warning", **params}
        memory.rules = (*memory.rules, *build_rules([definition], edition.rule_messages))
        code = next(c for c in edition.codes.functional if c.level == 3).code
        if code in dataset.rows("G05"):
            dataset.remove_row("G05", code)
        dataset.add_row("G05", code)
        kept = memory.validator.instances["test.budget"].cells
        assert f"G05.{code}.budget" in kept
        assert kept == Validator(memory.context, memory.rules).instances["test.budget"].cells
