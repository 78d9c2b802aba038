"""A row change drops the instances of the old cells by key: the keys a kind gives without
building its instances are the keys of the instances it builds, for every rule of every
edition, over a whole dataset and over the cells of a few rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.rules.kinds import KINDS, RuleScope, instance_keys, instances
from desktop.rules.kinds.base import PerCell, PerRow
from tests.helpers import sample_dataset
from tests.unit.test_rules_meta import every_rule

pytestmark = pytest.mark.usefixtures("no_fsync")


def test_keys_without_instances_are_the_instances_keys(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    dataset = sample_dataset(tmp_path, sample_doc)
    cells = dataset.cells()
    codes = {f.id: f.codes for f in dataset.catalogue if f.codes}
    rows = {(c.form, c.row) for c in cells.values() if c.form in ("G05", "P01")}
    some = sorted(rows)[::5]
    few = {i: c for i, c in cells.items() if (c.form, c.row) in some}
    checked: set[str] = set()
    for rule in every_rule():
        for scope in (RuleScope(cells, codes), RuleScope(few, codes)):
            keys = instance_keys(rule, scope)
            assert keys == [i.key for i in instances(rule, scope)], rule.id
            if keys and issubclass(KINDS[rule.kind], (PerCell, PerRow)):
                checked.add(rule.kind)
    per_cell = {"declared", "nonnegative", "precision", "printed_sum", "whole"}
    assert checked == per_cell | {"compare", "check", "budget"}
    dataset.close()
