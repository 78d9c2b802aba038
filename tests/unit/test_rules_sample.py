"""The sample dataset (published report 000) validates as data/README.md says, and single-cell
perturbations of it produce exactly the findings they must, which clear again on undo."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.models.dataset import Dataset
from desktop.rules.finding import Finding, count_by_severity
from tests.helpers import sample_dataset
from tests.unit.rules_support import Cells, assert_matches_full_pass

Key = tuple[str, Cells]

# data/README.md: no errors, no warnings; these infos, each showing its numbers.
EXPECTED_INFO: dict[Key, tuple[str, ...]] = {
    ("X01.admin_cost_vs_public", ("X01.admin_cost.value", "G06.public_total.amount")): (
        "53.93", "53.92", "差 0.01", "尾差",
    ),
    ("yoy.total", ("G01.grand_in.amount",)): ("1349.95", "1648.50", "-18.11%", "已说明原因"),
    ("yoy.fiscal", ("G04.grand_in.amount",)): ("1295.60", "1631.72", "-20.60%", "已说明原因"),
    ("yoy.three_public.vehicle", ("G07.actual.vehicle",)): ("2.68", "2.23", "20.18%", "已说明原因"),
    ("yoy.three_public.reception", ("G07.actual.reception",)): ("1.91", "3.31", "-42.30%", "已说明原因"),
    ("yoy.admin_cost", ("X01.admin_cost.value",)): ("53.93", "65.10", "-17.16%", "已说明原因"),
    ("budget.G05", ("G05.2010602.total", "G05.2010602.budget")): ("50.74", "51.78", "低于", "已说明原因"),
    ("budget.G05", ("G05.2050201.total", "G05.2050201.budget")): ("0.00", "70.00", "低于", "已说明原因"),
}  # fmt: skip


@pytest.fixture
def sample(tmp_path: Path, sample_doc: dict[str, Any]) -> Iterator[Dataset]:
    dataset = sample_dataset(tmp_path, sample_doc)
    yield dataset
    dataset.close()


def keyed(dataset: Dataset) -> dict[Key, Finding]:
    found = {(f.rule, f.cells): f for f in dataset.findings()}
    assert len(found) == len(dataset.findings()), "two findings of one rule on the same cells"
    return found


def by_key(findings: Iterable[Finding]) -> dict[Key, Finding]:
    listed = list(findings)
    keyed = {(f.rule, f.cells): f for f in listed}
    assert len(keyed) == len(listed)
    return keyed


def number(dataset: Dataset, cell: str) -> Decimal:
    value = dataset.number(cell)
    assert value is not None, cell
    return value


def perturb(dataset: Dataset, cell: str, value: Decimal, expected: dict[Key, str]) -> dict[Key, Finding]:
    """Set one cell: exactly `expected` (key → severity) appears and nothing disappears; the
    edit's delta says so; undo restores the sample's findings exactly."""
    baseline = dataset.findings()
    before = keyed(dataset)
    result = dataset.set(cell, format(value, "f"))
    after = keyed(dataset)
    new = {key: after[key] for key in after.keys() - before.keys()}
    assert {key: f.severity for key, f in new.items()} == expected, [f.message for f in new.values()]
    assert before.keys() <= after.keys()
    assert by_key(result.findings.added) == {k: f for k, f in after.items() if before.get(k) != f}
    assert by_key(result.findings.removed) == {k: f for k, f in before.items() if after.get(k) != f}
    assert_matches_full_pass(dataset)
    dataset.undo()
    assert dataset.findings() == baseline
    return new


def test_sample_has_exactly_the_documented_findings(sample: Dataset) -> None:
    found = keyed(sample)
    assert count_by_severity(found.values()) == {"error": 0, "warning": 0, "info": len(EXPECTED_INFO)}
    assert found.keys() == EXPECTED_INFO.keys()
    for key, texts in EXPECTED_INFO.items():
        for text in texts:
            assert text in found[key].message, (text, found[key].message)
    assert_matches_full_pass(sample)


def test_reopened_sample_has_the_same_findings(sample: Dataset) -> None:
    findings, path = sample.findings(), sample.path
    sample.close()
    with Dataset.open(path) as again:
        assert again.findings() == findings


def test_g06_row_breaks_basic_vs_g06(sample: Dataset) -> None:
    # 30101 is 人员经费: G06 合计 rises by 1; nothing else reads 30101.
    basic, g06 = number(sample, "G05.total.basic"), number(sample, "G06.total.amount")
    new = perturb(
        sample,
        "G06.30101.amount",
        number(sample, "G06.30101.amount") + 1,
        {("G05.basic_vs_G06", ("G05.total.basic", "G06.total.amount")): "error"},
    )
    (finding,) = new.values()
    for text in (f"{basic:.2f}", f"{g06 + 1:.2f}", "差 -1.00 万元"):
        assert text in finding.message


def test_g02_fiscal_income_breaks_fiscal_income(sample: Dataset) -> None:
    # G01 takes 财政拨款收入 from G04, so only the G02 ↔ G04 identity sees it.
    cells = ("G02.total.fiscal", "G04.inc_gpb.amount", "G04.inc_gf.amount", "G04.inc_soc.amount")
    new = perturb(
        sample,
        "G02.2010601.fiscal",
        number(sample, "G02.2010601.fiscal") + Decimal("0.01"),
        {("G02.fiscal_income", cells): "error"},
    )
    assert "差 0.01 万元" in next(iter(new.values())).message


def test_g08_carry_in_breaks_both_fund_carry_identities(sample: Dataset) -> None:
    # G08 年初 +1 also raises its 年末 (carry_in + income − total); G04 keeps both, so the
    # carry-in and the carry-out identities fail. G04's own figures (and so yoy.fiscal and
    # carry.G04_gf) are unchanged; G01 and the G03 ≥ fiscal rules do not read G08 carry cells.
    new = perturb(
        sample,
        "G08.2120802.carry_in",
        number(sample, "G08.2120802.carry_in") + 1,
        {
            ("G04.gf_carry_in", ("G04.carry_in_gf.amount", "G08.total.carry_in")): "error",
            ("G04.gf_carry_out", ("G04.carry_out_gf.amount", "G08.total.carry_out")): "error",
        },
    )
    assert all("差 -1.00 万元" in f.message for f in new.values())


def test_procurement_sme_above_total(sample: Dataset) -> None:
    total = number(sample, "X01.proc_total.value")
    new = perturb(
        sample,
        "X01.proc_sme.value",
        total + Decimal("0.01"),
        {("X01.proc_sme", ("X01.proc_sme.value", "X01.proc_total.value")): "error"},
    )
    assert f"{total:.2f}" in next(iter(new.values())).message


def test_g07_reception_above_its_budget(sample: Dataset) -> None:
    # 三公 预算 = 决算 in the sample: +1 on 接待 puts both the part and the 合计 above budget;
    # their reasons (…reception.budget, three_public) are not in the sample's texts: warnings.
    # The year-over-year finding stays (2.91 vs 3.31 is still beyond 10%, explained).
    assert not sample.text("reason.three_public") and not sample.text("reason.three_public.reception.budget")
    new = perturb(
        sample,
        "G07.actual.reception",
        number(sample, "G07.actual.reception") + 1,
        {
            ("budget.three_public.reception", ("G07.actual.reception", "G07.budget.reception")): "warning",
            ("budget.three_public", ("G07.actual.total", "G07.budget.total")): "warning",
        },
    )
    assert all("高于" in f.message for f in new.values())


def test_g03_basic_below_fiscal_basic(sample: Dataset) -> None:
    """Take G03 基本支出 of 2010601 to 0.01 below its 财政拨款 part: the 项 fails, and each
    row above it whose own margin (G03 − 05 − 08 − 09) is smaller than the cut fails too."""
    rows = ("2010601", "20106", "201", "total")

    def margin(row: str) -> Decimal:
        fiscal = sum(
            (sample.number(f"{f}.{row}.basic") or Decimal(0) for f in ("G05", "G08", "G09")), Decimal(0)
        )
        return number(sample, f"G03.{row}.basic") - fiscal

    cut = margin("2010601") + Decimal("0.01")
    failing = [row for row in rows if margin(row) < cut]
    assert failing[0] == "2010601"
    expected = {
        ("G03.basic_covers_fiscal", tuple(f"{f}.{row}.basic" for f in ("G03", "G05", "G08", "G09"))): "error"
        for row in failing
    }
    perturb(sample, "G03.2010601.basic", number(sample, "G03.2010601.basic") - cut, expected)


def test_g03_basic_equal_to_fiscal_basic_is_fine(sample: Dataset) -> None:
    fiscal = number(sample, "G05.2010601.basic")
    perturb(sample, "G03.2010601.basic", fiscal, {})


def test_clearing_an_explanation_turns_its_info_into_a_warning(sample: Dataset) -> None:
    baseline = sample.findings()
    result = sample.set_text("reason.total_change", "")
    assert [(f.rule, f.severity) for f in result.findings.added] == [("yoy.total", "warning")]
    assert [(f.rule, f.severity) for f in result.findings.removed] == [("yoy.total", "info")]
    sample.undo()
    assert sample.findings() == baseline
