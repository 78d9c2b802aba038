"""Shared by the rule tests: small datasets written inline, and cases that state exactly
which findings one rule must produce on them.

A `Case` names a rule, builds a fresh dataset with a few cells (and prior-year cells, texts,
settings) and lists the cells of every finding of that rule it expects: an empty list is a
passing case. `test_rules_meta.py` checks that every rule in resources/rules has both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.forms.calc import Calculator
from desktop.forms.edition import ROOT_EDITION
from desktop.models.dataset import Dataset
from desktop.models.ops import Op
from desktop.models.projects import project_ops
from desktop.rules.engine import Validator
from desktop.rules.finding import Finding

Setup = Callable[[Dataset], object]
Cells = tuple[str, ...]


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    setup: Setup
    expected: tuple[Cells, ...] = ()  # the cells of each finding of `rule`; () = passes
    severity: str | None = None  # the severity of every expected finding
    shows: tuple[str, ...] = ()  # texts every message of the rule must contain
    edition: str = ROOT_EDITION  # the edition of the dataset the case is built in

    @property
    def fails(self) -> bool:
        return bool(self.expected)

    def __str__(self) -> str:
        return f"{self.rule}:{self.name}"


def fresh(tmp_path: Path, name: str = "rules.jsd", edition: str = ROOT_EDITION) -> Dataset:
    return Dataset.create(tmp_path / name, "测试部门", 2020, edition=edition)


def put(
    values: Mapping[str, str | None] | None = None,
    *,
    prior: Mapping[str, str | None] | None = None,
    texts: Mapping[str, str] | None = None,
    settings: Mapping[str, str] | None = None,
) -> Setup:
    """A setup that marks settings, then writes last year's cells, this year's cells and texts."""

    def setup(dataset: Dataset) -> None:
        for key, value in (settings or {}).items():
            dataset.set_setting(key, value)
        if prior:
            dataset.set_many(dict(prior), year="prior")
        if values:
            dataset.set_many(dict(values))
        for key, text in (texts or {}).items():
            dataset.set_text(key, text)

    return setup


def steps(*setups: Setup) -> Setup:
    def setup(dataset: Dataset) -> None:
        for step in setups:
            step(dataset)

    return setup


def raw(values: Mapping[str, str]) -> Setup:
    """Stored values written as they are, bypassing the typed-text parser (an old or foreign file)."""

    def setup(dataset: Dataset) -> None:
        ops = [Op.cell(cell, value) for cell, value in values.items()]
        dataset.apply(ops, label="原始数据", source="system")

    return setup


def project(
    pid: str = "p1",
    indicators: Iterable[Mapping[str, str]] = (),
    fields: Mapping[str, str] | None = None,
    **more: str,
) -> Setup:
    """A P01 project with amounts/texts and indicators, as the interchange JSON writes them."""
    data: dict[str, Any] = {"name": f"项目{pid}", **(fields or {}), **more, "indicators": list(indicators)}

    def setup(dataset: Dataset) -> None:
        dataset.apply(project_ops(data, pid), label="添加项目", source="typed")

    return setup


def of_rule(dataset: Dataset, rule: str) -> list[Finding]:
    return [f for f in dataset.findings() if f.rule == rule]


def pairs(findings: Iterable[Finding]) -> set[tuple[str, Cells]]:
    return {(f.rule, f.cells) for f in findings}


def assert_matches_full_pass(dataset: Dataset) -> None:
    """The incrementally kept findings and values equal a fresh calculation and full pass."""
    for year in ("current", "prior"):
        calc = dataset.calc(year)
        again = Calculator(calc.catalogue, calc.structure.copy(), dict(calc.inputs))
        assert calc.computed == again.computed, year
    assert dataset._memory.validator.findings == Validator(dataset._memory.context, dataset.rules).findings


def run_case(case: Case, tmp_path: Path) -> list[Finding]:
    """Build the case's dataset and check exactly the findings of its rule."""
    dataset = fresh(tmp_path, edition=case.edition)
    try:
        case.setup(dataset)
        found = of_rule(dataset, case.rule)
        assert pairs(found) == {(case.rule, cells) for cells in case.expected}, [f.message for f in found]
        assert len(found) == len(case.expected)
        for finding in found:
            if case.severity is not None:
                assert finding.severity == case.severity, finding.message
            for text in case.shows:
                assert text in finding.message, (text, finding.message)
        assert_matches_full_pass(dataset)
        return found
    finally:
        dataset.close()
