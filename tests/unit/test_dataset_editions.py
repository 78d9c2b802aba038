"""A dataset has its edition: recorded in the file, its own forms, rules, code lists and template
(two datasets of different editions in one process never share them), carried by the interchange
document; codes the edition's list lacks keep the names an imported workbook gave them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.actions.consolidation import ConsolidationError, consolidate
from desktop.actions.importing import import_file
from desktop.forms.edition import EditionError
from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document, import_document
from desktop.narrative.draft import draft
from tests.shanghai_data import shanghai_doc
from tests.shanghai_workbook import write_shanghai_workbook


def test_the_edition_is_recorded_in_the_file(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "a.jsd", "甲", 2024) as dataset:
        assert dataset.edition.id == "shanghai-2024"  # the newest edition of the year
    with Dataset.create(tmp_path / "b.jsd", "乙", 2024, edition="sichuan-2020") as dataset:
        assert dataset.edition.id == "sichuan-2020"
    with Dataset.open(tmp_path / "a.jsd") as a, Dataset.open(tmp_path / "b.jsd") as b:
        assert (a.edition.id, b.edition.id) == ("shanghai-2024", "sichuan-2020")


def test_an_unknown_edition_makes_no_file(tmp_path: Path) -> None:
    with pytest.raises(
        EditionError, match=r"未知的版本“beijing-2024”。可用的版本：shanghai-2024、sichuan-2020"
    ):
        Dataset.create(tmp_path / "c.jsd", "丙", 2024, edition="beijing-2024")
    assert not (tmp_path / "c.jsd").exists()


def test_two_datasets_of_different_editions_have_their_own_forms_and_findings(tmp_path: Path) -> None:
    values = {"G09.2230101.project": "18", "G04.inc_soc.amount": "20", "G07.actual.abroad": "2"}
    with (
        Dataset.create(tmp_path / "sc.jsd", "四川", 2024, edition="sichuan-2020") as sichuan,
        Dataset.create(tmp_path / "sh.jsd", "上海", 2024, edition="shanghai-2024") as shanghai,
    ):
        sichuan.set_many(values)
        shanghai.set_many(values)
        assert sichuan.catalogue.form("G07").title == "一般公共预算财政拨款“三公”经费支出决算表"
        assert shanghai.catalogue.form("G07").title == "财政拨款“三公”经费支出决算表"
        assert [c.id for c in sichuan.catalogue.form("G09").columns] == ["total", "basic", "project"]
        assert "G09.2230101.income" in shanghai.cells() and "G09.2230101.income" not in sichuan.cells()
        sh_rules = {f.rule for f in shanghai.findings()}
        sc_rules = {f.rule for f in sichuan.findings()}
        assert {"G04.soc_income", "text.abroad_content"} <= sh_rules
        assert not {"G04.soc_income", "text.abroad_content"} & sc_rules
        assert (
            sichuan.edition.codes.functional.year == 2021 and shanghai.edition.codes.functional.year == 2024
        )
        assert draft(sichuan.snapshot()).title.startswith("第二部分") and draft(
            shanghai.snapshot()
        ).title.startswith("第三部分")


def test_the_interchange_document_carries_the_edition(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "sh.jsd", "上海", 2024, edition="shanghai-2024") as dataset:
        import_document(dataset, shanghai_doc())
        doc = export_document(dataset)
    assert doc["edition"] == "shanghai-2024"
    with Dataset.create(tmp_path / "sc.jsd", "四川", 2024, edition="sichuan-2020") as other:
        report = import_document(other, {**doc, "cells": {"G05.2050205.basic": "1"}, "prior": {}})
        assert report.edition == "shanghai-2024" and report.unknown == []  # said, and the figures load
        assert other.number("G05.total.total") == Decimal("1")


def test_a_code_the_list_lacks_keeps_the_workbooks_name(tmp_path: Path) -> None:
    """A Sichuan 2020 dataset knows the 2021 list, which lacks 20139 社会工作事务: a 2024 workbook
    that uses it brings its names; they are kept, marked in the grid, an info finding, and printed
    (never the bare code) in the narrative and the exports."""
    with Dataset.create(tmp_path / "sh.jsd", "上海", 2024, edition="shanghai-2024") as source:
        import_document(source, shanghai_doc())
        workbook = write_shanghai_workbook(source, tmp_path / "sh.xlsx")
    with Dataset.create(tmp_path / "sc.jsd", "四川", 2024, edition="sichuan-2020") as dataset:
        summary = import_file(dataset, workbook)
        assert summary.names == {
            "20139": "社会工作事务",
            "2013901": "行政运行",
            "2013902": "一般行政管理事务",
        }
        assert dataset.naming.name("functional", "20139") == "社会工作事务"
        marked = {r.id: r.name for r in dataset.sheet("G05", marked=True)}
        assert marked["20139"] == "社会工作事务（导入）" and marked["2050205"] == "高等教育"
        assert {r.id: r.name for r in dataset.sheet("G05")}["20139"] == "社会工作事务"
        found = [f for f in dataset.findings() if f.rule == "code.known"]
        assert {f.severity for f in found} == {"info"} and "采用导入文件中的名称" in found[0].message
        assert "社会工作事务（款）行政运行（项）" in draft(dataset.snapshot()).text()
        path = tmp_path / "sc.jsd"
    with Dataset.open(path) as again:  # kept in the file, and in its interchange document
        assert again.naming.imported_name("functional", "2013901") == "行政运行"
        assert export_document(again)["names"]["functional.20139"] == "社会工作事务"
        again.undo()  # the import is one action: its names go with it
        assert again.naming.imported == {}


def test_an_unnamed_code_is_never_printed_bare(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "x.jsd", "甲", 2020, edition="sichuan-2020") as dataset:
        dataset.set("G05.2019998.basic", "5")
        assert {r.id: r.name for r in dataset.sheet("G05")}["2019998"] == "未列入科目表的科目2019998"
        warning = next(f for f in dataset.findings() if f.rule == "code.known")
        assert warning.severity == "warning" and "请核对编码" in warning.message


def test_consolidation_refuses_sources_of_another_edition(tmp_path: Path) -> None:
    for name, edition in (("a", "sichuan-2020"), ("b", "shanghai-2024"), ("c", "shanghai-2024")):
        with Dataset.create(tmp_path / f"{name}.jsd", name, 2024, edition=edition) as dataset:
            dataset.set("G05.2010601.basic", "1")
    with pytest.raises(ConsolidationError, match="没有可以汇总的来源"):
        consolidate(tmp_path / "none.jsd", [tmp_path / "nothing-here.jsd"])
    report = consolidate(tmp_path / "sum.jsd", [tmp_path / "b.jsd", tmp_path / "a.jsd", tmp_path / "c.jsd"])
    [refused] = report.refused
    assert refused.path == tmp_path / "a.jsd" and "版本 sichuan-2020" in refused.reason
    assert "不同年度或版本的数据不能汇总在一起" in refused.reason
    with Dataset.open(tmp_path / "sum.jsd") as total:
        assert total.edition.id == "shanghai-2024" and total.number("G05.total.total") == Decimal("2")
