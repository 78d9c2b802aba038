"""Cross-table identities and inequalities (FORMS.md rule 2), with the 尾差 tolerance of rounded
data, the explicit tolerance of 机关运行经费, and the carry-over from last year."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.rules_support import Case, fresh, of_rule, put, run_case

FISCAL = {"G02.2010601.fiscal": "100", "G04.inc_gpb.amount": "60", "G04.inc_gf.amount": "30"}
FISCAL_CELLS = ("G02.total.fiscal", "G04.inc_gpb.amount", "G04.inc_gf.amount", "G04.inc_soc.amount")
ROUNDED = {"rounded.current": "1"}
GF_FLOW = {
    "G04.carry_in_gf.amount": "40",
    "G04.inc_gf.amount": "30",
    "G08.2120802.carry_in": "40",
    "G08.2120802.income": "30",
    "G08.2120802.project": "50",
}
BASIC = {"G05.2010101.basic": "50", "G06.30101.amount": "30", "G06.30201.amount": "20"}
FISCAL_BASIC = {"G05.2010601.basic": "10", "G09.2010601.basic": "1"}
PROC = {"X01.proc_goods.value": "6", "X01.proc_services.value": "4", "X01.proc_sme.value": "8"}


def covers(col: str, *rows: str) -> tuple[tuple[str, ...], ...]:
    return tuple((f"G03.{r}.{col}", f"G05.{r}.{col}", f"G08.{r}.{col}", f"G09.{r}.{col}") for r in rows)


def three_public(rule: str, part: str, g06: str) -> list[Case]:
    cells = (f"G07.actual.{part}", f"G06.{g06}.amount")
    return [
        Case(rule, "三公 covers the 基本支出 item", put({cells[0]: "2", cells[1]: "2"})),
        Case(
            rule,
            "基本支出 item above 三公",
            put({cells[0]: "2", cells[1]: "2.50"}),
            (cells,),
            "error",
            ("2.00", "2.50", "差 -0.50"),
        ),
    ]


def carry(rule: str, this: str, last: str, prior_input: str) -> list[Case]:
    prior = {prior_input: "100"}  # with nothing else, last year's carry-out equals it
    cells = (this, f"prior:{last}")
    explained = {"reason.carry_in_adjustment": "上年数据调整"}
    return [
        Case(rule, "chains with last year", put({this: "100"}, prior=prior)),
        Case(rule, "no prior year", put({this: "90"})),
        Case(
            rule,
            "differs",
            put({this: "90"}, prior=prior),
            (cells,),
            "warning",
            ("90.00", "100.00", "差 -10.00"),
        ),
        Case(
            rule,
            "differs, explained",
            put({this: "90"}, prior=prior, texts=explained),
            (cells,),
            "info",
            ("已说明原因",),
        ),
    ]


CASES = [
    # --- G02 财政拨款收入 = G04 本年财政拨款收入, with 尾差 ------------------------------------
    Case("G02.fiscal_income", "agrees", put({**FISCAL, "G04.inc_soc.amount": "10"})),
    Case(
        "G02.fiscal_income",
        "disagrees",
        put({**FISCAL, "G04.inc_soc.amount": "5"}),
        (FISCAL_CELLS,),
        "error",
        ("100.00", "95.00", "差 5.00"),
    ),
    Case(
        "G02.fiscal_income",
        "exact data: 0.01 is an error",
        put({**FISCAL, "G04.inc_soc.amount": "9.99"}),
        (FISCAL_CELLS,),
        "error",
        ("差 0.01",),
    ),
    Case(
        "G02.fiscal_income",
        "rounded: 0.04 over 4 terms is 尾差",
        put({**FISCAL, "G04.inc_soc.amount": "9.96"}, settings=ROUNDED),
        (FISCAL_CELLS,),
        "info",
        ("尾差", "差 0.04"),
    ),
    Case(
        "G02.fiscal_income",
        "rounded: 0.05 over 4 terms is an error",
        put({**FISCAL, "G04.inc_soc.amount": "9.95"}, settings=ROUNDED),
        (FISCAL_CELLS,),
        "error",
        ("差 0.05",),
    ),
    # --- 政府性基金: G04 vs G08 -------------------------------------------------------------------
    Case("G04.gf_income", "agrees", put(GF_FLOW)),
    Case(
        "G04.gf_income",
        "disagrees",
        put({**GF_FLOW, "G08.2120802.income": "31"}),
        (("G04.inc_gf.amount", "G08.total.income"),),
        "error",
        ("30.00", "31.00", "差 -1.00"),
    ),
    Case("G04.gf_carry_in", "agrees", put(GF_FLOW)),
    Case(
        "G04.gf_carry_in",
        "disagrees",
        put({**GF_FLOW, "G08.2120802.carry_in": "45"}),
        (("G04.carry_in_gf.amount", "G08.total.carry_in"),),
        "error",
        ("40.00", "45.00", "差 -5.00"),
    ),
    Case("G04.gf_carry_out", "agrees", put(GF_FLOW)),
    Case(
        "G04.gf_carry_out",
        "G04 carry-in differs, so its carry-out does",
        put({**GF_FLOW, "G04.carry_in_gf.amount": "50"}),
        (("G04.carry_out_gf.amount", "G08.total.carry_out"),),
        "error",
        ("30.00", "20.00", "差 10.00"),
    ),
    # --- G05 基本支出 = G06 合计 -----------------------------------------------------------------
    Case("G05.basic_vs_G06", "agrees", put(BASIC)),
    Case(
        "G05.basic_vs_G06",
        "disagrees",
        put({**BASIC, "G06.30201.amount": "19"}),
        (("G05.total.basic", "G06.total.amount"),),
        "error",
        ("50.00", "49.00", "差 1.00"),
    ),
    Case(
        "G05.basic_vs_G06",
        "rounded: 0.02 over 2 terms is 尾差",
        put({**BASIC, "G06.30201.amount": "20.02"}, settings=ROUNDED),
        (("G05.total.basic", "G06.total.amount"),),
        "info",
        ("尾差", "差 -0.02"),
    ),
    Case(
        "G05.basic_vs_G06",
        "rounded: 0.03 over 2 terms is an error",
        put({**BASIC, "G06.30201.amount": "20.03"}, settings=ROUNDED),
        (("G05.total.basic", "G06.total.amount"),),
        "error",
    ),
    # --- G03 (all funds) ≥ 财政拨款 05+08+09, on every row -------------------------------------
    Case("G03.basic_covers_fiscal", "covers", put({**FISCAL_BASIC, "G03.2010601.basic": "12"})),
    Case(
        "G03.basic_covers_fiscal",
        "short on the 项, so on its 款, 类 and 合计",
        put({**FISCAL_BASIC, "G03.2010601.basic": "8"}),
        covers("basic", "2010601", "20106", "201", "total"),
        "error",
        ("8.00", "11.00", "差 -3.00"),
    ),
    Case(
        "G03.basic_covers_fiscal",
        "a fiscal 项 missing from G03 (the 款 is still covered)",
        put({**FISCAL_BASIC, "G03.2010601.basic": "20", "G05.2010602.basic": "5"}),
        covers("basic", "2010602"),
        "error",
        ("0.00", "5.00"),
    ),
    Case(
        "G03.project_covers_fiscal",
        "covers",
        put({"G08.2120802.project": "30", "G03.2120802.project": "30"}),
    ),
    Case(
        "G03.project_covers_fiscal",
        "short",
        put({"G08.2120802.project": "30", "G03.2120802.project": "29"}),
        covers("project", "2120802", "21208", "212", "total"),
        "error",
        ("29.00", "30.00", "差 -1.00"),
    ),
    # --- G01 carry-in/out ≥ the 财政拨款 part -------------------------------------------------
    Case(
        "G01.carry_in_covers_fiscal",
        "covers",
        put({"G01.carry_in.amount": "100", "G04.carry_in_gpb.amount": "60", "G04.carry_in_gf.amount": "40"}),
    ),
    Case(
        "G01.carry_in_covers_fiscal",
        "short",
        put(
            {
                "G01.carry_in.amount": "100",
                "G04.carry_in_gpb.amount": "60",
                "G04.carry_in_gf.amount": "40",
                "G04.carry_in_soc.amount": "1",
            }
        ),
        (("G01.carry_in.amount", "G04.carry_in.amount"),),
        "error",
        ("100.00", "101.00", "差 -1.00"),
    ),
    Case(
        "G01.carry_out_covers_fiscal",
        "covers",
        put({"G01.carry_in.amount": "100", "G04.carry_in_gpb.amount": "100"}),
    ),
    Case(
        "G01.carry_out_covers_fiscal",
        "结余分配 takes it below the 财政拨款 carry-out",
        put(
            {"G01.carry_in.amount": "100", "G04.carry_in_gpb.amount": "100", "G01.distribution.amount": "10"}
        ),
        (("G01.carry_out.amount", "G04.carry_out.amount"),),
        "error",
        ("90.00", "100.00", "差 -10.00"),
    ),
    # --- 三公 ≥ the matching G06 款 -----------------------------------------------------------
    *three_public("G07.reception_vs_G06", "reception", "30217"),
    *three_public("G07.vehicle_operation_vs_G06", "vehicle_operation", "30231"),
    *three_public("G07.abroad_vs_G06", "abroad", "30212"),
    *three_public("G07.vehicle_purchase_vs_G06", "vehicle_purchase", "31013"),
    # --- 机关运行经费 ≤ 公用经费, explicit tolerance 0.01 even for exact data -----------------
    Case("X01.admin_cost_vs_public", "equal", put({"G06.30201.amount": "50", "X01.admin_cost.value": "50"})),
    Case("X01.admin_cost_vs_public", "below", put({"G06.30201.amount": "50", "X01.admin_cost.value": "40"})),
    Case(
        "X01.admin_cost_vs_public",
        "0.01 above: 尾差",
        put({"G06.30201.amount": "50", "X01.admin_cost.value": "50.01"}),
        (("X01.admin_cost.value", "G06.public_total.amount"),),
        "info",
        ("50.01", "50.00", "差 0.01", "尾差"),
    ),
    Case(
        "X01.admin_cost_vs_public",
        "0.02 above",
        put({"G06.30201.amount": "50", "X01.admin_cost.value": "50.02"}),
        (("X01.admin_cost.value", "G06.public_total.amount"),),
        "warning",
        ("50.02", "50.00", "差 0.02"),
    ),
    # --- 政府采购 parts -----------------------------------------------------------------------
    Case("X01.proc_sme", "within", put(PROC)),
    Case(
        "X01.proc_sme",
        "above the total",
        put({**PROC, "X01.proc_sme.value": "12"}),
        (("X01.proc_sme.value", "X01.proc_total.value"),),
        "error",
        ("12.00", "10.00", "差 2.00"),
    ),
    Case("X01.proc_small_micro", "within", put({**PROC, "X01.proc_small_micro.value": "8"})),
    Case(
        "X01.proc_small_micro",
        "above 中小企业",
        put({**PROC, "X01.proc_small_micro.value": "9"}),
        (("X01.proc_small_micro.value", "X01.proc_sme.value"),),
        "error",
        ("9.00", "8.00", "差 1.00"),
    ),
    # --- vehicles bought ⇔ 购置费 ---------------------------------------------------------------
    Case(
        "X01.vehicles_bought",
        "both",
        put({"X01.vehicles_bought.value": "1", "G07.actual.vehicle_purchase": "20"}),
    ),
    Case("X01.vehicles_bought", "neither", put({"X01.vehicles_bought.value": "0"})),
    Case(
        "X01.vehicles_bought",
        "vehicles without 购置费",
        put({"X01.vehicles_bought.value": "1"}),
        (("X01.vehicles_bought.value", "G07.actual.vehicle_purchase"),),
        "error",
        ("1 辆", "0.00 万元"),
    ),
    Case(
        "X01.vehicles_bought",
        "购置费 without vehicles",
        put({"G07.actual.vehicle_purchase": "20"}),
        (("X01.vehicles_bought.value", "G07.actual.vehicle_purchase"),),
        "error",
        ("0 辆", "20.00 万元"),
    ),
    # --- carry-over from last year -----------------------------------------------------------------
    *carry("carry.G01", "G01.carry_in.amount", "G01.carry_out.amount", "G01.carry_in.amount"),
    *carry("carry.G04_gpb", "G04.carry_in_gpb.amount", "G04.carry_out_gpb.amount", "G04.carry_in_gpb.amount"),
    *carry("carry.G04_gf", "G04.carry_in_gf.amount", "G04.carry_out_gf.amount", "G04.carry_in_gf.amount"),
    *carry("carry.G04_soc", "G04.carry_in_soc.amount", "G04.carry_out_soc.amount", "G04.carry_in_soc.amount"),
    Case(
        "carry.G01",
        "both years rounded: 0.02 over 2 terms is 尾差",
        put(
            {"G01.carry_in.amount": "100.02"},
            prior={"G01.carry_in.amount": "100"},
            settings={"rounded.current": "1", "rounded.prior": "1"},
        ),
        (("G01.carry_in.amount", "prior:G01.carry_out.amount"),),
        "info",
        ("尾差",),
    ),
    Case(
        "carry.G01",
        "this year rounded: 0.02 over 1 rounded term is a warning",
        put(
            {"G01.carry_in.amount": "100.02"},
            prior={"G01.carry_in.amount": "100"},
            settings={"rounded.current": "1"},
        ),
        (("G01.carry_in.amount", "prior:G01.carry_out.amount"),),
        "warning",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_carry_reason_turns_warning_into_info_and_back(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        put({"G01.carry_in.amount": "90"}, prior={"G01.carry_in.amount": "100"})(dataset)
        assert [f.severity for f in of_rule(dataset, "carry.G01")] == ["warning"]
        result = dataset.set_text("reason.carry_in_adjustment", "会计差错更正")
        assert [f.severity for f in result.findings.added] == ["info"]
        assert [f.severity for f in result.findings.removed] == ["warning"]
        dataset.undo()
        assert [f.severity for f in of_rule(dataset, "carry.G01")] == ["warning"]


def test_a_prior_edit_rechecks_carry_over(tmp_path: Path) -> None:
    with fresh(tmp_path) as dataset:
        put({"G04.carry_in_gf.amount": "40"}, prior={"G04.carry_in_gf.amount": "40"})(dataset)
        assert of_rule(dataset, "carry.G04_gf") == []
        result = dataset.set("G04.inc_gf.amount", "5", year="prior")
        added = [f for f in result.findings.added if f.rule == "carry.G04_gf"]
        assert [f.cells for f in added] == [("G04.carry_in_gf.amount", "prior:G04.carry_out_gf.amount")]
        assert "45.00" in added[0].message
        assert of_rule(dataset, "carry.G04_gf") == added
