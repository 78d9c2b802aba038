from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.narrative.phrases import (
    YearChange,
    amount,
    amount_direction,
    budget_completion,
    budget_gap_words,
    percent,
    percent_of,
    rate_direction,
    share,
)

D = Decimal


def test_amount_prints_two_decimals_half_up() -> None:
    assert amount(D("28")) == "28.00"
    assert amount(D("0.005")) == "0.01"
    assert amount(None) == "0.00"


@pytest.mark.parametrize(("change", "word"), [(D("1"), "增加"), (D("-0.01"), "减少"), (D("0"), "持平")])
def test_amount_direction(change: Decimal, word: str) -> None:
    assert amount_direction(change) == word


@pytest.mark.parametrize(("change", "word"), [(D("3"), "增长"), (D("-3"), "下降"), (D("0"), "持平")])
def test_rate_direction(change: Decimal, word: str) -> None:
    assert rate_direction(change) == word


def test_percent_is_half_up_at_the_given_decimals() -> None:
    assert percent(D("18.105")) == "18.11%"
    assert percent(D("66.5"), 0) == "67%"
    assert percent(D("-18.11"), 0) == "18%"
    assert percent(D("18.104")) != "18.11%"


def test_zero_of_zero_is_zero_percent_and_other_of_zero_has_none() -> None:
    assert percent_of(D(0), D(0)) == 0
    assert share(D(0), D(0)) == "0.00%"
    assert percent_of(D(5), D(0)) is None
    assert budget_completion(D(5), D(0)) is None
    assert budget_completion(D(0), D(0), 0) == "0%"


def test_share_and_completion() -> None:
    assert share(D("826.02"), D("1199.53")) == "68.86%"
    assert budget_completion(D("10.15"), D("15.22"), 0) == "67%"
    assert budget_completion(D("10.15"), D("15.22"), 0) != "66%"


def test_change_rate_is_on_last_year_never_on_this_year() -> None:
    change = YearChange(D("1349.95"), D("1648.50"))
    assert change.amount == D("-298.55")
    assert change.words() == "减少298.55万元，下降18.11%"
    assert change.words(0) == "减少298.55万元，下降18%"
    assert (
        YearChange(D("2.68"), D("2.23")).words() == "增加0.45万元，增长20.18%"
    )  # ÷ this year would be 16.79 %


def test_change_equal_and_from_zero() -> None:
    assert YearChange(D("5"), D("5")).words() == "持平"
    assert YearChange(D("5"), D("0")).words() == "增加5.00万元"
    assert YearChange(D("5"), D("0")).rate is None


def test_change_beyond_threshold() -> None:
    assert YearChange(D("111"), D("100")).beyond(D("0.10"))
    assert not YearChange(D("110"), D("100")).beyond(D("0.10"))
    assert YearChange(D("1"), D("0")).beyond(D("0.10"))
    assert not YearChange(D("0"), D("0")).beyond(D("0.10"))


def test_budget_gap_words() -> None:
    assert budget_gap_words(D(1), D(2)) == "决算数小于预算数"
    assert budget_gap_words(D(2), D(1)) == "决算数大于预算数"
    assert budget_gap_words(D(2), D(2)) == "决算数与预算数持平"
