"""Each verdict on the small inline dataset: a text that agrees and one that does not."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

import pytest

from tests.unit.reader_support import SAMPLE, only, rules, snapshot, status


def test_amount_agrees_and_disagrees() -> None:
    assert rules("2021年度收、支总计200.00万元。") == []
    assert rules("2021年度收、支总计200万元。") == []
    text = "2021年度收、支总计210.00万元。"
    finding = only(text)
    assert (finding.rule, finding.kind) == ("narrative.amount", "amount")
    assert (finding.stated, finding.expected) == ("210.00", "200.00万元")
    assert text[finding.start : finding.end] == "210.00"
    assert "收、支总计" in finding.message and "210.00" in finding.message and "200.00" in finding.message
    assert finding.cells == ("G01.grand_in.amount",)
    assert dict(finding.scope) == {
        "part": "narrative", "section": "", "unit": "department", "year": "current", "measure": "actual",
        "fund": "all",
    }  # fmt: skip


def test_share_on_the_sentence_total() -> None:
    ok = "2021年本年支出合计100.00万元，其中：基本支出80.00万元，占80%；项目支出20.00万元，占20%。"
    assert rules(ok) == []
    finding = only(ok.replace("占20%", "占25%"))  # the shares adding to 105% need no second finding
    assert (finding.rule, finding.stated, finding.expected) == ("narrative.share", "25", "20.00%")


def test_share_on_the_named_base() -> None:
    assert rules("2021年一般公共预算财政拨款支出90.00万元，占本年支出合计的90%。") == []
    finding = only("2021年一般公共预算财政拨款支出90.00万元，占本年支出合计的88%。")
    assert finding.rule == "narrative.share"
    assert "90.00 ÷ 100.00" in finding.message


def test_yoy_rate_is_on_last_year() -> None:
    assert rules("与2020年相比，收、支总计各增加100.00万元，增长100.00%。") == []
    finding = only("与2020年相比，收、支总计各增加100.00万元，增长50%。")  # 50 % would be ÷ this year
    assert (finding.rule, finding.expected) == ("narrative.yoy_rate", "100.00%")


def test_yoy_amount() -> None:
    finding = only("与2020年相比，收、支总计各增加90.00万元。")
    assert (finding.rule, finding.expected) == ("narrative.amount", "100.00万元")


def test_direction_of_a_change() -> None:
    finding = only("与2020年相比，收、支总计各减少100.00万元。")
    assert (finding.rule, finding.stated, finding.expected) == ("narrative.direction", "100.00", "增加")


def test_direction_of_budget_and_actual() -> None:
    assert rules("一般公共预算财政拨款支出决算数为90.00万元，决算数小于预算数。") == []
    finding = only("一般公共预算财政拨款支出决算数为90.00万元，决算数与预算数持平。")
    assert (finding.rule, finding.stated) == ("narrative.direction", "决算数与预算数持平")


def test_direction_unchanged_on_last_year() -> None:
    assert rules("公务接待费支出决算与2020年持平。") == ["narrative.direction"]
    assert rules("收、支总计与2020年持平。") == ["narrative.direction"]
    assert rules("“三公”经费支出与上年持平。") == []


def test_year_compared_must_be_last_year() -> None:
    assert rules("与2020年相比，收、支总计各增加100.00万元。") == []
    finding = only("与2019年相比，收、支总计各增加100.00万元。")
    assert (finding.rule, finding.stated, finding.expected) == ("narrative.year", "2019", "2020年")
    assert rules("2019年度部门决算") == ["narrative.year"]
    assert rules("截至2020年12月31日，共有车辆2辆。") == ["narrative.year"]


def test_budget_rate() -> None:
    assert rules("2021年一般公共预算财政拨款支出决算数为90.00万元，完成预算90%。") == []
    finding = only("2021年一般公共预算财政拨款支出决算数为90.00万元，完成预算95%。")
    assert (finding.rule, finding.expected) == ("narrative.budget_rate", "90.00%")


@pytest.mark.parametrize(("stated", "reported"), [("0%", False), ("100%", False), ("50%", True)])
def test_budget_rate_of_zero_budget_and_zero_actual(stated: str, reported: bool) -> None:
    text = f"教育支出（类）普通教育（款）学前教育（项）：支出决算为0.00万元，完成预算{stated}。"
    assert rules(text) == (["narrative.budget_rate"] if reported else [])


@pytest.mark.parametrize(
    ("stated", "reported"),
    [("67%", False), ("66.7%", False), ("66.69%", False), ("66%", True), ("66.68%", True), ("70%", True)],
)
def test_rounding_tolerance_is_half_a_unit_of_the_printed_precision(stated: str, reported: bool) -> None:
    # 10.15 ÷ 15.22 = 66.688 %; the project is named loosely ("监督检查业务" for 财政监督检查业务费).
    text = f"监督检查业务项目全年预算数15.22万元，执行数为10.15万元，完成预算的{stated}。"
    assert rules(text) == (["narrative.budget_rate"] if reported else [])


def test_project_budget_and_actual_amounts() -> None:
    assert rules("监督检查业务项目全年预算数15.22万元，执行数为10.15万元。") == []
    finding = only("监督检查业务项目全年预算数15.22万元，执行数为10.51万元。")
    assert (finding.rule, finding.expected) == ("narrative.amount", "10.15万元")


def test_counts() -> None:
    assert rules("国内公务接待3批次，20人次，共计支出2.00万元。") == []
    assert rules("国内公务接待4批次，20人次，共计支出2.00万元。") == ["narrative.count"]
    assert rules("国内公务接待3批次，21人次，共计支出2.00万元。") == ["narrative.count"]
    assert rules("全年安排因公出国（境）团组0个，累计0人次。") == []
    assert rules("单位共有车辆3辆。") == ["narrative.count"]


def test_count_of_projects() -> None:
    assert rules("反映“A”“B”等4个项目绩效目标实际完成情况。") == []
    assert rules("反映“A”“B”等3个项目绩效目标实际完成情况。") == ["narrative.count"]
    assert rules("对3个项目编制了绩效目标，选取3个项目开展绩效监控。") == []
    assert rules("对3个项目编制了绩效目标，选取2个项目开展绩效监控。") == ["narrative.count"]


def test_balance_claimed_for_a_project_spent_in_full() -> None:
    finding = only("\t财政投资评审\n\t实际支出250万元，因票据未到，故存在结余。")
    assert (finding.rule, finding.stated) == ("narrative.balance", "存在结余")
    assert rules("\t财政监督检查业务费\n\t故存在结余。") == []
    assert rules("\t财政投资评审\n\t实际支出250万元，没有结余。") == []


def test_data_conflict_behind_a_correctly_stated_figure() -> None:
    assert rules("2021年，测试局机关运行经费支出8.00万元。") == []
    finding = only("2021年，测试局机关运行经费支出12.00万元。", snapshot(X01__admin_cost__value="12.00"))
    assert (finding.rule, finding.kind) == ("narrative.data", "data")
    assert "12.00" in finding.message and "10.00" in finding.message


def test_unknown_subjects_are_not_reported_but_counted_unchecked() -> None:
    text = "全年完成39个财评项目评审工作，审减金额4,935万元，审减率9.01%。"
    assert rules(text) == []
    assert status(text, "4,935万元") == "unchecked:no_subject"
    assert status(text, "9.01%") == "unchecked:no_rule"
    text = "国内公务接待3批次，具体内容包括：调研工作支出0.41万元。"
    assert rules(text) == [] and status(text, "0.41万元") == "unchecked:no_subject"


def test_part_one_of_a_whole_report_is_not_checked_but_counted() -> None:
    part_one = "第一部分 部门概况\n地方一般公共预算支出实现90,134万元。\n"
    text = part_one + "第二部分 情况说明\n2021年度收、支总计200.00万元。\n"
    assert rules(text) == []
    assert status(text, "90,134万元") == "unchecked:part"
    assert rules(text.replace("200.00", "201.00")) == ["narrative.amount"]


def test_none_stated_where_the_data_have_some() -> None:
    assert rules("2021年本部门无国有资本经营预算财政拨款支出。") == []
    assert rules("本单位没有单价100万元以上专用设备。") == []
    assert rules("2021年本部门无“三公”经费财政拨款支出。") == ["narrative.amount"]


def test_a_rounded_source_is_compared_with_the_total_its_table_printed() -> None:
    # the workbook printed 收支总计 200.01 (its rounded parts add to 200.00): the text follows the table
    printed = MappingProxyType({"G01.grand_in.amount": Decimal("200.01")})
    rounded = replace(SAMPLE, rounded=True, printed=printed)
    assert rules("2021年度收、支总计200.01万元。", rounded) == []
    assert rules("2021年度收、支总计200.00万元。", rounded) == ["narrative.amount"]
    exact = replace(SAMPLE, printed=printed)  # typed exactly: the exact figure is the reference
    assert rules("2021年度收、支总计200.00万元。", exact) == []
