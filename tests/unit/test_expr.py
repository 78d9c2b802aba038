from decimal import Decimal

import pytest

from desktop.forms import expr


def lookup_from(values: dict[str, str]) -> expr.Lookup:
    return lambda cell, prior: Decimal(values.get(("prior:" if prior else "") + cell, "0"))


def test_arithmetic_is_exact_and_refs_resolve() -> None:
    node = expr.resolve(expr.parse("basic + project - 0.1"), "G05", "201")
    assert [r.path for r in expr.refs(node)] == ["G05.201.basic", "G05.201.project"]
    values = {"G05.201.basic": "0.1", "G05.201.project": "0.2"}
    assert expr.evaluate(node, lookup_from(values)) == Decimal("0.2")


def test_two_part_refs_are_rows_of_the_same_form_and_prior_is_marked() -> None:
    node = expr.resolve(expr.parse("inc_total.amount + prior:G01.carry_out.amount"), "G01", None)
    assert [(r.path, r.prior) for r in expr.refs(node)] == [
        ("G01.inc_total.amount", False),
        ("G01.carry_out.amount", True),
    ]


def test_comparisons_booleans_and_functions() -> None:
    look = lookup_from({"X01.a.value": "2", "G07.b.c": "0"})
    assert expr.evaluate(expr.parse("(X01.a.value > 0) = (G07.b.c > 0)"), look) is False
    assert expr.evaluate(expr.parse("min(X01.a.value, 1) * 10"), look) == 10
    assert expr.evaluate(expr.parse("not X01.a.value < 1 and abs(-3) = 3"), look) is True


def test_division_by_zero_is_undefined_not_an_exception() -> None:
    assert expr.evaluate(expr.parse("G01.a.b / G01.c.d"), lookup_from({"G01.a.b": "1"})) is None


@pytest.mark.parametrize("text", ["a +", "(a", "a b", "+ * a", ""])
def test_malformed_expressions_are_refused(text: str) -> None:
    with pytest.raises(expr.ExprError):
        expr.parse(text)


def test_numeric_row_ids_are_references_not_numbers() -> None:
    node = expr.parse("301.amount + 1.5")
    assert [r.path for r in expr.refs(node)] == ["301.amount"]
