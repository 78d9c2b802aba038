"""The store and the Dataset facade: exact values, one transaction per edit, undo, locks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document, import_document
from desktop.models.schema import SCHEMA_VERSION
from desktop.models.store import FileInUseError, StoreError
from desktop.models.values import CellError
from desktop.money import AmountError
from tests.helpers import sample_dataset


def test_sample_computed_cells_equal_the_published_figures(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        for cell, text in sample_doc["cells"].items():
            definition = dataset.cells().get(cell)
            assert definition is not None, cell
            if definition.computed:
                assert dataset.number(cell) == Decimal(text), cell
        assert dataset.number("G01.grand_in.amount") == Decimal("1349.95")
        assert dataset.number("G04.grand_in.amount", "prior") == Decimal("1631.72")
        assert not [f for f in dataset.findings() if f.severity == "error"]


def test_an_edit_is_committed_with_its_change_log_row(tmp_path: Path) -> None:
    path = tmp_path / "a.jsd"
    with Dataset.create(path, "测试", 2020) as dataset:
        dataset.add_row("G05", "2010601")  # with its 03表 row (tests/unit/test_type_once.py)
        result = dataset.set("G05.2010601.basic", "1,234.50")
        assert {"G05.2010601.total", "G05.total.total", "G04.201.gpb", "G01.201.amount"} - result.cells == {
            "G01.201.amount"
        }  # G01 reads G03, not G05
        assert dataset.get("G05.total.total") == Decimal("1234.50")
        assert dataset._db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert dataset._db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
        assert dataset._db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    conn = sqlite3.connect(path)
    assert conn.execute("select value from cell where cell = 'G05.2010601.basic'").fetchone() == ("1234.50",)
    change = conn.execute(
        "select target, old, new, source from change where kind = 'cell' order by id desc"
    ).fetchone()
    assert change == ("G05.2010601.basic", None, "1234.50", "typed")
    conn.close()


@pytest.mark.parametrize("text", ["abc", "1.2.3"])
def test_a_refused_value_changes_nothing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.jsd"
    with Dataset.create(path, "测试", 2020) as dataset:
        dataset.set("G05.2010601.basic", "5")
        changes = dataset._schema.Change.select().count()
        with pytest.raises(AmountError):
            dataset.set("G05.2010601.basic", text)
        assert dataset.get("G05.2010601.basic") == Decimal("5")
        assert dataset._schema.Change.select().count() == changes


def test_computed_and_unknown_cells_are_refused(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "a.jsd", "测试", 2020) as dataset:
        with pytest.raises(CellError, match="计算单元格"):
            dataset.set("G05.total.basic", "1")
        with pytest.raises(CellError, match="不存在"):
            dataset.set("G05.20106.basic", "1")  # a 款 row is a sum, not typed
        with pytest.raises(CellError, match="不存在"):
            dataset.set("G99.x.y", "1")


def test_paste_is_one_action_and_all_or_nothing(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "a.jsd", "测试", 2020) as dataset:
        values = {"G05.2010601.basic": "1", "G05.2010601.project": "2", "G05.2010602.project": "3"}
        dataset.set_many(values)
        assert dataset.number("G05.total.total") == 6
        with pytest.raises(AmountError):
            dataset.set_many({"G05.2010601.basic": "9", "G05.2010602.basic": "x"})
        assert dataset.number("G05.total.total") == 6
        dataset.undo()
        assert dataset.number("G05.total.total") is not None
        assert dataset.number("G05.total.total") == 0
        assert dataset.rows("G05") == []
        dataset.redo()
        assert dataset.number("G05.total.total") == 6


def test_undo_redo_follow_the_change_log_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "a.jsd"
    with Dataset.create(path, "测试", 2020) as dataset:
        dataset.set("X01.admin_cost.value", "10")
        dataset.set("X01.admin_cost.value", "20")
    with Dataset.open(path) as dataset:
        assert dataset.undo() is not None
        assert dataset.get("X01.admin_cost.value") == Decimal("10")
    with Dataset.open(path) as dataset:
        dataset.redo()
        assert dataset.get("X01.admin_cost.value") == Decimal("20")
        dataset.undo()
        dataset.set_text("reason.total_change", "新的说明")  # a new action clears redo
        assert not dataset.can_redo()
        sources = [c.source for c in dataset._schema.Change.select()]
        assert {"typed", "undo", "redo"} <= set(sources)


def test_edits_after_import_forget_the_files_totals_they_recompute(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        result = dataset.set("G05.2010601.basic", "300")
        rules = {f.rule for f in result.findings.added}
        assert "computed.conflict" not in rules
        assert "G05.basic_vs_G06" in rules
        dataset.undo()
        assert dataset.declared()["G05.total.total"] == Decimal("826.02")
        assert not [f for f in dataset.findings() if f.severity == "error"]


def test_interchange_round_trip_is_identical(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        exported = export_document(dataset)
    with Dataset.create(tmp_path / "b.jsd", "x", 2000) as copy:
        import_document(copy, exported)
        again = export_document(copy)
    assert again == exported
    for key in ("cells", "prior"):
        for cell, text in sample_doc[key].items():
            assert Decimal(exported[key][cell]) == Decimal(text) if text.replace(".", "").isdigit() else True
    assert exported["texts"] == sample_doc["texts"]
    assert [p["name"] for p in exported["projects"]] == [p["name"] for p in sample_doc["projects"]]
    assert exported["notes"] == sample_doc["notes"]  # unknown keys are kept


def test_a_bad_document_is_refused_whole(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    doc = {**sample_doc, "cells": {**sample_doc["cells"], "G05.2010601.basic": "三百"}}
    with Dataset.create(tmp_path / "a.jsd", "测试", 2020) as dataset:
        with pytest.raises(InterchangeError, match=r"G05\.2010601\.basic"):
            import_document(dataset, doc)
        assert dataset.calc().inputs.keys() <= {"F00.name.value", "F00.year.value"}
        import_document(dataset, sample_doc)
        with pytest.raises(InterchangeError, match="--replace"):
            import_document(dataset, sample_doc)
        import_document(dataset, sample_doc, replace=True)
        assert dataset.number("G01.grand_in.amount") == Decimal("1349.95")


def test_a_second_process_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "a.jsd"
    with Dataset.create(path, "测试", 2020):
        code = (
            f"from desktop.models.dataset import Dataset as D\nD.open(__import__('pathlib').Path(r'{path}'))"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert run.returncode != 0
        assert "已在另一个窗口或程序中打开" in run.stderr
    with Dataset.open(path):  # released on close
        pass


def test_the_lock_error_is_the_store_error_the_ui_shows(tmp_path: Path) -> None:
    path = tmp_path / "a.jsd"
    with Dataset.create(path, "测试", 2020), pytest.raises(FileInUseError):
        Dataset.open(path)


V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE unit (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE cell (year TEXT NOT NULL, cell TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (year, cell));
CREATE TABLE row_entry (year TEXT NOT NULL, form TEXT NOT NULL, row TEXT NOT NULL, position INTEGER NOT NULL,
                        PRIMARY KEY (year, form, row));
CREATE TABLE text (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE batch (id INTEGER PRIMARY KEY, label TEXT NOT NULL, source TEXT NOT NULL, time DATETIME NOT NULL,
                    state TEXT NOT NULL);
CREATE TABLE change (id INTEGER PRIMARY KEY,
                     batch_id INTEGER NOT NULL REFERENCES batch (id) ON DELETE CASCADE,
                     seq INTEGER NOT NULL, kind TEXT NOT NULL, year TEXT NOT NULL, target TEXT NOT NULL,
                     old TEXT, new TEXT, time DATETIME NOT NULL, source TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1'), ('name', '旧单位'), ('code', ''), ('year', '2019');
INSERT INTO unit VALUES ('u1', '旧单位', '行政单位', 0);
INSERT INTO row_entry VALUES ('current', 'G05', '2010601', 1);
INSERT INTO cell VALUES ('current', 'G05.2010601.basic', '12.30');
"""


def test_a_file_of_the_first_format_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.jsd"
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.close()
    with Dataset.open(path) as dataset:
        assert dataset.number("G05.total.total") == Decimal("12.30")
        assert dataset.schema_version == SCHEMA_VERSION
        dataset.set("G05.2010601.basic", "1")
        dataset.undo()
        assert dataset.number("G05.total.total") == Decimal("12.30")
    backups = list((tmp_path / "old.jsd.backups").glob("*-v1.jsd"))
    assert len(backups) == 1


def test_not_a_dataset_and_newer_formats_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.jsd"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="不是"):
        Dataset.open(junk)
    path = tmp_path / "new.jsd"
    with Dataset.create(path, "测试", 2020) as dataset:
        dataset._schema.Meta.replace(key="schema_version", value="99").execute()
    with pytest.raises(StoreError, match="更新版本"):
        Dataset.open(path)


def test_typing_the_department_name_in_f00_renames_the_department(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "a.jsd", "旧名", 2020) as dataset:
        dataset.set("F00.name.value", "新名称")
        dataset.set("F00.year.value", "2021")
        assert dataset.department.name == "新名称"
        assert dataset.department.year == 2021
        with pytest.raises(CellError, match="年度"):
            dataset.set("F00.year.value", "")
        dataset.undo()
        assert dataset.department.year == 2020
        assert export_document(dataset)["department"]["name"] == "新名称"


def test_undoing_a_removal_puts_rows_back_in_their_order(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        before = dataset.rows("P01")
        dataset.remove_row("P01", "p1")
        assert "p1" not in dataset.rows("P01") and "p1.i1" not in dataset.rows("P01")
        dataset.undo()
        assert dataset.rows("P01") == before
        dataset.redo()
        dataset.undo()
        assert dataset.rows("P01") == before
    with Dataset.open(tmp_path / "sample.jsd") as reopened:
        assert reopened.rows("P01") == before
