"""The import action's totals that disagree come from the rule engine: this year's are the
dataset's own `computed.conflict` findings, last year's are checked by the same rules; a 尾差 is
one only where the year came from a source rounded to 0.01 万元."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from desktop.actions.import_summary import Conflict, conflicts
from desktop.actions.importing import import_file
from desktop.models.dataset import Dataset
from desktop.models.ops import Op

ROW = {"G05.2010601.basic": "10", "G05.2010601.project": "2"}
TOTAL = "G05.2010601.total"


def document(cells: dict[str, str]) -> dict[str, object]:
    department = {"name": "测试部门", "year": 2020}
    return {"format": "juesuan-dataset", "version": 1, "department": department, "cells": cells}


def test_this_years_conflicts_are_the_datasets_findings(tmp_path: Path) -> None:
    source = tmp_path / "stated.json"
    source.write_text(json.dumps(document({**ROW, TOTAL: "12.50"})), encoding="utf-8")
    with Dataset.create(tmp_path / "a.jsd", "测试部门", 2020) as dataset:
        summary = import_file(dataset, source)
        findings = [f for f in dataset.findings() if f.rule == "computed.conflict"]
        assert summary.conflicts == [Conflict.of(f) for f in findings]
        assert summary.conflicts == [Conflict(TOTAL, Decimal("12.50"), Decimal("12"), "error")]
        assert summary.has_errors and "不一致：G05.2010601.total" in summary.text()
        assert summary.backup and Path(summary.backup).exists()  # taken once, by the action
        assert len(list(Path(summary.backup).parent.iterdir())) == 1


def test_last_years_stated_totals_are_checked_by_the_same_rules(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "a.jsd", "测试部门", 2020) as dataset:
        ops = [Op.row("G05", "2010601", year="prior")]
        ops += [Op.cell(cell, value, "prior") for cell, value in ROW.items()]
        dataset.apply([*ops, Op.declared(TOTAL, "12.01", "prior")], label="上年", source="import")
        assert conflicts(dataset, "current") == []
        assert conflicts(dataset, "prior") == [Conflict(TOTAL, Decimal("12.01"), Decimal("12"), "error")]
        dataset.set_setting("rounded.prior", "1")  # a table rounded to 0.01 万元: 0.01 is a 尾差
        (rounded,) = conflicts(dataset, "prior")
        assert rounded.rounding and rounded.as_json()["severity"] == "info"
