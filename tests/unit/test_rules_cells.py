"""Cell-by-cell rules (FORMS.md rules 1 and 3): computed-cell conflicts of imported files,
nonnegative amounts and carry-outs, whole counts, and codes outside the year's lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.forms.codes import economic_codes, functional_codes
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.money import AmountError
from tests.unit.rules_support import Case, Setup, fresh, of_rule, put, raw, run_case, steps


def document(cells: dict[str, str]) -> dict[str, Any]:
    return {
        "format": "juesuan-dataset",
        "version": 1,
        "department": {"name": "测试部门", "year": 2020},
        "cells": cells,
    }


def imported(cells: dict[str, str]) -> Setup:
    def setup(dataset: Dataset) -> None:
        import_document(dataset, document(cells))

    return setup


ROW = {"G05.2010601.basic": "10", "G05.2010601.project": "2"}
ROUNDED = put(settings={"rounded.current": "1"})

G08_CARRY_OUTS = (
    ("G08.2120802.carry_out",),
    ("G08.21208.carry_out",),
    ("G08.212.carry_out",),
    ("G08.total.carry_out",),
    ("G04.carry_out_gf.amount",),  # carry_in_gf + inc_gf − exp_total.gf = 0 + 0 − 10
    ("G04.carry_out.amount",),
)
# −5 of 其他收入 on one 项 flows into its row total, the 款/类/合计 rows, G01 income, 总计 and
# (with no spending) the G01 年末结转和结余 and the expense-side 总计.
G02_NEGATIVE = (
    *((f"G02.{row}.{col}",) for row in ("2010601", "20106", "201", "total") for col in ("other", "total")),
    ("G01.inc_other.amount",),
    ("G01.inc_total.amount",),
    ("G01.grand_in.amount",),
    ("G01.carry_out.amount",),
    ("G01.grand_out.amount",),
)

CASES = [
    # --- computed.conflict: an imported file's computed cell vs the formula ----------------
    Case("computed.conflict", "file agrees", imported({**ROW, "G05.2010601.total": "12.00"})),
    Case(
        "computed.conflict",
        "file disagrees",
        imported({**ROW, "G05.2010601.total": "12.50"}),
        (("G05.2010601.total",),),
        "error",
        ("12.50", "12.00", "差 0.50"),
    ),
    Case(
        "computed.conflict",
        "exact data: no 尾差",
        imported({**ROW, "G05.2010601.total": "12.01"}),
        (("G05.2010601.total",),),
        "error",
        ("12.01", "12.00", "差 0.01"),
    ),
    Case(
        "computed.conflict",
        "rounded: within 0.01 × 2 terms",
        steps(ROUNDED, imported({**ROW, "G05.2010601.total": "12.02"})),
        (("G05.2010601.total",),),
        "info",
        ("尾差", "差 0.02"),
    ),
    Case(
        "computed.conflict",
        "rounded: beyond 0.01 × 2 terms",
        steps(ROUNDED, imported({**ROW, "G05.2010601.total": "12.03"})),
        (("G05.2010601.total",),),
        "error",
        ("差 0.03",),
    ),
    # --- sign.nonnegative --------------------------------------------------------------------
    Case("sign.nonnegative", "positive amount", put({"X01.admin_cost.value": "5"})),
    Case(
        "sign.nonnegative",
        "negative fact",
        put({"X01.admin_cost.value": "-1"}),
        (("X01.admin_cost.value",),),
        "error",
        ("-1.00",),
    ),
    Case(
        "sign.nonnegative",
        "fund spends more than it has: negative carry-outs",
        put({"G08.2120802.project": "10"}),
        G08_CARRY_OUTS,
        "error",
        ("-10.00",),
    ),
    Case(
        "sign.nonnegative",
        "fund covered by its income",
        put({"G08.2120802.project": "10", "G08.2120802.income": "10", "G04.inc_gf.amount": "10"}),
    ),
    Case(
        "sign.nonnegative",
        "negative input and every sum above it",
        put({"G02.2010601.other": "-5"}),
        G02_NEGATIVE,
        "error",
        ("-5.00",),
    ),
    # --- amount.precision: finer than the 0.01 万元 the tables print ---------------------------
    Case("amount.precision", "two decimals", put({"G05.2010601.basic": "10.25"})),
    Case(
        "amount.precision",
        "typed in 元, finer than a cent in 万元",
        put({"G05.2010601.basic": "12345.67元"}),
        (("G05.2010601.basic",),),
        "warning",
        ("1.234567 万元", "12,345.67 元", "印为 1.23"),
    ),
    # --- amount.printed_sum: printed parts that miss their printed total (尾差) ------------------
    Case(
        "amount.printed_sum",
        "parts of a cent add up",
        put({"G05.2010601.basic": "0.01", "G05.2010601.project": "0.02"}),
    ),
    Case(
        "amount.printed_sum",
        "0.004 + 0.004 prints 0.00 + 0.00 = 0.01",
        put({"G05.2010601.basic": "0.004", "G05.2010601.project": "0.004"}),
        tuple(
            (f"G05.{r}.total", f"G05.{r}.basic", f"G05.{r}.project")
            for r in ("2010601", "20106", "201", "total")
        ),
        "warning",
        ("尾差", "印为 0.01", "印出之和为 0.00"),
    ),
    # --- stored.invalid ----------------------------------------------------------------------
    Case("stored.invalid", "amounts in range", raw({"X01.admin_cost.value": "999999999999999.999999"})),
    Case(
        "stored.invalid",
        "beyond the range, not a number, too precise",
        raw(
            {
                "X01.admin_cost.value": "1" * 27,
                "X01.vehicles_bought_amount.value": "NaN",
                "X01.vehicles_bought.value": "0.1234567",
            }
        ),
        (("X01.admin_cost.value",), ("X01.vehicles_bought.value",), ("X01.vehicles_bought_amount.value",)),
        "error",
        ("文件中保存的值", "10¹⁵"),
    ),
    # --- count.whole -------------------------------------------------------------------------
    Case("count.whole", "whole count", raw({"X01.vehicles_bought.value": "2"})),
    Case(
        "count.whole",
        "fraction stored",
        raw({"X01.vehicles_bought.value": "1.5"}),
        (("X01.vehicles_bought.value",),),
        "error",
        ("1.5",),
    ),
    Case(
        "count.whole",
        "negative count stored",
        raw({"F00.staff_actual_admin.value": "-3"}),
        (("F00.staff_actual_admin.value",),),
        "error",
        ("-3",),
    ),
    # --- code.known ----------------------------------------------------------------------------
    Case("code.known", "codes in the lists", put({"G05.2010601.basic": "1", "G06.30201.amount": "1"})),
    Case(
        "code.known",
        "项 not in the 2021 list",
        put({"G05.2010698.basic": "1", "G05.2010601.basic": "1"}),
        (("G03.2010698.basic",), ("G05.2010698.basic",)),  # 03表 takes the row too (type once)
        "warning",
        ("2010698", "2021"),
    ),
    Case(
        "code.known",
        "unknown 类 and 款 above the 项",
        put({"G03.2990101.basic": "1"}),
        (("G03.2990101.basic",),),
        "warning",
        ("299, 29901, 2990101",),
    ),
    Case(
        "code.known",
        "经济分类 款 not in the list",
        put({"G06.30298.amount": "1"}),
        (("G06.30298.amount",),),
        "warning",
        ("30298",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_unknown_codes_are_really_unknown() -> None:
    assert "2010698" not in functional_codes(2021) and "20106" in functional_codes(2021)
    assert "2990101" not in functional_codes(2021) and "299" not in functional_codes(2021)
    assert "30298" not in economic_codes(2018) and "302" in economic_codes(2018)


def test_typed_edit_clears_a_conflict_and_undo_brings_it_back(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        import_document(dataset, document({**ROW, "G05.2010601.total": "12.50"}))
        before = of_rule(dataset, "computed.conflict")
        assert [f.cells for f in before] == [("G05.2010601.total",)]
        result = dataset.set("G05.2010601.basic", "10.50")
        assert of_rule(dataset, "computed.conflict") == []
        assert before[0] in result.findings.removed
        dataset.undo()
        assert of_rule(dataset, "computed.conflict") == before


def test_rounded_mark_turns_a_conflict_into_info_and_back(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        import_document(dataset, document({**ROW, "G05.2010601.total": "12.01"}))
        assert [f.severity for f in of_rule(dataset, "computed.conflict")] == ["error"]
        dataset.set_setting("rounded.current", "1")
        assert [f.severity for f in of_rule(dataset, "computed.conflict")] == ["info"]
        dataset.set_setting("rounded.current", None)
        assert [f.severity for f in of_rule(dataset, "computed.conflict")] == ["error"]


def test_typed_fraction_for_a_count_is_refused(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset, pytest.raises(AmountError):
        dataset.set("X01.vehicles_bought.value", "1.5")
