"""The edit path's shortcuts keep every answer a full calculation gives: a cell rewritten in
place, a printed sum that rounds only the terms that changed, derivations found only where a
side can be filled, and an import whose findings are derived once, over its final state."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.actions.importing import import_file
from desktop.models import derive
from desktop.models.dataset import Dataset
from desktop.rules import engine
from desktop.rules.derivation import derivations
from desktop.rules.finding import Finding
from tests.unit.rules_support import assert_matches_full_pass, fresh

ITEM = "G05.2010601"


def _printed_sum(dataset: Dataset, cell: str) -> list[Finding]:
    return [f for f in dataset.findings() if f.rule == "amount.printed_sum" and f.cells[0] == cell]


def test_a_printed_sum_follows_each_term_typed_and_typed_back(tmp_path: Path) -> None:
    """0.004 + 0.004 prints 0.00 + 0.00 against a total of 0.01: the 尾差 appears, changes with
    a term and clears when the term prints what it is, as a full pass says at every step."""
    with fresh(tmp_path) as dataset:
        total = f"{ITEM}.total"
        dataset.set_many({f"{ITEM}.basic": "0.004", f"{ITEM}.project": "0.004"})
        (found,) = _printed_sum(dataset, total)
        assert found.numbers == {"printed": "0.01", "parts": "0.00"}
        assert_matches_full_pass(dataset)
        dataset.set(f"{ITEM}.project", "0.006")  # 0.00 + 0.01 = 0.01: printed as the total
        assert _printed_sum(dataset, total) == []
        assert_matches_full_pass(dataset)
        dataset.set(f"{ITEM}.project", "0.005")  # 0.00 + 0.01 against 0.009 → 0.01: still even
        assert _printed_sum(dataset, total) == []
        dataset.set(f"{ITEM}.basic", "0.005")  # 0.01 + 0.01 against 0.01
        (again,) = _printed_sum(dataset, total)
        assert again.numbers == {"printed": "0.01", "parts": "0.02"}
        dataset.undo()
        assert _printed_sum(dataset, total) == []
        assert_matches_full_pass(dataset)


def test_a_cell_typed_over_is_updated_in_place(tmp_path: Path) -> None:
    """Typing over a figure rewrites its row (same rowid: its index entry untouched) and the
    file reopens with the new figure and the undo of it."""
    path = tmp_path / "rules.jsd"
    with fresh(tmp_path) as dataset:
        dataset.set(f"{ITEM}.basic", "10")
    rowid, _value = _cell_row(path, f"{ITEM}.basic")
    with Dataset.open(path) as dataset:
        dataset.set(f"{ITEM}.basic", "12.50")
    assert _cell_row(path, f"{ITEM}.basic") == (rowid, "12.50")
    with Dataset.open(path) as dataset:
        assert str(dataset.get(f"{ITEM}.basic")) == "12.50"
        dataset.undo()
        assert str(dataset.get(f"{ITEM}.basic")) == "10"


def _cell_row(path: Path, cell: str) -> tuple[int, str]:
    db = sqlite3.connect(path)
    try:
        row = db.execute(
            "SELECT rowid, value FROM cell WHERE year = 'current' AND cell = ?", (cell,)
        ).fetchone()
    finally:
        db.close()
    return int(row[0]), str(row[1])


@pytest.mark.parametrize("flags", [frozenset(), frozenset({derive.FISCAL_ONLY})])
def test_the_derivation_index_finds_what_every_rule_over_every_row_gives(
    module_dataset: Dataset, flags: frozenset[str]
) -> None:
    """Rules no side of which can be filled are skipped unread; what is left is the same."""
    cells = module_dataset.cells()
    index = derive.DerivationIndex.build(module_dataset.rules, cells, flags)
    assert index.by_target == derivations(module_dataset.rules, cells, flags)
    assert index.by_target  # the sample has figures other tables determine


def test_an_import_derives_the_rules_once_over_its_final_state(
    tmp_path: Path, sample_doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dataset whose findings nobody has asked for yet: the import does not derive them
    before its ops (for a delta nobody reads) and again after; they are derived once, when
    asked for, and equal a full pass."""
    path = tmp_path / "fresh.jsd"
    Dataset.create(path, "测试部门", 2020).close()
    source = tmp_path / "sample.json"
    source.write_text(json.dumps(sample_doc, ensure_ascii=False), encoding="utf-8")
    derived: list[int] = []
    rebuild = engine.Validator.rebuild

    def counted(validator: engine.Validator) -> None:
        derived.append(len(derived))
        rebuild(validator)

    monkeypatch.setattr(engine.Validator, "rebuild", counted)
    with Dataset.open(path) as dataset:
        import_file(dataset, source)  # its summary reads the findings: derived here
        assert len(derived) == 1
        assert dataset.findings()
        assert len(derived) == 1
        assert_matches_full_pass(dataset)
        dataset.set(_any_input(dataset), "1")
        assert len(derived) == 2  # the full pass above; the edit follows incrementally
        assert_matches_full_pass(dataset)


def _any_input(dataset: Dataset) -> str:
    calc = dataset.calc()
    return next(c for c, v in sorted(calc.inputs.items()) if calc.cells[c].kind == "amount" and v is not None)
