"""The Sichuan 2020 edition produces byte for byte what the application produced before editions
(tests/fixtures/golden/sichuan-2020, written by the last commit without them), and a dataset file
made by that code opens as a Sichuan 2020 dataset after its migration, with the same results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.forms.perf_tree import DEFAULT as DEFAULT_TREE
from desktop.forms.perf_tree import shipped
from desktop.models.dataset import Dataset
from desktop.models.schema import SCHEMA_VERSION
from desktop.narrative.draft import draft
from desktop.narrative.glossary import draft_glossary
from tests.conftest import FIXTURES, shared_path
from tests.helpers import sample_dataset

GOLDEN = FIXTURES / "golden" / "sichuan-2020"
LEGACY = FIXTURES / "legacy" / "v2-xiqu-czj-2020.jsd"


def findings_json(dataset: Dataset) -> list[dict[str, Any]]:
    return [f.as_json() for f in dataset.findings()]


@pytest.mark.parametrize("name", ["xiqu-czj-2020", "xiqu-xzspj-2020"])
def test_the_sample_drafts_and_findings_are_unchanged(tmp_path: Path, name: str) -> None:
    doc = json.loads(shared_path("datasets", f"{name}.json").read_text(encoding="utf-8"))
    with sample_dataset(tmp_path, doc) as dataset:
        assert dataset.edition.id == "sichuan-2020"
        snapshot = dataset.snapshot()
        settings = dataset._memory.context.settings
        narrative = (
            draft(snapshot, threshold=settings.threshold).text() + "\n"
        )  # as `juesuan narrative` prints
        assert narrative == (GOLDEN / f"{name}.narrative.txt").read_text(encoding="utf-8")
        assert draft_glossary(snapshot) == (GOLDEN / f"{name}.glossary.txt").read_text(encoding="utf-8")
        expected = json.loads((GOLDEN / f"{name}.findings.json").read_text(encoding="utf-8"))
        assert findings_json(dataset) == expected


def test_a_file_made_before_editions_opens_as_sichuan_2020(tmp_path: Path) -> None:
    path = tmp_path / "old.jsd"
    shutil.copyfile(LEGACY, path)
    with Dataset.open(path) as dataset:
        assert dataset.edition.id == "sichuan-2020"
        assert dataset.schema_version == SCHEMA_VERSION
        assert dataset.meta["edition"] == "sichuan-2020"
        assert dataset.perf_tree() == shipped(DEFAULT_TREE)  # no 整体绩效评价 scores: the common framework
        expected = json.loads((GOLDEN / "xiqu-czj-2020.findings.json").read_text(encoding="utf-8"))
        assert findings_json(dataset) == expected
        narrative = draft(dataset.snapshot()).text() + "\n"
        assert narrative == (GOLDEN / "xiqu-czj-2020.narrative.txt").read_text(encoding="utf-8")
        dataset.set("G05.2010601.basic", "1")  # still editable, and undo works on the old change log
        dataset.undo()
        assert str(dataset.number("G05.total.total")) == "826.02"
    assert len(list((tmp_path / "old.jsd.backups").glob("*-v2.jsd"))) == 1
    with Dataset.open(path) as again:  # migrated once: no second backup
        assert again.edition.id == "sichuan-2020"
    assert len(list((tmp_path / "old.jsd.backups").glob("*-v2.jsd"))) == 1


def test_the_legacy_fixture_is_the_old_format() -> None:
    import sqlite3

    conn = sqlite3.connect(f"file:{LEGACY}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("select key, value from meta").fetchall())
    finally:
        conn.close()
    assert meta["schema_version"] == "2" and "edition" not in meta
