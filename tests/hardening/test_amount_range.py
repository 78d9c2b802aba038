"""Issue 16 §1: one range and precision for every amount (|x| < 10¹⁵ 万元, at most 6
decimals) and a parser that accepts exactly digits (ASCII or full-width), one decimal point,
well-placed thousands separators, a sign and 元/千元/万元."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.money import AmountError, parse_amount, parse_count


@pytest.mark.parametrize(
    "text",
    [
        "1²",  # superscript two: NFKC made it 12
        "①②",  # circled digits
        "١٢",  # Arabic-Indic digits
        "۱۲",  # extended Arabic-Indic
        "१२",  # Devanagari
        "1\x002",  # a control character between digits
        "1\u200b2",  # a zero-width space
        "1\t2",
        "12\n",  # a control character at the end is not a space
        "1_000",  # Python's own digit separator
        "1.2.3",
        "1,23",  # a separator in the wrong place
        "1,2345.6",
        ",123",
        "1e5",
        "Infinity",
        "NaN",
        "0x10",
        "--1",
        "+-1",
        "1 2",
        "１２元元",
        "12美元",
    ],
)
def test_only_digits_points_separators_signs_and_units_are_amounts(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２３４．５", "1234.5"),
        ("－１２", "-12"),
        ("+7", "7"),
        ("1,234,567.891", "1234567.891"),
        ("1，234", "1234"),
        ("\u30001234\u3000", "1234"),
        ("1 234 567", "1234567"),
        ("12 万元", "12"),
        ("0.000001", "0.000001"),
        ("1.50000000", "1.500000"),  # zeros past 6 places are no precision: dropped exactly
        ("999999999999999.999999", "999999999999999.999999"),
        ("-999999999999999.999999", "-999999999999999.999999"),
        ("12.34元", "0.001234"),
    ],
)
def test_accepted_forms(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert value == Decimal(expected) and str(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1" * 27,  # the 27-digit amount
        "1000000000000000",  # exactly 10¹⁵
        "-1000000000000000",
        "1" * 28 + "元",  # silently rounded before
        "1" * 28 + "千元",
        "1" * 30 + ".5万元",
        "0.0000001",  # a 7th decimal
        "0.001元",  # 0.0000001 万元
        "9" * 70,  # longer than any amount
    ],
)
def test_beyond_the_range_is_refused_with_the_range_in_the_message(text: str) -> None:
    with pytest.raises(AmountError, match=r"10¹⁵|太长"):
        parse_amount(text)


def test_unit_suffixes_never_round() -> None:
    assert parse_amount("1234567890123456789元") == Decimal("123456789012345.6789")
    assert parse_amount("9999999999999999.99千元") == Decimal("999999999999999.999")


def test_counts_share_the_range() -> None:
    with pytest.raises(AmountError):
        parse_count("1" * 20)


def test_checked_and_stored_amounts() -> None:
    from desktop.money import MAX_AMOUNT, checked_amount, stored_amount

    assert checked_amount(Decimal("12.30")) == Decimal("12.30")
    for bad in (MAX_AMOUNT, Decimal("NaN"), Decimal("Infinity"), Decimal("1e-9")):
        with pytest.raises(AmountError):
            checked_amount(bad)
    assert stored_amount("306.19") == Decimal("306.19")
    for damaged in ("1" * 27, "NaN", "-Infinity", "1E+15", "١٢", "abc", "1" * 80):
        assert stored_amount(damaged) is None
