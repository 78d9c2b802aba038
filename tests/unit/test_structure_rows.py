"""A year's dynamic rows: adding is idempotent, removing forgets, a copy is independent, and a
batch of added rows comes back in the order the store placed them."""

from __future__ import annotations

from pathlib import Path

from desktop.forms.structure import Structure
from desktop.models.dataset import Dataset
from desktop.models.ops import Op


def test_add_and_remove_keep_rows_and_membership_together() -> None:
    structure = Structure({"G05": ["2010101"]})
    assert structure.add("G05", "2010101") is False  # already there (given at construction)
    assert structure.add("G05", "2010102") is True
    assert structure.add("G05", "2010102") is False
    assert structure.remove("G05", "2010101") is True
    assert structure.remove("G05", "2010101") is False
    assert structure.add("G05", "2010101") is True  # removed rows can come back
    assert structure.of("G05") == ["2010102", "2010101"]
    copied = structure.copy()
    copied.remove("G05", "2010102")
    assert structure.of("G05") == ["2010102", "2010101"]
    assert copied.of("G05") == ["2010101"]
    assert structure.remove("G03", "2010101") is False


def test_a_batch_of_rows_is_shown_in_stored_order(tmp_path: Path) -> None:
    codes = ["2010199", "2010101", "2010150", "2010102"]
    with Dataset.create(tmp_path / "d.jsd", "测试部门", 2021) as dataset:
        dataset.apply([Op.row("G05", code) for code in codes], label="行", source="import")
        assert dataset.rows("G05") == codes
    with Dataset.open(tmp_path / "d.jsd") as reopened:
        assert reopened.rows("G05") == codes


def test_findings_delta_tells_added_from_removed_by_every_field() -> None:
    from desktop.models.results import findings_delta
    from desktop.rules.finding import Finding

    kept = Finding("R1", "error", ("G01.a.amount",), "不平", {"diff": "1.00"})
    changed_before = Finding("R2", "warning", ("G05.b.basic",), "偏大", {"ratio": "30%"})
    changed_after = Finding("R2", "warning", ("G05.b.basic",), "偏大", {"ratio": "35%"})
    gone = Finding("R3", "error", ("G03.c.total",), "缺少说明", reason_key="reason.c")
    delta = findings_delta([kept, changed_before, gone], [changed_after, kept])
    assert delta.added == (changed_after,)
    assert delta.removed == (changed_before, gone)
    assert not findings_delta([kept], [kept])
