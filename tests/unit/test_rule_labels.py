"""Findings name their cells by the names in force: a name an imported workbook gave a code
renames the cell in the findings that name it, though the labels are kept between edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.forms.naming import name_key
from desktop.models.dataset import Dataset

pytestmark = pytest.mark.usefixtures("no_fsync")

UNLISTED = "2010698"  # a 项 code the 2020 list lacks (its 款 20106 it has)


def _negative_message(dataset: Dataset, cell: str) -> str:
    return next(f.message for f in dataset.findings() if f.rule == "sign.nonnegative" and f.cells == (cell,))


def test_a_cell_renamed_by_an_imported_name_is_named_anew(tmp_path: Path) -> None:
    cell = f"G05.{UNLISTED}.basic"
    with Dataset.create(tmp_path / "a.jsd", "测试部门", 2020) as dataset:
        dataset.set(cell, "-1")
        before = _negative_message(dataset, cell)
        dataset.set(cell, "-2")  # the label kept from the first check
        assert _negative_message(dataset, cell) == before.replace("-1.00", "-2.00")
        dataset.set_setting(name_key("functional", UNLISTED), "导入的名称")
        renamed = _negative_message(dataset, cell)
        assert "导入的名称" in renamed and "导入的名称" not in before
        dataset.set(cell, "-3")
        assert _negative_message(dataset, cell) == renamed.replace("-2.00", "-3.00")
