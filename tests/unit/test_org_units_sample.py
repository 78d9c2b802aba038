"""The sample department entered as its units reproduces its department-level tables, with the
offsets shown; the interchange JSON carries the units' figures and reads back the same."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document, import_document
from tests.org_unit_split import OFFSETS, split_sample


@pytest.fixture(scope="module")
def split_doc(sample_doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with Dataset.create(tmp_path_factory.mktemp("c") / "c.jsd", "x", 2020) as scratch:
        return split_sample(sample_doc, scratch.catalogue)


@pytest.fixture(scope="module")
def split_dataset(tmp_path_factory: pytest.TempPathFactory, split_doc: dict[str, Any]) -> Any:
    data = Dataset.create(tmp_path_factory.mktemp("split") / "units.jsd", "攀枝花市西区财政局", 2020)
    import_document(data, split_doc)
    yield data
    data.close()


def test_the_units_add_up_to_the_published_department_tables(
    split_dataset: Dataset, sample_doc: dict[str, Any]
) -> None:
    assert split_dataset.by_org_unit and len(split_dataset.units) == 3
    for year, key in (("current", "cells"), ("prior", "prior")):
        for cell, text in sample_doc[key].items():
            if not cell.startswith("F00.") or cell.startswith("F00.staff"):
                assert split_dataset.get(cell, year) == Decimal(text), (year, cell)


def test_the_offsets_are_shown_on_the_units_and_cancel_in_the_total(split_dataset: Dataset) -> None:
    assert split_dataset.unit_number("u1", "G03.total.to_affiliated") == Decimal("30.00")
    assert split_dataset.unit_number("u2", "G02.total.superior") == Decimal("18.00")
    assert split_dataset.unit_number("u3", "G02.total.superior") == Decimal("12.00")
    assert split_dataset.unit_number("u2", "G03.total.to_superior") == Decimal("5.00")
    assert split_dataset.number("G03.total.to_affiliated") == 0
    assert split_dataset.number("G02.total.superior") == 0
    assert not [f for f in split_dataset.findings() if f.rule.startswith("units.")]


def test_the_findings_are_the_departments_as_published(
    split_dataset: Dataset, module_dataset: Dataset
) -> None:
    assert {(f.rule, f.cells) for f in split_dataset.findings()} == {
        (f.rule, f.cells) for f in module_dataset.findings()
    }


def test_a_mismatched_pair_in_the_json_is_a_finding(
    tmp_path: Path, split_doc: dict[str, Any], sample_doc: dict[str, Any]
) -> None:
    doc = json.loads(json.dumps(split_doc))
    doc["units"][2]["cells"]["G02.2010601.superior"] = "10.00"
    with Dataset.create(tmp_path / "m.jsd", "x", 2020) as data:
        import_document(data, doc)
        (finding,) = [f for f in data.findings() if f.rule == "units.subsidy_offset"]
        assert finding.numbers["parent"] == "30.00" and finding.numbers["units"] == "28.00"
        assert "攀枝花市西区财政国库支付中心" in finding.message
        assert data.number("G03.total.total") == Decimal(sample_doc["cells"]["G03.total.total"])


def test_the_json_round_trip_keeps_every_units_figures(tmp_path: Path, split_dataset: Dataset) -> None:
    doc = json.loads(json.dumps(export_document(split_dataset)))
    assert [u["code"] for u in doc["units"]] == ["501001", "501002", "501003"]
    assert doc["units"][1]["cells"]["G02.2010601.superior"] == OFFSETS["u2"]["G02.2010601.superior"]
    with Dataset.create(tmp_path / "back.jsd", "x", 2020) as back:
        import_document(back, doc)
        for unit in split_dataset.units:
            for year in ("current", "prior"):
                assert (
                    back.unit_calc(unit.id, year).numbers()
                    == split_dataset.unit_calc(unit.id, year).numbers()
                )
        assert back.calc().numbers() == split_dataset.calc().numbers()


def test_a_duplicate_unit_code_in_the_json_is_refused(tmp_path: Path, split_doc: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(split_doc))
    doc["units"][2]["code"] = doc["units"][1]["code"]
    with Dataset.create(tmp_path / "dup.jsd", "x", 2020) as data:
        with pytest.raises(InterchangeError, match="单位代码“501002”重复"):
            import_document(data, doc)
        assert not data.has_figures()
