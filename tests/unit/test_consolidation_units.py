"""Issue 13 §1/§4 with the units model: the units of one department sent as sources of their own
consolidate into that department entered by unit — its published tables, with the internal
offsets cancelling in the total and shown on the units; a department entered by unit keeps its
units' figures; departments of different codes are summed as departments."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.actions.consolidation import ConsolidationError, consolidate
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from tests.consolidation_support import DEPARTMENT, split_doc, unit_files

__all__ = ["split_doc"]  # the fixture


def test_units_sent_apart_reproduce_the_department_with_offsets(
    split_doc: dict[str, Any], sample_doc: dict[str, Any], tmp_path: Path
) -> None:
    u1, u2, u3 = unit_files(tmp_path, split_doc)
    report = consolidate(tmp_path / "sum.jsd", [u3, u1, u2])  # 本级 found by its code, not by order
    assert not report.refused
    with Dataset.open(tmp_path / "sum.jsd") as total:
        assert total.by_org_unit and [u.code for u in total.units] == ["501001", "501003", "501002"]
        for year, key in (("current", "cells"), ("prior", "prior")):
            for cell, text in sample_doc[key].items():
                if not cell.startswith("F00."):
                    assert total.get(cell, year) == Decimal(text), (year, cell)
        parent, *_ = total.units
        by_code = {u.code: u.id for u in total.units}
        assert total.unit_number(parent.id, "G03.total.to_affiliated") == Decimal("30.00")
        assert total.unit_number(by_code["501002"], "G02.total.superior") == Decimal("18.00")
        assert total.number("G03.total.to_affiliated") == 0 and total.number("G02.total.superior") == 0
        assert not [f for f in total.findings() if f.rule.startswith("units.")]


def test_a_department_entered_by_unit_keeps_its_units_figures(
    split_doc: dict[str, Any], tmp_path: Path
) -> None:
    with Dataset.create(tmp_path / "dept.jsd", "攀枝花市西区财政局", 2020, code=DEPARTMENT) as dataset:
        import_document(dataset, split_doc)
        published = dataset.number("G05.total.total")
    consolidate(tmp_path / "sum.jsd", [tmp_path / "dept.jsd"])
    with Dataset.open(tmp_path / "sum.jsd") as total:
        assert total.by_org_unit and len(total.units) == 3
        assert total.number("G05.total.total") == published
        assert total.unit_number(total.units[1].id, "G02.total.superior") == Decimal("18.00")


def test_a_unit_code_given_twice_names_both_sources(split_doc: dict[str, Any], tmp_path: Path) -> None:
    u1, u2, _ = unit_files(tmp_path, split_doc)
    again = tmp_path / "again.jsd"
    again.write_bytes(u2.read_bytes() + b"")  # the same bytes would be one file: change them
    with Dataset.open(again) as dataset:
        dataset.set("G05.2010601.basic", "1")
    with pytest.raises(ConsolidationError, match="单位代码 501002") as refused:
        consolidate(tmp_path / "sum.jsd", [u1, u2, again])
    assert str(u2) in str(refused.value) and str(again) in str(refused.value)


def test_departments_of_different_codes_are_summed_as_departments(
    sample_doc: dict[str, Any], tmp_path: Path
) -> None:
    paths = []
    for code in ("100", "200"):
        doc = json.loads(json.dumps(sample_doc))
        doc["department"]["code"] = code
        path = tmp_path / f"{code}.jsd"
        with Dataset.create(path, code, 2020, code=code) as dataset:
            import_document(dataset, doc)
        paths.append(path)
    consolidate(tmp_path / "sum.jsd", paths)
    with Dataset.open(tmp_path / "sum.jsd") as total:
        assert not total.by_org_unit and len(total.units) == 2 * len(sample_doc["units"])
        assert [u.code for u in total.units][:: len(sample_doc["units"])] == ["100", "200"]
        for cell in ("G02.total.superior", "G03.total.total", "G05.total.total"):
            assert total.number(cell) == 2 * Decimal(sample_doc["cells"].get(cell, "0")), cell
