"""The consolidated dataset is a new file: its filling leaves no undo record (a log as large as the
data, for nothing to go back to) and goes without a journal or syncs (the file is renamed into
place only when whole), and the file works as any other: WAL once opened, an edit after it is
undone."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from desktop.actions.consolidation import consolidate
from desktop.models.dataset import Dataset
from tests.consolidation_support import split_doc, unit_files

__all__ = ["split_doc"]  # the fixture


def test_a_consolidated_file_has_nothing_to_undo_and_undoes_later_edits(
    split_doc: dict[str, object], tmp_path: Path
) -> None:
    report = consolidate(tmp_path / "sum.jsd", unit_files(tmp_path, split_doc))
    with Dataset.open(tmp_path / "sum.jsd") as total:
        parent = total.units[0].id
        before = total.number("G05.total.total")
        assert before == report.totals["G05"] and before > 0
        total.unit_set(parent, "G05.2010601.basic", "1234567.89")
        assert total.number("G05.total.total") != before
        total.undo()
        assert total.number("G05.total.total") == before
        total.undo()  # what is left to undo is the file's creation, not its figures
        assert total.number("G05.total.total") == before
    with Dataset.open(tmp_path / "sum.jsd") as again:
        assert again.number("G05.total.total") == before
        assert again.unit_number(parent, "G05.2010601.basic") != Decimal("1234567.89")


def test_a_consolidated_file_filled_unjournaled_opens_as_any_dataset(
    split_doc: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "sum.jsd"
    consolidate(out, unit_files(tmp_path, split_doc))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("sum")) == [
        "sum-汇总情况.xlsx",
        "sum.jsd",
    ]  # no journal or temporary file left beside it
    with Dataset.open(out) as total:
        assert total.number("G05.total.total") > 0
    raw = sqlite3.connect(out)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # set by the opening
    finally:
        raw.close()
