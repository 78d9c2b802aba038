"""The units of the split sample (tests/org_unit_split.py) as sources of their own, for the
consolidation tests on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from tests.org_unit_split import UNIT_CODES, split_sample

DEPARTMENT = UNIT_CODES["u1"]  # 本级's code is the department's


@pytest.fixture(scope="module")
def split_doc(sample_doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with Dataset.create(tmp_path_factory.mktemp("c") / "c.jsd", "x", 2020) as scratch:
        doc = split_sample(sample_doc, scratch.catalogue)
    doc["department"] = {**doc["department"], "code": DEPARTMENT}
    return doc


def unit_files(folder: Path, split_doc: dict[str, Any]) -> list[Path]:
    """Each unit of the split sample as a dataset of its own (entered as a whole)."""
    paths = []
    for unit in split_doc["units"]:
        own = {k: v for k, v in unit.items() if k not in ("cells", "prior")}
        doc = {**split_doc, "units": [own], "cells": unit["cells"], "prior": unit["prior"]}
        if unit["id"] != "u1":  # 本级 keeps the department's texts and projects
            doc = {**doc, "texts": {}, "projects": [], "scores": {}}
        path = folder / f"{unit['code']}.jsd"
        with Dataset.create(path, unit["name"], 2020, code=DEPARTMENT) as dataset:
            import_document(dataset, doc)
        paths.append(path)
    return paths
