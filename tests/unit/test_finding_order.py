"""Findings in the order the forms are read: form order, then row order, then column."""

from __future__ import annotations

from desktop.forms.catalogue import Catalogue
from desktop.forms.edition import load_edition
from desktop.rules.finding import Finding
from desktop.rules.finding_order import in_form_order


def catalogue() -> Catalogue:
    return load_edition("sichuan-2020").catalogue


def _finding(*cells: str) -> Finding:
    return Finding("r", "warning", cells, "m")


def test_forms_come_in_the_catalogues_order_not_alphabetically() -> None:
    found = in_form_order(
        catalogue(),
        [_finding("X01.admin_cost.value"), _finding("G05.total.basic"), _finding("F00.name.value")],
    )
    assert [f.form for f in found] == ["F00", "G05", "X01"]


def test_numbered_rows_sort_as_numbers_and_totals_first() -> None:
    cells = ["P01.p1.i10.score", "P01.p1.i2.score", "P01.p1.i1.score", "P01.p10.budget", "P01.p2.budget"]
    assert [f.cells[0] for f in in_form_order(catalogue(), map(_finding, cells))] == [
        "P01.p1.i1.score", "P01.p1.i2.score", "P01.p1.i10.score", "P01.p2.budget", "P01.p10.budget",
    ]  # fmt: skip
    g05 = ["G05.2010601.basic", "G05.total.basic", "G05.201.basic", "G05.20106.basic"]
    assert [f.cells[0] for f in in_form_order(catalogue(), map(_finding, g05))] == [
        "G05.total.basic", "G05.201.basic", "G05.20106.basic", "G05.2010601.basic",
    ]  # fmt: skip


def test_fixed_rows_follow_the_form_and_columns_their_order() -> None:
    cells = ["G01.grand_out.amount", "G01.inc_gpb.amount", "G07.actual.reception", "G07.actual.abroad"]
    assert [f.cells[0] for f in in_form_order(catalogue(), map(_finding, cells))] == [
        "G01.inc_gpb.amount", "G01.grand_out.amount", "G07.actual.abroad", "G07.actual.reception",
    ]  # fmt: skip


def test_prior_cells_and_findings_without_cells_do_not_break_the_order() -> None:
    found = in_form_order(
        catalogue(), [_finding(), _finding("prior:G01.carry_out.amount"), _finding("F00.year.value")]
    )
    assert [f.cells for f in found] == [("F00.year.value",), ("prior:G01.carry_out.amount",), ()]
