from decimal import Decimal, InvalidOperation

import pytest

from desktop.money import AmountError, format_amount, format_exact, parse_amount, parse_count, percent_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", "1234.50"),
        ("１２３４.５", "1234.5"),
        (" 1234.5 ", "1234.5"),
        ("1 234.5", "1234.5"),
        ("-12.30", "-12.30"),
        ("306.19万元", "306.19"),
        ("5000元", "0.5000"),
        ("12千元", "1.2"),
        ("0", "0"),
        (".5", "0.5"),
    ],
)
def test_lenient_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1.2.3", "12,34.5", "1e5", "--1", "", "一百"])
def test_refused_amounts_say_why_in_chinese(text: str) -> None:
    with pytest.raises(AmountError, match="不是有效的数字"):
        parse_amount(text)


def test_dash_and_blank_are_zero_only_when_asked() -> None:
    assert parse_amount("—", blank_as_zero=True) == 0
    assert parse_amount("  ", blank_as_zero=True) == 0
    with pytest.raises(AmountError):
        parse_amount("-")


def test_counts_are_whole_and_not_negative() -> None:
    assert parse_count("７") == 7
    for bad in ("1.5", "-1"):
        with pytest.raises(AmountError, match="整数"):
            parse_count(bad)


def test_an_amount_formatted_again_prints_as_the_first_time() -> None:
    """Equal amounts share a remembered text unless they print differently (-0 and 0)."""
    cases = [
        ("0", "0.00"), ("-0", "-0.00"), ("-0.000", "-0.00"), ("0.0", "0.00"), ("-0.001", "-0.00"),
        ("1E+3", "1,000.00"), ("1000.000", "1,000.00"), ("-0.005", "-0.01"), ("0.005", "0.01"),
    ]  # fmt: skip
    for _ in range(2):
        for text, expected in cases:
            assert format_amount(Decimal(text), grouping=True) == expected
    assert format_amount(Decimal("1E+3")) == "1000.00"
    assert format_amount(Decimal("1234.5678"), 3) == "1234.568"
    assert format_amount(Decimal("NaN")) == "NaN"
    with pytest.raises(InvalidOperation):
        format_amount(Decimal("sNaN"))


def test_display_rounds_half_up() -> None:
    assert format_amount(Decimal("0.125")) == "0.13"
    assert format_amount(Decimal("1234.5"), grouping=True) == "1,234.50"
    assert format_amount(None) == ""
    assert format_exact(Decimal("1.5")) == "1.50"
    assert format_exact(Decimal("1.505")) == "1.505"
    assert percent_text(Decimal("-0.181105")) == "-18.11%"
