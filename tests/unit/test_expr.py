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


def test_sum_terms_are_the_cells_a_plain_sum_adds_in_reading_order() -> None:
    assert expr.sum_terms(expr.parse("G05.a.x + G05.b.x + G05.c.x")) == ("G05.a.x", "G05.b.x", "G05.c.x")
    assert expr.sum_terms(expr.parse("a + (b + c)")) == ("a", "b", "c")
    assert expr.sum_terms(expr.parse("a")) == ("a",)
    for text in ("a - b", "a + prior:a", "a + 1", "min(a, b)", "-a + b", "(a + b) * 2"):
        assert expr.sum_terms(expr.parse(text)) is None, text


def test_a_long_sum_is_read_without_recursion() -> None:
    node = expr.parse(" + ".join(f"G05.r{n}.x" for n in range(5000)))
    terms = expr.sum_terms(node)
    assert terms is not None and len(terms) == 5000 and terms[-1] == "G05.r4999.x"
