"""Workbooks land in the right cells, atomically; bad files are refused and change nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.actions.importing import import_file
from desktop.io.workbook.errors import WorkbookError
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError
from tests.conftest import FIXTURES, shared_path

PRINTED_FORMS = ("G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09")


def _expected(doc: dict[str, Any], key: str) -> dict[str, Decimal]:
    """Every figure of the nine tables; the G05 预算数 column is not printed in 公开05表."""
    return {
        cell: Decimal(text)
        for cell, text in doc[key].items()
        if cell.split(".")[0] in PRINTED_FORMS and not cell.endswith(".budget")
    }


@pytest.fixture
def dataset(tmp_path: Path) -> Dataset:
    return Dataset.create(tmp_path / "w.jsd", "攀枝花市西区财政局", 2020)


@pytest.mark.parametrize(
    ("book", "year", "key"),
    [("xiqu-czj-2020.xlsx", "current", "cells"), ("xiqu-czj-2019.xlsx", "prior", "prior"),
     ("xiqu-czj-2019.xls", "prior", "prior")],
)  # fmt: skip
def test_every_figure_lands_in_its_cell(
    dataset: Dataset, sample_doc: dict[str, Any], book: str, year: str, key: str
) -> None:
    summary = import_file(dataset, shared_path("workbooks", book), prior=year == "prior")
    assert summary.unmatched == [] and summary.missing == [] and summary.conflicts == []
    assert {t["form"] for t in summary.tables} == set(PRINTED_FORMS)
    for cell, value in _expected(sample_doc, key).items():
        assert dataset.number(cell, year) == value, cell
    assert dataset.meta[f"rounded.{year}"] == "1"
    dataset.close()


def test_both_years_give_the_samples_findings_without_texts(dataset: Dataset) -> None:
    import_file(dataset, shared_path("workbooks", "xiqu-czj-2020.xlsx"))
    import_file(dataset, shared_path("workbooks", "xiqu-czj-2019.xlsx"), prior=True)
    rules = {f.rule for f in dataset.findings()}
    assert not [f for f in dataset.findings() if f.severity == "error"]
    assert {"yoy.total", "yoy.fiscal", "yoy.three_public.vehicle", "yoy.three_public.reception"} <= rules
    dataset.close()


def test_an_import_is_one_undo_step(dataset: Dataset) -> None:
    import_file(dataset, shared_path("workbooks", "xiqu-czj-2020.xlsx"))
    assert dataset.number("G01.grand_in.amount") == Decimal("1349.95")
    dataset.undo()
    assert dataset.number("G01.grand_in.amount") == 0
    assert dataset.rows("G05") == []
    dataset.redo()
    assert dataset.number("G01.grand_in.amount") == Decimal("1349.95")
    dataset.close()


def test_this_years_figures_are_not_overwritten_without_replace(dataset: Dataset) -> None:
    book = shared_path("workbooks", "xiqu-czj-2020.xlsx")
    import_file(dataset, book)
    dataset.set("G05.2010601.basic", "1")
    with pytest.raises(InterchangeError, match="--replace"):
        import_file(dataset, book)
    import_file(dataset, book, replace=True)
    assert dataset.number("G05.2010601.basic") == Decimal("306.19")
    dataset.close()


def _file_state(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file()}


@pytest.mark.parametrize(
    "bad",
    [
        "not_a_workbook.xlsx",
        "not_excel_zip.xlsx",
        "encrypted.xlsx",
        "encrypted.xls",
        "empty.xlsx",
        "no_tables.xlsx",
    ],
)
def test_bad_files_change_nothing_and_say_why(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "w.jsd"
    with Dataset.create(path, "测试", 2020) as dataset:
        dataset.set("G05.2010601.basic", "12.5")
    before = _file_state(path)
    with Dataset.open(path) as dataset:
        source = FIXTURES / "workbooks" / bad
        assert source.exists(), f"fixture {bad} missing"
        with pytest.raises(WorkbookError) as caught:
            import_file(dataset, source)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))
        assert dataset.number("G05.2010601.basic") == Decimal("12.5")
    assert _file_state(path) == before


def test_unknown_suffix_is_refused(dataset: Dataset, tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("a,b", encoding="utf-8")
    with pytest.raises(InterchangeError, match="不支持的文件类型"):
        import_file(dataset, source)
    dataset.close()
