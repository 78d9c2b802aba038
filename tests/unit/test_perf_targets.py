"""Numeric targets in 年度指标值 / 实际完成值 texts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.rules.targets import (
    EQ,
    GE,
    LE,
    NEGATIVE,
    POSITIVE,
    Target,
    compare,
    direction,
    parse_quantities,
    parse_target,
    unearned_full_marks,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("召开培训2期", (EQ, "2", "期")),
        ("≥95%", (GE, "95", "%")),
        (">=95%", (GE, "95", "%")),
        ("不低于９５％", (GE, "95", "%")),
        ("满意度达到90%", (GE, "90", "%")),
        ("满意度90%以上", (GE, "90", "%")),
        ("不高于5万元", (LE, "5", "万元")),
        ("控制在5000元以内", (LE, "5000", "元")),
        ("≤15.22万", (LE, "15.22", "万元")),
        ("48小时内解决突发故障", (LE, "48", "小时")),
        ("1年内", (LE, "1", "年")),
        ("≥3次", (GE, "3", "次")),
        ("0次", (EQ, "0", "次")),
        ("预计完成全区送审项目39个。", (EQ, "39", "个")),
        ("合计培训200人", (EQ, "200", "人")),
        ("接待 120 人次", (EQ, "120", "人次")),
        ("发放资料200份", (EQ, "200", "份")),
        ("覆盖 12 家企业", (EQ, "12", "家")),
        ("完成 5 项", (EQ, "5", "项")),
        ("审减金额4,935万元", (EQ, "4935", "万元")),
        ("3个工作日内", (LE, "3", "工作日")),
        ("3个月内完成", (LE, "3", "个月")),
        ("100", (EQ, "100", "")),
    ],
)
def test_numeric_targets_are_read(text: str, expected: tuple[str, str, str]) -> None:
    comparator, number, unit = expected
    assert parse_target(text) == Target(comparator, Decimal(number), unit)


@pytest.mark.parametrize(
    "text",
    [
        "抽样调查满意度达到基本满意及以上",
        "完成",
        "",
        "2020年全年",
        "2020年9月",
        "2020年度",
        "12月底前完成",
        "9月15日前",
        "召开培训费2期，合计培训200人，发放培训资料200份",  # several quantities: no single target
    ],
)
def test_texts_without_one_numeric_target(text: str) -> None:
    assert parse_target(text) is None


def test_several_quantities_are_all_listed() -> None:
    found = parse_quantities("召开培训费2期，合计培训200人，发放培训资料200份")
    assert [str(t) for t in found] == ["2期", "200人", "200份"]


def test_a_date_is_not_a_quantity_but_a_time_limit_is() -> None:
    assert parse_quantities("2020年12月底前完成，3天内反馈") == (Target(LE, Decimal(3), "天"),)


@pytest.mark.parametrize(
    ("text", "level2", "expected"),
    [
        ("≥95%", "质量指标", POSITIVE),
        ("召开培训2期", "数量指标", POSITIVE),
        ("≤1次", "服务对象满意度指标", NEGATIVE),
        ("25.79万元", "成本指标", NEGATIVE),
        ("48小时内", "时效指标", NEGATIVE),
    ],
)
def test_direction(text: str, level2: str, expected: str) -> None:
    target = parse_target(text)
    assert target is not None
    assert direction(target, level2) == expected


def test_compare_converts_money_units() -> None:
    found = compare("25.79万元", "实际支付245100元", "成本指标")
    assert found is not None
    assert found.actual == Decimal("24.51")
    assert found.met


def test_compare_refuses_units_that_do_not_match() -> None:
    assert compare("召开培训2期", "培训200人") is None
    assert compare("召开培训2期", "完成") is None


@pytest.mark.parametrize(
    ("expected", "actual", "met", "ratio"),
    [
        ("≥3次", "8次", True, "1"),
        ("4次", "1次", False, "0.25"),
        ("≤1次", "0次", True, "1"),
        ("≤10万元", "12.5万元", False, "0.8"),
        ("0次", "0次", True, "1"),
    ],
)
def test_comparison_ratio(expected: str, actual: str, met: bool, ratio: str) -> None:
    found = compare(expected, actual)
    assert found is not None
    assert found.met is met
    assert found.ratio == Decimal(ratio)


def test_a_target_of_four_met_once_scored_full_is_unearned() -> None:
    missed = unearned_full_marks("召开4次", "召开1次", "数量指标", Decimal(10), Decimal(10))
    assert missed is not None
    assert missed.describe() == "年度指标值 4次，实际完成 1次，正向指标，未达到目标"
    assert unearned_full_marks("召开4次", "召开1次", "数量指标", Decimal(10), Decimal("2.5")) is None
    assert unearned_full_marks("召开4次", "召开4次", "数量指标", Decimal(10), Decimal(10)) is None
    assert unearned_full_marks("召开4次", "完成", "数量指标", Decimal(10), Decimal(10)) is None
    assert unearned_full_marks("召开4次", "召开1次", "数量指标", None, Decimal(10)) is None
