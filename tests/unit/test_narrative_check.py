"""Each checker rule on a small inline dataset: a text that agrees and one that does not."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.models.snapshot import Snapshot
from desktop.narrative.check import TextFinding, check_text

CELLS = {
    "G01.grand_in.amount": "200.00", "G01.inc_total.amount": "150.00", "G01.inc_gpb.amount": "120.00",
    "G01.inc_other.amount": "30.00", "G01.exp_total.amount": "100.00", "G03.total.total": "100.00",
    "G03.total.basic": "80.00", "G03.total.project": "20.00", "G05.total.total": "90.00",
    "G05.total.budget": "100.00", "G05.total.basic": "70.00", "G05.total.project": "20.00",
    "G05.2010601.total": "0.00", "G05.2010601.budget": "0.00", "G06.public_total.amount": "10.00",
    "X01.admin_cost.value": "8.00", "G07.actual.reception": "2.00", "G07.budget.reception": "2.00",
    "X01.reception_batches.value": "3", "X01.reception_people.value": "20",
    "X01.foreign_reception_amount.value": "0.00", "X01.foreign_reception_batches.value": "0",
    "X01.foreign_reception_people.value": "0",
}  # fmt: skip
PRIOR = {"G01.grand_in.amount": "100.00", "G05.total.total": "100.00", "G07.actual.reception": "1.00"}
PROJECTS = [
    {"id": "p1", "name": "财政监督检查业务费", "budget": "15.22", "actual": "10.15"},
    {"id": "p2", "name": "财政投资评审", "budget": "250.00", "actual": "250.00"},
]


def snapshot(**cells: str) -> Snapshot:
    doc: dict[str, Any] = {
        "department": {"name": "测试局", "code": "001", "year": 2021},
        "cells": {**CELLS, **{k.replace("__", "."): v for k, v in cells.items()}},
        "prior": PRIOR,
        "projects": PROJECTS,
    }
    return Snapshot.from_interchange(doc)


def rules(text: str, snap: Snapshot | None = None) -> list[str]:
    return [f.rule for f in check_text(snap or snapshot(), text)]


def only(text: str, snap: Snapshot | None = None) -> TextFinding:
    findings = check_text(snap or snapshot(), text)
    assert len(findings) == 1, findings
    return findings[0]


def test_amount_agrees_and_disagrees() -> None:
    assert rules("2021年度收、支总计200.00万元。") == []
    assert rules("2021年度收、支总计200万元。") == []
    text = "2021年度收、支总计210.00万元。"
    finding = only(text)
    assert finding.rule == "narrative.amount"
    assert (finding.stated, finding.expected) == ("210.00", "200.00万元")
    assert text[finding.start : finding.end] == "210.00"
    assert "收支总计" in finding.message and "210.00" in finding.message and "200.00" in finding.message
    assert finding.cells == ("G01.grand_in.amount",)


def test_share_on_the_sentence_total() -> None:
    ok = "2021年本年支出合计100.00万元，其中：基本支出80.00万元，占80%；项目支出20.00万元，占20%。"
    assert rules(ok) == []
    finding = only(ok.replace("占20%", "占25%"))
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


def test_year_compared_must_be_last_year() -> None:
    assert rules("与2020年相比，收、支总计各增加100.00万元。") == []
    finding = only("与2019年相比，收、支总计各增加100.00万元。")
    assert (finding.rule, finding.stated, finding.expected) == ("narrative.year", "2019", "2020年")


def test_year_of_this_years_figure() -> None:
    assert rules("2021年本年收入合计150.00万元。") == []
    assert rules("2020年本年收入合计150.00万元。") == ["narrative.year"]


def test_budget_rate() -> None:
    assert rules("2021年一般公共预算财政拨款支出决算数为90.00万元，完成预算90%。") == []
    finding = only("2021年一般公共预算财政拨款支出决算数为90.00万元，完成预算95%。")
    assert (finding.rule, finding.expected) == ("narrative.budget_rate", "90.00%")


@pytest.mark.parametrize(("stated", "reported"), [("0%", False), ("100%", False), ("50%", True)])
def test_budget_rate_of_zero_budget_and_zero_actual(stated: str, reported: bool) -> None:
    text = f"一般公共服务（类）财政事务（款）行政运行（项）：支出决算为0.00万元，完成预算{stated}。"
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


def test_count_of_projects() -> None:
    assert rules("反映“A”“B”等2个项目绩效目标实际完成情况。") == []
    assert rules("反映“A”“B”等3个项目绩效目标实际完成情况。") == ["narrative.count"]


def test_balance_claimed_for_a_project_spent_in_full() -> None:
    finding = only("\t财政投资评审\n\t实际支出250万元，因票据未到，故存在结余。")
    assert (finding.rule, finding.stated) == ("narrative.balance", "存在结余")
    assert rules("\t财政监督检查业务费\n\t故存在结余。") == []


def test_data_conflict_behind_a_correctly_stated_figure() -> None:
    assert rules("2021年，测试局机关运行经费支出8.00万元。") == []
    finding = only("2021年，测试局机关运行经费支出12.00万元。", snapshot(X01__admin_cost__value="12.00"))
    assert finding.rule == "narrative.data"
    assert "12.00" in finding.message and "10.00" in finding.message


def test_unknown_subjects_are_not_reported() -> None:
    assert rules("全年完成39个财评项目评审工作，审减金额4,935万元，审减率9.01%。") == []
    assert rules("国内公务接待3批次，具体内容包括：调研工作支出0.41万元。") == []
    assert rules("没有单价50万元以上通用设备。") == []


def test_part_one_of_a_whole_report_is_not_checked() -> None:
    part_one = "第一部分 部门概况\n地方一般公共预算支出实现90,134万元。\n"
    text = part_one + "第二部分 情况说明\n2021年度收、支总计200.00万元。\n"
    assert rules(text) == []
    assert rules(text.replace("200.00", "201.00")) == ["narrative.amount"]
