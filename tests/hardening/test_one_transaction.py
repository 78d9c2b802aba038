"""Issue 16 §3: every accepted edit is ONE transaction, whatever the edit: typed, pasted, a new
row, a text, undo and redo. Counted with SQLite's own statement trace on the real file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.actions.importing import import_file
from desktop.models.dataset import Dataset
from desktop.models.projects import add_project
from tests.conftest import shared_path


@pytest.fixture
def imported(tmp_path: Path) -> Iterator[Dataset]:
    """The sample workbook imported: its totals are kept as the file states them (declared),
    so an edit that changes a total also forgets the stale stated one."""
    dataset = Dataset.create(tmp_path / "a.jsd", "测试", 2020)
    import_file(dataset, shared_path("workbooks", "xiqu-czj-2020.xlsx"), force=True)  # another name
    assert dataset.declared()
    yield dataset
    dataset.close()


def commits(dataset: Dataset, action: Callable[[], Any]) -> int:
    statements: list[str] = []
    connection = dataset._db.connection()
    connection.set_trace_callback(statements.append)
    try:
        action()
    finally:
        connection.set_trace_callback(None)
    return sum(1 for s in statements if s.strip().upper().startswith("COMMIT"))


def test_a_typed_edit_that_makes_a_stated_total_stale_is_one_transaction(imported: Dataset) -> None:
    before = dict(imported.declared())
    assert commits(imported, lambda: imported.set("G05.2010601.basic", "100")) == 1
    assert len(imported.declared()) < len(before)  # the stale totals went in the same commit
    assert commits(imported, imported.undo) == 1
    assert dict(imported.declared()) == before
    assert commits(imported, imported.redo) == 1


def test_paste_new_row_text_and_project_are_one_transaction_each(imported: Dataset) -> None:
    paste = {"G05.2010601.basic": "1", "G05.2010601.project": "2"}
    assert commits(imported, lambda: imported.set_many(paste)) == 1
    assert commits(imported, lambda: imported.add_row("G05", "2019999")) == 1
    assert commits(imported, lambda: imported.set("G05.2019999.basic", "3")) == 1
    assert commits(imported, lambda: imported.set_text("reason.total_change", "原因")) == 1
    assert commits(imported, lambda: add_project(imported, "项目甲")) == 1
    assert commits(imported, lambda: imported.remove_row("G05", "2019999")) == 1


def test_a_failed_write_leaves_file_and_memory_as_before(imported: Dataset) -> None:
    """The second half of an edit fails (here: the change log table is gone): nothing of the
    first half stays, on disk or in memory."""
    value = imported.number("G05.2010601.basic")
    declared = dict(imported.declared())
    imported._db.execute_sql("ALTER TABLE change RENAME TO change_gone")
    with pytest.raises(Exception, match="修改未能保存"):
        imported.set("G05.2010601.basic", "100")
    assert imported.number("G05.2010601.basic") == value
    assert dict(imported.declared()) == declared
    imported._db.execute_sql("ALTER TABLE change_gone RENAME TO change")
    path = imported.path
    imported.close()
    with Dataset.open(path) as reopened:
        assert reopened.number("G05.2010601.basic") == value
        assert dict(reopened.declared()) == declared
