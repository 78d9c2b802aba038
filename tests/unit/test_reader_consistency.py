"""The consistency layer needs no data: on a dataset without figures, the text is still checked
against itself — parts against their total, shares adding up, one value per subject and scope, a
count against its list, units adding to the department."""

from __future__ import annotations

from desktop.models.snapshot import Snapshot
from desktop.narrative.check import Reading
from tests.unit.reader_support import UNITS, reading

EMPTY = Snapshot.from_interchange({"department": {"name": "测试局", "year": 2021}, "units": UNITS})


def read(text: str) -> Reading:
    return reading(text, EMPTY)


def messages(text: str) -> list[str]:
    found = read(text).findings
    assert all(f.kind == "consistency" for f in found), found
    return [f.message for f in found]


def checked(text: str) -> list[str]:
    return [f.text for f in read(text).figures if f.status == "checked"]


def test_without_data_nothing_is_checked_against_data() -> None:
    result = read("2021年度收、支总计200.00万元。")
    assert result.findings == () and result.summary.unchecked == 1
    assert result.unchecked[0].reason == "no_cell"


def test_parts_more_than_their_total() -> None:
    text = (
        "政府采购支出总额0万元，其中：政府采购货物支出13.36万元、政府采购工程支出0万元、"
        "政府采购服务支出0万元。"
    )
    assert messages(text) == ["所列各项之和13.36万元大于合计0万元"]
    assert read(text).summary.inconsistent == 4


def test_parts_equal_to_their_total_are_checked() -> None:
    text = "本年支出合计100.00万元，其中：基本支出80.00万元，项目支出20.00万元。"
    assert messages(text) == [] and checked(text) == ["100.00万元", "80.00万元", "20.00万元"]
    less = "国内公务接待支出1.91万元，具体内容包括：调研支出0.41万元，会议支出0.30万元。"
    assert messages(less) == [] and checked(less) == []  # a list may name only some parts


def test_parts_within_their_printed_precision() -> None:
    text = (
        "一般公共预算财政拨款支出332.77万元，主要用于：一般公共服务（类）281.99万元，"
        "社会保障和就业（类）16万元，卫生健康（类）13.93万元，住房保障（类）20.86万元。"
    )
    assert messages(text) == []  # 332.78 against 332.77: "16" may be 15.5 to 16.5


def test_shares_adding_up() -> None:
    ok = "本年收入合计100.00万元，其中：财政拨款收入60.00万元，占60%；其他收入40.00万元，占40%。"
    assert messages(ok) == [] and "60%" in checked(ok)
    assert messages(ok.replace("占40%", "占45%")) == ["所列各项占比之和为105%，应为100%"]
    assert messages(ok.replace("占40%", "占38%")) == ["所列各项占比之和为98%，应为100%"]
    other_base = (
        "支出总计98.00万元，占全年预算数的98%。其中：基本支出58.00万元，占全年预算数的58%；"
        "项目支出40.00万元，占全年预算数的40%。"
    )
    assert messages(other_base) == []  # shares of another base need not make 100%


def test_one_value_per_subject_and_scope() -> None:
    text = "2021年收支总计200.00万元。……2021年度收、支总计210.00万元。"
    assert messages(text) == ["同一数字前后不一：前文为200.00万元，此处为210.00万元"]
    assert messages("收支总计200.00万元。财政拨款收支总计180.00万元。上年收支总计100.00万元。") == []
    assert messages("收支总计200.00万元。收支总计200万元。") == []


def test_a_count_against_the_items_it_lists() -> None:
    assert messages("对3个项目（甲、乙、丙）开展了绩效监控。") == []
    assert checked("对3个项目（甲、乙、丙）开展了绩效监控。") == ["3个"]
    assert messages("对3个项目（甲、乙）开展了绩效监控。") == ["文中为3个，但列出了2个：甲、乙"]
    assert messages("反映“甲”、“乙”2个项目绩效目标完成情况。") == []
    assert messages("反映“甲”、“乙”3个项目绩效目标完成情况。") == ["文中为3个，但列出了2个：甲、乙"]
    assert messages("反映“甲”、“乙”等3个项目绩效目标完成情况。") == []


def test_units_adding_to_the_department() -> None:
    text = (
        "本年支出合计100.00万元。机关本级本年支出合计60.00万元，监督中心本年支出合计30.00万元，"
        "服务中心本年支出合计10.00万元。"
    )
    assert messages(text) == [] and len(checked(text)) == 4
    assert messages(text.replace("10.00", "9.00")) == ["各单位之和99.00万元与部门合计100.00万元不符"]
