"""Exact amounts against the 0.01 万元 the tables print: an amount with more decimals is flagged
with its 元 value; a printed total whose printed parts do not add up to it is a 尾差 finding,
always (a property over many amounts)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.dataset import Dataset
from desktop.money import round_half_up
from desktop.rules.finding import Finding
from desktop.rules.kinds.expressions import sum_terms
from tests.helpers import sample_dataset

G05_ITEMS = ("2010601", "2010602", "2010606", "2010650", "2010699")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Iterator[Dataset]:
    with sample_dataset(tmp_path_factory.mktemp("exact"), sample_doc) as dataset:
        yield dataset


def of_rule(dataset: Dataset, rule: str) -> list[Finding]:
    return [f for f in dataset.findings() if f.rule == rule]


def test_the_sample_has_no_inexact_amounts(sample: Dataset) -> None:
    assert of_rule(sample, "amount.precision") == [] and of_rule(sample, "amount.printed_sum") == []


@pytest.mark.parametrize(
    ("typed", "value", "yuan", "rounded"),
    [
        ("12345.67元", "1.234567", "12,345.67", "1.23"),
        ("306.125", "306.125", "3,061,250", "306.13"),
        ("0.004", "0.004", "40", "0.00"),
        ("1,234.5678 千元", "123.45678", "1,234,567.8", "123.46"),
    ],
)
def test_an_amount_finer_than_a_cent_is_flagged_with_its_yuan(
    sample: Dataset, typed: str, value: str, yuan: str, rounded: str
) -> None:
    cell = "G05.2010601.basic"
    before = sample.get(cell)
    try:
        result = sample.set(cell, typed)
        (found,) = [f for f in result.findings.added if f.rule == "amount.precision"]
        assert found.cells == (cell,) and found.severity == "warning"
        assert found.numbers == {
            "value": value,
            "rounded": round_half_up(Decimal(value), 2).to_eng_string(),
            "yuan": yuan,
        }
        assert f"{yuan} 元" in found.message and f"印为 {rounded}" in found.message
        sample.set(cell, found.numbers["rounded"])
        assert of_rule(sample, "amount.precision") == []
    finally:
        sample.set(cell, str(before))


def test_two_decimals_counts_and_computed_cells_are_not_flagged(sample: Dataset) -> None:
    sample.set("G05.2010601.basic", "306.10")
    sample.set("F00.staff_actual_admin.value", "7")
    assert of_rule(sample, "amount.precision") == []
    sample.set("G05.2010601.basic", "306.19")


def test_hidden_decimals_that_print_wrong_are_a_tail_difference(sample: Dataset) -> None:
    before = {f"G05.{row}.basic": str(sample.get(f"G05.{row}.basic")) for row in G05_ITEMS[:3]}
    try:
        sample.set_many(dict.fromkeys(before, "0.004"))  # each prints 0.00; together 0.012 → 0.01
        tails = {f.cells[0]: f for f in of_rule(sample, "amount.printed_sum")}
        assert "G05.20106.basic" in tails
        assert tails["G05.20106.basic"].numbers["printed"] != tails["G05.20106.basic"].numbers["parts"]
        assert "尾差" in tails["G05.20106.basic"].message
    finally:
        sample.set_many(before)
    assert of_rule(sample, "amount.printed_sum") == []


def printed_sums_that_do_not_add_up(dataset: Dataset) -> set[str]:
    """Every computed sum in the published tables whose printed parts miss its printed value."""
    calc, cells, wrong = dataset.calc(), dataset.cells(), set()
    tables = set(dataset.edition.package.tables)
    for cell in cells.values():
        terms = sum_terms(cell.formula) if cell.formula is not None and cell.form in tables else None
        if not terms or len(terms) < 2 or cell.kind != "amount":
            continue
        parts = sum(round_half_up(calc.number(t.path) or Decimal(0), 2) for t in terms)
        if parts != round_half_up(calc.number(cell.id) or Decimal(0), 2):
            wrong.add(cell.id)
    return wrong


amounts = st.decimals(min_value=0, max_value=50, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(amounts, min_size=len(G05_ITEMS), max_size=len(G05_ITEMS)))
def test_every_printed_sum_that_misses_has_its_finding(
    tmp_path: Path, sample_doc: dict[str, Any], values: list[Decimal]
) -> None:
    with sample_dataset(tmp_path, sample_doc, name=f"p{abs(hash(tuple(values)))}.jsd") as dataset:
        dataset.set_many({f"G05.{row}.basic": str(v) for row, v in zip(G05_ITEMS, values, strict=True)})
        flagged = {f.cells[0] for f in of_rule(dataset, "amount.printed_sum")}
        assert flagged == printed_sums_that_do_not_add_up(dataset)
