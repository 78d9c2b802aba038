"""The benchmark's synthetic dataset is as large as the benchmark says (the bench itself is
not run in tests)."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import Shape, build, classified_item_rows, item_codes
from desktop.forms.codes import economic_codes, functional_codes
from desktop.models.projects import indicator_ids, project_ids


def test_builder_makes_at_least_8000_cells(tmp_path: Path) -> None:
    with build(tmp_path / "bench.jsd", Shape()) as dataset:
        assert len(dataset.calc().cells) >= 8_000
        assert classified_item_rows(dataset) >= 300
        assert len(dataset.rows("G03")) >= 300
        assert all(dataset.rows(form) for form in ("G02", "G05", "G08", "G09"))
        g06 = {s.code for s in economic_codes(2018) if s.level == 2}
        assert set(dataset.rows("G06")) == g06
        assert len(project_ids(dataset)) == 30
        assert all(len(indicator_ids(dataset, p)) == 10 for p in project_ids(dataset))
        assert dataset.has_prior


def test_item_codes_are_real_and_distinct() -> None:
    codes = item_codes(320)
    assert len(set(codes)) == 320
    assert all(code in functional_codes(2021) and len(code) == 7 for code in codes)
