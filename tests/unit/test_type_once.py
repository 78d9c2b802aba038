"""Type each figure once: rows the rules require elsewhere follow a new row, and figures one
table determines are filled in another (shaded as derived, overridable with a reason)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from desktop.forms.edition import load_edition
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.models.values import CellError
from desktop.rules.companions import required_forms, row_needs
from desktop.rules.ruleset import RuleDef, edition_rules


def _rule(rule_id: str, left: str, op: str, right: str, forms: str = "G02,G03,G05") -> RuleDef:
    params = {"for_each": f"rows:{forms}", "left": left, "op": op, "right": right}
    return RuleDef(rule_id, "compare", "error", MappingProxyType(params), "test")


@pytest.fixture
def dataset(tmp_path: Path) -> Iterator[Dataset]:
    data = Dataset.create(tmp_path / "once.jsd", "测试单位", 2020)
    yield data
    data.close()


# --- which rows a row needs, read from the rules ------------------------------------------


def test_the_shipped_rules_make_a_fiscal_table_row_need_its_row_in_the_all_funds_table() -> None:
    needs = row_needs(edition_rules(load_edition("sichuan-2020")))
    for fiscal in ("G05", "G08", "G09"):
        assert required_forms(needs, fiscal) == ["G03"], fiscal
    assert required_forms(needs, "G03") == []  # spending from other money needs no fiscal row
    assert required_forms(needs, "G02") == []  # no rule compares 收入决算表 row by row


@pytest.mark.parametrize(
    ("op", "from_left", "from_right"),
    [(">=", [], ["G02"]), ("<=", ["G03"], []), ("=", ["G03"], ["G02"]), (">", [], ["G02"])],
)
def test_the_side_that_must_be_larger_is_the_side_that_needs_the_row(
    op: str, from_left: list[str], from_right: list[str]
) -> None:
    needs = row_needs([_rule("r", "G02.{row}.total", op, "G03.{row}.total + prior:G05.{row}.total")])
    assert required_forms(needs, "G02") == from_left
    assert required_forms(needs, "G03") == from_right
    assert required_forms(needs, "G05") == []  # last year's figures need nothing this year


def test_needs_follow_each_other() -> None:
    rules = [
        _rule("a", "G03.{row}.total", ">=", "G05.{row}.total"),
        _rule("b", "G02.{row}.x", ">=", "G03.{row}.y"),
    ]
    assert sorted(required_forms(row_needs(rules), "G05")) == ["G02", "G03"]
    assert required_forms(row_needs(rules[:1]), "G05") == ["G03"]


# --- adding a row -------------------------------------------------------------------------


@pytest.mark.parametrize(("form", "col"), [("G05", "basic"), ("G08", "income"), ("G09", "project")])
def test_typing_a_new_item_adds_its_row_where_the_rules_need_it(
    dataset: Dataset, form: str, col: str
) -> None:
    dataset.set(f"{form}.2010601.{col}", "12.5")
    assert dataset.rows("G03") == ["2010601"]
    assert dataset.rows("G02") == []
    # the 款 and 类 rows above it are there too
    assert {"G03.20106.basic", "G03.201.basic"} <= set(dataset.cells())
    assert not [f for f in dataset.findings() if dataset.missing_rows(f)]


def test_adding_an_item_from_the_code_list_adds_it_where_needed_in_one_undo_step(dataset: Dataset) -> None:
    dataset.add_row("G05", "2080501")
    assert dataset.rows("G03") == ["2080501"]
    dataset.undo()
    assert dataset.rows("G05") == [] and dataset.rows("G03") == []
    dataset.redo()
    assert dataset.rows("G03") == ["2080501"]


def test_a_row_already_there_is_left_alone_and_economic_rows_need_nothing(dataset: Dataset) -> None:
    dataset.add_row("G03", "2010601")
    dataset.set("G03.2010601.basic", "80")
    dataset.set("G05.2010601.basic", "50")
    assert dataset.rows("G03") == ["2010601"] and dataset.number("G03.2010601.basic") == Decimal(80)
    dataset.set("G06.30101.amount", "50")
    assert dataset.rows("G03") == ["2010601"]


def test_acceptance_an_item_added_in_05_leaves_no_missing_row_error_in_any_other_table(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    with Dataset.create(tmp_path / "s.jsd", "x", 2020) as data:
        import_document(data, sample_doc)
        before = {(f.rule, f.cells) for f in data.findings() if f.severity == "error"}
        data.set("G05.2130101.basic", "3.00")  # a 项 the department never had
        errors = [f for f in data.findings() if f.severity == "error" and (f.rule, f.cells) not in before]
        assert not [f for f in errors if any(c not in data.cells() for c in f.cells if c.startswith("G03"))]
        assert "2130101" in data.rows("G03")


def test_a_finding_about_a_missing_row_names_it_and_adding_it_clears_the_finding(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    doc = dict(sample_doc)
    doc["cells"] = dict(sample_doc["cells"]) | {"G05.2130101.basic": "3.00"}  # a file with the row in 05 only
    with Dataset.create(tmp_path / "s.jsd", "x", 2020) as data:
        import_document(data, doc)
        missing = [f for f in data.findings() if data.missing_rows(f)]
        assert missing and all(data.missing_rows(f) == [("G03", "2130101")] for f in missing)
        data.add_rows([("G03", "2130101")])
        assert not [f for f in data.findings() if data.missing_rows(f)]


# --- figures one table determines ---------------------------------------------------------


def test_an_equality_fills_its_single_input_side_from_the_other_table(dataset: Dataset) -> None:
    assert dataset.number("G04.inc_gf.amount") is None
    dataset.set("G08.2120802.income", "357.12")
    assert dataset.number("G04.inc_gf.amount") == Decimal("357.12")
    assert dataset.derived_mark("G04.inc_gf.amount") == "auto"
    assert dataset.derived_source("G04.inc_gf.amount") == "G04.gf_income"
    dataset.set("G08.2120802.income", "300")
    assert dataset.number("G04.inc_gf.amount") == Decimal(300)
    dataset.undo()  # the derived figure is part of the same step
    assert dataset.number("G04.inc_gf.amount") == Decimal("357.12")
    dataset.set("G08.2120802.income", None)
    assert dataset.number("G04.inc_gf.amount") is None and dataset.derived_mark("G04.inc_gf.amount") is None


def test_a_figure_the_clerk_typed_first_is_never_replaced(dataset: Dataset) -> None:
    dataset.set("G04.inc_gf.amount", "100")
    dataset.set("G08.2120802.income", "357.12")
    assert dataset.number("G04.inc_gf.amount") == Decimal(100)
    assert dataset.derived_mark("G04.inc_gf.amount") is None
    assert any(f.rule == "G04.gf_income" for f in dataset.findings())


def test_an_override_needs_a_reason_and_clearing_it_gives_the_cell_back(dataset: Dataset) -> None:
    dataset.set("G08.2120802.income", "357.12")
    with pytest.raises(CellError, match="原因"):
        dataset.override("G04.inc_gf.amount", "350", "  ")
    dataset.override("G04.inc_gf.amount", "350", "上级追加拨款于次年到账")
    assert dataset.number("G04.inc_gf.amount") == Decimal(350)
    assert dataset.derived_mark("G04.inc_gf.amount") == "override"
    assert dataset.text("reason.override.G04.inc_gf.amount") == "上级追加拨款于次年到账"
    dataset.set("G08.2120802.income", "400")  # an override does not follow its source
    assert dataset.number("G04.inc_gf.amount") == Decimal(350)
    dataset.set("G04.inc_gf.amount", None)
    assert dataset.number("G04.inc_gf.amount") == Decimal(400)
    assert dataset.derived_mark("G04.inc_gf.amount") == "auto"
    assert dataset.text("reason.override.G04.inc_gf.amount") == ""


def test_a_pasted_figure_over_a_derived_one_is_kept_as_an_override(dataset: Dataset) -> None:
    dataset.set("G08.2120802.carry_in", "20")
    assert dataset.number("G04.carry_in_gf.amount") == Decimal(20)
    dataset.set_many({"G04.carry_in_gf.amount": "25", "G04.inc_gpb.amount": "1"})
    assert dataset.derived_mark("G04.carry_in_gf.amount") == "override"
    assert dataset.number("G04.carry_in_gf.amount") == Decimal(25)


def test_a_single_fund_department_types_its_spending_once(dataset: Dataset) -> None:
    dataset.set("G05.2010601.basic", "100")
    assert dataset.number("G03.2010601.basic") is None  # a bound only, until the flag says so
    dataset.set_flag("fiscal_only", True)
    assert dataset.number("G03.2010601.basic") == Decimal(100)
    dataset.set_many({"G05.2010601.project": "30", "G05.2080501.basic": "7"})
    assert dataset.number("G03.2010601.total") == Decimal(130)
    assert dataset.number("G03.2080501.basic") == Decimal(7)
    assert dataset.derived_mark("G03.2080501.basic") == "auto"
    assert not [f for f in dataset.findings() if f.rule.startswith("G03.")]
    dataset.set_flag("fiscal_only", False)  # figures stay, the marks go
    assert dataset.number("G03.2080501.basic") == Decimal(7)
    assert dataset.derived_mark("G03.2080501.basic") is None


def test_a_dataset_follows_the_rules_of_its_own_edition(tmp_path: Path) -> None:
    """Shanghai 2024's 九 has an income column its rules tie to 四: typed once there; the Sichuan
    edition has neither the column nor the rule."""
    with Dataset.create(tmp_path / "sh.jsd", "上海", 2024, edition="shanghai-2024") as data:
        data.set("G09.2230101.income", "20")
        assert data.number("G04.inc_soc.amount") == Decimal(20)
        assert data.derived_source("G04.inc_soc.amount") == "G04.soc_income"
        assert data.rows("G03") == ["2230101"]
    with Dataset.create(tmp_path / "sc.jsd", "四川", 2020, edition="sichuan-2020") as data:
        with pytest.raises(CellError):
            data.set("G09.2230101.income", "20")
        assert "G04.soc_income" not in {rule.id for rule in data.rules}


def test_last_years_figures_fill_nothing_this_year(dataset: Dataset) -> None:
    dataset.set("G01.carry_in.amount", "80", year="prior")
    assert dataset.number("G01.carry_out.amount", "prior") == Decimal(80)
    dataset.set("G05.2010601.basic", "10")
    assert dataset.number("G01.carry_in.amount") is None
    assert "G01.carry_in.amount" not in dataset.derivation_index().by_target


def test_derived_marks_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "re.jsd"
    with Dataset.create(path, "x", 2020) as data:
        data.set("G08.2120802.income", "5")
    with Dataset.open(path) as data:
        assert data.derived_mark("G04.inc_gf.amount") == "auto"
        assert data.number("G04.inc_gf.amount") == Decimal(5)
