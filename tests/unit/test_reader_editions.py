"""The reader reads each dataset against its own edition: the Shanghai 2024 forms, 2024 code lists and
template structure for a Shanghai dataset, the names imported workbooks gave codes, and one lexicon
per edition and dataset state."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

import pytest

from desktop.forms.naming import Naming
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.models.snapshot import Snapshot, Unit
from desktop.narrative.check import Reading, read_section, read_text
from desktop.narrative.draft import draft
from desktop.narrative.reader.build import lexicon_for
from desktop.narrative.reader.edition import edition_of
from tests.shanghai_data import NAME, shanghai_doc
from tests.unit.reader_support import SAMPLE, rules, status


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snapshot]:
    path = tmp_path_factory.mktemp("reader-sh") / "sh.jsd"
    with Dataset.create(path, NAME, 2024, edition="shanghai-2024") as dataset:
        import_document(dataset, shanghai_doc())
        yield dataset.snapshot()


@pytest.fixture(scope="module")
def drafted(shanghai: Snapshot) -> str:
    return draft(shanghai).text()


GPB = "五、一般公共预算财政拨款支出决算情况说明\n"


def findings(snapshot: Snapshot, text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.stated, f.expected) for f in read_text(snapshot, text).findings]


def test_the_shanghai_draft_checks_with_zero_findings(shanghai: Snapshot, drafted: str) -> None:
    assert drafted.startswith("第三部分") and "十一、其他重要事项的情况说明" in drafted
    reading = read_text(shanghai, drafted)
    assert reading.findings == ()
    assert reading.summary.checked >= 0.8 * reading.summary.found


def _section(reading: Reading, label: str) -> list[str]:
    return [f.status for f in reading.figures if f.section == label]


def test_every_item_of_five_three_is_checked_in_both_measures(shanghai: Snapshot, drafted: str) -> None:
    reading = read_text(shanghai, drafted)
    items = [f"五（三）{n}" for n in range(1, 9)]
    assert {label: _section(reading, label) for label in items} == {
        label: ["checked", "checked"] for label in items
    }  # 年初预算 and 支出决算 of each 项, the items 6–8 included (not read as sections 六–八)


@pytest.mark.parametrize(
    ("wrong", "right", "rule"),
    [
        ("年初预算为150.00万元", "年初预算为160.00万元", "narrative.amount"),  # G05's 年初预算数
        ("支出决算为200.50万元", "支出决算为201.50万元", "narrative.amount"),
        (
            "年初预算为30.00万元，支出决算为30.00万元。决算数与预算数持平",
            "年初预算为30.00万元，支出决算为30.00万元。决算数大于预算数",
            "narrative.direction",
        ),
        ("财政拨款收入支出总计1180.00万元", "财政拨款收入支出总计1140.00万元", "narrative.amount"),
        ("国内公务接待支出6.00万元（含", "国内公务接待支出4.80万元（含", "narrative.amount"),
        ("接待外宾1批次、5人次", "接待外宾1批次、6人次", "narrative.count"),
        ("完成年初预算的100.05%", "完成年初预算的99.05%", "narrative.budget_rate"),
        ("主要原因：", "主要原因：", ""),  # unchanged: the control
    ],
)
def test_a_wrong_figure_in_the_shanghai_draft_is_found(
    shanghai: Snapshot, drafted: str, wrong: str, right: str, rule: str
) -> None:
    assert wrong in drafted
    found = [r for r, _stated, _expected in findings(shanghai, drafted.replace(wrong, right, 1))]
    assert found == ([rule] if rule else [])


def test_a_shanghai_dataset_is_read_with_its_own_forms_and_2024_codes(shanghai: Snapshot) -> None:
    edition = edition_of(shanghai)
    assert edition.catalogue is shanghai.edition.catalogue
    assert (edition.functional.year, edition.economic.year) == (2024, 2024)
    text = f"{GPB}一般公共服务支出（类）社会工作事务（款）行政运行（项）：支出决算为520.00万元。"
    assert findings(shanghai, text) == []
    assert findings(shanghai, text.replace("520.00", "530.00")) == [
        ("narrative.amount", "530.00", "520.00万元")
    ]
    spans = {
        name: [
            text[m.start : m.end] for m in lexicon_for(snap, edition_of(snap)).mentions(text, 0, len(text))
        ]
        for name, snap in (("shanghai", shanghai), ("sichuan", SAMPLE))
    }
    assert "社会工作事务（款）" in spans["shanghai"]
    assert "社会工作事务（款）" not in spans["sichuan"]  # the 2021 list has no 20139


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国内公务接待支出6.00万元（含外宾接待支出1.20万元）。", []),
        ("国内公务接待支出6.00万元(含外事接待1.20万元)。", []),
        ("国内公务接待支出6.00万元（其中含外宾接待1.20万元）。", []),
        ("国内公务接待支出4.80万元。", []),  # without 含: the domestic part alone
        ("国内公务接待支出6.00万元。", [("narrative.amount", "6.00", "4.80万元")]),
        ("国内公务接待支出4.80万元（含外宾接待支出1.20万元）。", [("narrative.amount", "4.80", "6.00万元")]),
        ("公务接待费6.00万元（含外宾接待1.20万元）。", []),  # already counts it: not added twice
        ("公务接待费7.20万元（含外宾接待1.20万元）。", [("narrative.amount", "7.20", "6.00万元")]),
    ],
)
def test_a_figure_that_counts_a_part_in(
    shanghai: Snapshot, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert findings(shanghai, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一般公共预算财政拨款支出年初预算为1110.00万元，支出决算为1110.50万元。", []),
        ("一般公共预算财政拨款支出年初预算为1110.50万元。", [("narrative.amount", "1110.50", "1110.00万元")]),
        ("高等教育（项）年初预算为180.00万元，支出决算为200.50万元。决算数大于预算数。", []),
        (
            "高等教育（项）年初预算为180.00万元，支出决算为200.50万元。决算数小于预算数。",
            [
                ("narrative.direction", "决算数小于预算数", "决算数大于预算数"),
            ],
        ),
    ],
)
def test_the_initial_budget_is_the_column_the_edition_names_so(
    shanghai: Snapshot, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert findings(shanghai, GPB + text) == expected


def test_a_sichuan_dataset_has_no_initial_budget_to_compare_with() -> None:
    text = "一般公共预算财政拨款支出年初预算为1.00万元。"  # its G05 budget is the 全年预算数
    assert rules(text) == [] and status(text, "1.00万元") == "unchecked:measure"


def _named(snapshot: Snapshot, names: dict[tuple[str, str], str]) -> Snapshot:
    return replace(snapshot, naming=Naming(snapshot.edition.codes, MappingProxyType(names)))


def test_a_code_named_by_an_imported_workbook_is_a_subject() -> None:
    cells = {**SAMPLE.cells, "G05.2013999.total": Decimal("12.00")}
    unnamed = replace(SAMPLE, cells=MappingProxyType(cells))
    named = _named(unnamed, {("functional", "2013999"): "其他社会工作事务支出"})
    text = "五、一般公共预算财政拨款支出\n其他社会工作事务支出（项）12.00万元。"
    assert status(text, "12.00万元", unnamed).startswith("unchecked")
    assert status(text, "12.00万元", named) == "checked" and rules(text, named) == []
    assert rules(text.replace("12.00", "13.00"), named) == ["narrative.amount"]


def test_one_lexicon_per_edition_and_dataset_state(shanghai: Snapshot) -> None:
    lexicon = lexicon_for(SAMPLE, edition_of(SAMPLE))
    figures_changed = replace(SAMPLE, cells=MappingProxyType({**SAMPLE.cells, "G05.total.total": Decimal(1)}))
    assert lexicon_for(figures_changed, edition_of(figures_changed)) is lexicon
    assert lexicon_for(SAMPLE, edition_of(SAMPLE)) is lexicon
    more_units = replace(SAMPLE, units=(*SAMPLE.units, Unit("u9", "新设中心", "其他事业单位")))
    assert lexicon_for(more_units, edition_of(more_units)) is not lexicon
    renamed = _named(SAMPLE, {("functional", "2013999"): "其他社会工作事务支出"})
    assert lexicon_for(renamed, edition_of(renamed)) is not lexicon
    assert lexicon_for(shanghai, edition_of(shanghai)) is not lexicon


def test_a_section_is_read_under_its_heading(shanghai: Snapshot) -> None:
    narrative = draft(shanghai)
    index = next(i for i, s in enumerate(narrative.sections) if "一般公共预算财政拨款支出" in s.title)
    body = narrative.sections[index].text
    alone = read_text(shanghai, body)
    assert alone.findings  # without 五's heading each 项 is read in every fund (G03's 530.00 for 行政运行)
    reading = read_section(shanghai, narrative.heading(index), body)
    assert reading.findings == ()
    wrong = body.replace("年初预算为150.00万元", "年初预算为160.00万元")
    found = read_section(shanghai, narrative.heading(index), wrong).findings
    assert [(f.rule, wrong[f.start : f.end]) for f in found] == [("narrative.amount", "160.00")]
    assert all(body[f.start : f.end] == f.text for f in reading.figures)
