"""The calculator kept current row by row equals one built afresh: after any sequence of rows
added and removed (项 in every classified form, new 类 and 款 or beside existing ones, 经济分类
款, projects and indicators), its cells, values, ranks and indexes are a fresh build's, the cells
it reports redefined are exactly those whose definition moved, and every value that moved is
reported changed. Its plain sums read their terms straight off the cells: each computed value
is what evaluating the cell's formula gives."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.forms import expr
from desktop.forms.calc import Calculator, CellValue
from desktop.forms.edition import Edition, load_edition
from desktop.forms.structure import Structure, build_cells, touched_rows

CLASSIFIED = ("G02", "G03", "G05", "G08", "G09")


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_edition("sichuan-2020")


def _items(edition: Edition) -> list[str]:
    # Every 9th 项: new 类 and 款 as well as 项 beside existing ones.
    return [s.code for s in edition.codes.functional if s.level == 3][::9][:40]


def _inputs(calc: Calculator, seed: int) -> dict[str, CellValue]:
    """An amount in every input of the classified forms and projects, some negative."""
    return {
        cell.id: Decimal(seed * 7 + n * 13) / 100 - 3
        for n, cell in enumerate(calc.cells.values())
        if not cell.computed and cell.kind == "amount"
    }


def _index(mapping: Mapping[str, list[str]] | Mapping[tuple[str, str], list[str]]) -> dict[object, list[str]]:
    return {k: sorted(v) for k, v in mapping.items() if v}


def assert_fresh(calc: Calculator) -> None:
    again = Calculator(calc.catalogue, calc.structure.copy(), dict(calc.inputs))
    assert calc.cells == again.cells
    assert [c.terms for c in calc.cells.values()] == [again.cells[c].terms for c in calc.cells]
    assert calc.computed == again.computed
    assert calc.ranks == again.ranks
    assert _index(calc.dependents) == _index(again.dependents)
    assert _index(calc.row_ids) == _index(again.row_ids)
    assert list(calc.ordered_cells()) == list(again.cells)


def _row(edition: Edition, data: st.DataObject) -> tuple[str, str]:
    kind = data.draw(st.sampled_from(["item"] * 4 + ["economic", "project", "indicator"]), label="kind")
    if kind == "item":
        return data.draw(st.sampled_from(CLASSIFIED), label="form"), data.draw(
            st.sampled_from(_items(edition)), label="项"
        )
    if kind == "economic":
        codes = [s.code for s in edition.codes.economic if s.level == 2][::5]
        return "G06", data.draw(st.sampled_from(codes), label="款")
    project = f"p{data.draw(st.integers(1, 3), label='project')}"
    if kind == "project":
        return "P01", project
    return "P01", f"{project}.{data.draw(st.integers(1, 4), label='indicator')}"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=st.data())
def test_rows_added_and_removed_equal_a_fresh_build(edition: Edition, data: st.DataObject) -> None:
    structure = Structure({form: _items(edition)[:3] for form in CLASSIFIED})
    calc = Calculator(edition.catalogue, structure, {})
    calc.set_inputs(_inputs(calc, 1))
    for step in range(data.draw(st.integers(1, 12), label="steps")):
        form, row = _row(edition, data)
        before_cells, before_values = dict(calc.cells), {c: calc.value(c) for c in calc.cells}
        if not structure.add(form, row):
            structure.remove(form, row)
        old, changed = calc.restructure(touched_rows(edition.catalogue, form, row))
        moved = {
            c for c in before_cells.keys() | calc.cells.keys() if before_cells.get(c) != calc.cells.get(c)
        }
        assert old.keys() == moved
        assert all(old[c] == before_cells.get(c) for c in old)
        values_moved = {c for c in calc.cells if calc.value(c) != before_values.get(c)}
        assert values_moved <= changed
        calc.set_inputs(_inputs(calc, step))  # the new rows' inputs filled, the old ones moved
        assert_fresh(calc)


def test_every_value_is_its_formula_evaluated(edition: Edition) -> None:
    structure = Structure({form: _items(edition) for form in CLASSIFIED})
    structure.add("P01", "p1")
    structure.add("P01", "p1.i1")
    calc = Calculator(edition.catalogue, structure, {})
    calc.set_inputs(_inputs(calc, 5))
    lookup = calc.number
    sums = 0
    for cell in calc.cells.values():
        if cell.formula is None:
            continue
        assert cell.terms == expr.sum_terms(cell.formula), cell.id
        sums += cell.terms is not None
        value = expr.evaluate(cell.formula, lambda path, _prior: lookup(path) or Decimal(0))
        assert calc.value(cell.id) == (value if isinstance(value, Decimal) else None), cell.id
    assert sums > 1000  # most computed cells are plain sums, read without their trees


def test_a_row_total_template_resolves_as_the_parser_reads_it(edition: Edition) -> None:
    cells = build_cells(edition.catalogue, Structure({"G05": ["2010601"]}))
    total = cells["G05.2010601.total"]
    text = next(c.formula for c in edition.catalogue.forms["G05"].columns if c.id == "total")
    assert text is not None
    assert total.formula == expr.resolve(expr.parse(text), "G05", "2010601", {"row": "2010601"})
    assert total.terms == ("G05.2010601.basic", "G05.2010601.project")


def test_a_build_leaves_the_garbage_collector_as_it_found_it(edition: Edition) -> None:
    structure = Structure({form: _items(edition)[:3] for form in CLASSIFIED})
    assert gc.isenabled()
    Calculator(edition.catalogue, structure, {})
    assert gc.isenabled()
    gc.disable()
    try:
        Calculator(edition.catalogue, structure, {})
        assert not gc.isenabled()
    finally:
        gc.enable()
