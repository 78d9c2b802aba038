"""The claim grammar and its scope, capability by capability, each in several phrasings: per-unit
paragraphs, last-year sentences, 年初预算 and other measures, totals with their parts, zero totals,
分别, share bases, changes, subjects that do not carry, and the Shanghai edition's wording."""

from __future__ import annotations

import pytest

from tests.unit.reader_support import only, reading, rules, status

# -- per-unit paragraphs: the data hold the department, so a unit's figure is not checked -----------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("本级本年支出合计60.00万元。", "60.00万元"),
        ("机关本级：本年支出合计60.00万元。", "60.00万元"),
        ("本年支出合计100.00万元，其中：本级60.00万元，所属单位30.00万元。", "30.00万元"),
        ("所属单位本年支出合计40.00万元。", "40.00万元"),
        ("测试市测试区监督中心本年支出合计30.00万元。", "30.00万元"),
        ("监督中心：\n本年支出合计30.00万元，基本支出20.00万元。", "20.00万元"),
        ("（二）服务中心情况\n本年支出合计10.00万元。", "10.00万元"),
        ("二级单位收入合计9.00万元。", "9.00万元"),
    ],
)
def test_a_units_figure_is_unchecked(text: str, figure: str) -> None:
    assert rules(text) == []
    assert status(text, figure) == "unchecked:unit_scope"


def test_the_unit_scope_ends_at_the_next_heading_and_the_department_is_checked() -> None:
    text = (
        "（一）监督中心\n本年支出合计30.00万元。\n（二）部门合计\n本年支出合计100.00万元。\n"
        "本部门收支总计200.00万元。"
    )
    assert status(text, "30.00万元") == "unchecked:unit_scope"
    assert status(text, "100.00万元") == status(text, "200.00万元") == "checked"
    assert rules(text.replace("100.00万元", "101.00万元")) == ["narrative.amount"]


# -- years ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2020年收支总计100.00万元。",
        "上年收支总计100.00万元。",
        "2020年度，本部门收支总计100.00万元。",
        "2020年收支总计100.00万元，2021年收支总计200.00万元。",
    ],
)
def test_a_last_year_sentence_is_compared_with_last_years_figures(text: str) -> None:
    assert rules(text) == []
    assert rules(text.replace("100.00", "200.00", 1)) == ["narrative.amount"]


def test_another_year_is_unchecked_and_a_comparison_year_is_not_a_scope() -> None:
    assert status("2018年收支总计100.00万元。", "100.00万元") == "unchecked:year_scope"
    text = "与2020年相比，2021年收支总计200.00万元，比上年增加100.00万元。"
    assert rules(text) == [] and status(text, "200.00万元") == "checked"


# -- measures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("一般公共预算财政拨款支出年初预算为80.00万元，支出决算为90.00万元。", "80.00万元"),
        ("一般公共预算财政拨款支出年初预算为80.00万元，完成年初预算的112.50%。", "112.50%"),
        ("一般公共预算财政拨款支出年初预算为80.00万元，支出决算为90.00万元，完成预算的112.50%。", "112.50%"),
        ("“三公”经费年初预算数5.00万元。", "5.00万元"),
        ("财政监督检查业务费项目申报资金20.00万元。", "20.00万元"),
        ("财政监督检查业务费项目资金到位15.00万元。", "15.00万元"),
        ("财政投资评审项目预计支出300万元。", "300万元"),
    ],
)
def test_a_measure_the_data_do_not_hold_is_unchecked(text: str, figure: str) -> None:
    assert rules(text) == []
    assert status(text, figure) == "unchecked:measure"


def test_the_adjusted_budget_is_checked() -> None:
    for text in (
        "一般公共预算财政拨款支出全年预算数100.00万元。",
        "一般公共预算财政拨款支出调整预算为100.00万元。",
    ):
        assert rules(text) == [] and status(text, "100.00万元") == "checked"
        assert rules(text.replace("100.00", "90.00")) == ["narrative.amount"]


def test_budget_gap_after_an_initial_budget_is_not_checked_against_the_adjusted_one() -> None:
    text = (
        "行政运行（项）。年初预算为40.00万元，支出决算为55.00万元。\n决算数大于预算数的主要原因：人员增加。"
    )
    assert rules(text) == []


def test_a_project_amount_without_its_measure_is_unchecked() -> None:
    text = "其中：财政投资评审经费250.00万元。"
    assert status(text, "250.00万元") == "unchecked:no_measure"


# -- totals with parts, and the share's base --------------------------------------------------------


def test_parts_take_the_fund_of_their_total() -> None:
    gpb = "一般公共预算财政拨款支出90.00万元，其中：基本支出70.00万元，项目支出20.00万元。"
    assert rules(gpb) == []
    assert rules(gpb.replace("70.00", "80.00")) == ["narrative.amount"]
    everything = "本年支出合计100.00万元，其中：基本支出80.00万元，项目支出20.00万元。"
    assert rules(everything) == []
    fiscal = "财政拨款支出90.00万元。其中：基本支出70.00万元，项目支出20.00万元。"
    assert rules(fiscal) == []


@pytest.mark.parametrize(
    "text",
    [
        "本年支出合计100.00万元，其中：基本支出80.00万元，占80%；项目支出20.00万元，占20%。",
        "本年支出合计100.00万元，主要用于：基本支出80.00万元，占80%；项目支出20.00万元，占20%。",
        "本年支出合计100.00万元，包括基本支出80.00万元，占80%，项目支出20.00万元，占20%。",
        "本年支出合计100.00万元。其中：基本支出80.00万元，占80%；项目支出20.00万元，占20%。",
        "本年支出合计100.00万元，其中：\n基本支出80.00万元，占80%；\n项目支出20.00万元，占20%。",
    ],
)
def test_a_share_is_of_the_total_its_enumeration_names(text: str) -> None:
    assert rules(text) == []
    assert rules(text.replace("占20%", "占18%")) == ["narrative.share"]


def test_a_share_of_a_base_the_data_do_not_name_is_unchecked() -> None:
    text = "财政拨款支出90.00万元，其中：基本支出70.00万元，占全年预算数的58%。"
    assert rules(text) == [] and status(text, "58%") == "unchecked:no_base"
    assert status("基本支出80.00万元，占80%。", "80%") == "unchecked:no_base"  # no total stated


def test_a_share_of_a_subject_total_without_a_figure() -> None:
    text = (
        "“三公”经费财政拨款支出决算中，因公出国（境）费0.00万元，占0%；"
        "公务用车购置及运行维护费1.00万元，占33%。"
    )
    assert rules(text) == []
    assert rules(text.replace("占33%", "占50%")) == ["narrative.share"]


# -- zero totals ---------------------------------------------------------------------------------


def test_zero_printed_coarsely_must_be_zero() -> None:
    assert rules("外事接待支出0万元。") == []
    assert rules("政府采购支出总额0万元。") == ["narrative.amount"]
    assert rules("公务接待费支出0万元。", None) == ["narrative.amount"]
    assert only("公务用车购置及运行维护费支出0万元。").expected == "1.00万元"


# -- 分别, and subjects that do not carry ----------------------------------------------------------


def test_respectively() -> None:
    assert rules("基本支出和项目支出分别为80.00万元和20.00万元。") == []
    assert rules("基本支出、项目支出分别为20.00万元、80.00万元。") == ["narrative.amount", "narrative.amount"]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("收支总计200.00万元，其中项目工作经费120.00万元。", "120.00万元"),
        ("机关运行经费8.00万元，其中包含会议培训等3.00万元。", "3.00万元"),
        ("政府性基金预算财政拨款收入0.00万元，支出0.00万元。", "0.00万元。"),
    ],
)
def test_a_subject_does_not_carry_over_a_clause_that_names_something_else(text: str, figure: str) -> None:
    assert rules(text) == []
    start = text.index(figure)
    found = next(f for f in reading(text).figures if f.start >= start and f.kind == "amount")
    assert found.status == "checked" or found.reason in ("no_subject", "no_rule")


def test_a_heading_resets_the_project_it_speaks_of() -> None:
    text = "（1）财政投资评审项目全年预算数250万元。\n（2）本项目全年预算数15.22万元。"
    assert rules(text) == []
    assert status(text, "15.22万元") == "unchecked:no_subject"


# -- changes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "机关运行经费比2020年减少2.00万元，下降20%。",
        "机关运行经费较上年减少2.00万元，降低20.00%。",
        "机关运行经费同比减少2.00万元，下降20.0%。",
        "机关运行经费支出决算比上年减少了2.00万元，下降了20%。",
    ],
)
def test_a_change_in_several_phrasings(text: str) -> None:
    assert rules(text) == []
    assert rules(text.replace("减少", "增加", 1)) == ["narrative.direction"]
    assert rules(text.replace("2.00", "3.00")) == ["narrative.amount"]


# -- the Shanghai edition's wording ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "测试局2021年度收入支出总计200.00万元。与2020年度相比，收入支出总计增加100.00万元，增长100.00%。",
        "测试局2021年度财政拨款收入支出总计180.00万元。与2020年度相比，财政拨款收入支出总计减少20.00万元，"
        "下降10.00%。",
        "本年收入合计150.00万元，其中：财政拨款收入120.00万元，占80.00%；其他收入30.00万元，占20.00%。",
        "一般公共预算财政拨款支出90.00万元，主要用于以下方面：一般公共服务支出（类）60.00万元，占66.67%；"
        "社会保障和就业支出（类）30.00万元，占33.33%。",
        "2021年，测试局所属各预算单位开支财政拨款的公务用车保有量为2辆。",
        "测试局2021年度政府采购金额（以合同签订为准）为10.00万元，其中：货物采购金额6.00万元、"
        "工程采购金额0.00万元、服务采购金额4.00万元。",
        "国内公务接待支出2.00万元（含外宾接待支出0.00万元）。",
        "测试局2021年度无国有资本经营预算财政拨款收入和支出。",
    ],
)
def test_the_shanghai_wording(text: str) -> None:
    assert rules(text) == []
    result = reading(text)
    assert result.summary.unchecked == 0, [(f.text, f.reason) for f in result.unchecked]
