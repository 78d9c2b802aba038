"""The lexicon: generated from the edition's forms and full code lists, the dataset's units and
projects, and the curated synonyms; names match only at phrase boundaries."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.forms.codes import CodeList, Subject
from desktop.forms.edition import CodeLists
from desktop.forms.naming import Naming
from desktop.narrative.reader import build
from desktop.narrative.reader.build import build_lexicon
from desktop.narrative.reader.edition import ReaderEdition, edition_of
from desktop.narrative.reader.lexicon import Lexicon, Mention
from desktop.narrative.reader.words import CuratedConcept, WordsError, synonyms
from tests.unit.reader_support import SAMPLE, rules, status

LEXICON = build_lexicon(SAMPLE, edition_of(SAMPLE))


def names(text: str, lexicon: Lexicon = LEXICON) -> list[str]:
    return [text[m.start : m.end] for m in lexicon.mentions(text, 0, len(text))]


def mention(text: str, name: str) -> Mention:
    return next(m for m in LEXICON.mentions(text, 0, len(text)) if text[m.start : m.end] == name)


@pytest.mark.parametrize(
    "name",
    [
        "一般公共服务（类）", "一般公共服务支出（类）", "一般公共服务（类）支出", "一般公共服务支出",
        "一般公共服务（201）支出", "一般公共服务支出（201）", "一般公共服务(类)",
    ],
)  # fmt: skip
def test_a_code_name_in_every_variant(name: str) -> None:
    text = f"主要用于：{name}60.00万元。"
    found = mention(text, name)
    assert found.entry.kind == "code" and "201" in found.entry.codes
    assert rules(f"2021年一般公共预算财政拨款支出90.00万元，主要用于：{name}60.00万元。") == []
    assert rules(f"2021年一般公共预算财政拨款支出90.00万元，主要用于：{name}61.00万元。") == [
        "narrative.amount"
    ]


def test_the_full_code_list_not_only_the_codes_in_the_data() -> None:
    # 205 教育支出 has no row in the data: it is 0 there, and a figure for it is checked against 0
    assert rules("一般公共预算财政拨款支出中，教育支出（类）0.00万元。") == []
    assert rules("一般公共预算财政拨款支出中，教育支出（类）5.00万元。") == ["narrative.amount"]


SECTION_FIVE = "五、一般公共预算财政拨款支出决算情况说明\n"


def test_an_older_name_is_an_alias_of_its_code() -> None:
    old = (
        SECTION_FIVE
        + "社会保障和就业支出（类）行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）"
    )
    assert rules(f"{old}：支出决算为30.00万元，完成预算100%。") == []
    assert rules(f"{old}：支出决算为31.00万元，完成预算100%。") == ["narrative.amount"]


def test_a_name_under_several_kuan_is_resolved_by_the_kuan_named_before_it() -> None:
    ours = SECTION_FIVE + "一般公共服务（类）财政事务（款）行政运行（项）：支出决算为50.00万元。"
    assert rules(ours) == []
    other = (
        SECTION_FIVE
        + "一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：支出决算为50.00万元。"
    )
    assert rules(other) == ["narrative.amount"]  # 2010301 has no figure in the data
    assert rules(SECTION_FIVE + "行政运行（项）：支出决算为50.00万元。") == []  # the one in the data
    # outside a section that names its fund, a 项 is read in every fund: G03's 55.00
    assert rules("行政运行（项）：支出决算为55.00万元。") == []


def test_the_codes_come_from_the_edition_given() -> None:
    subjects = [Subject("201", "一般公共服务支出", 1, None), Subject("20139", "社会工作事务", 2, "201")]
    sample = edition_of(SAMPLE)
    codes = CodeLists(CodeList("functional", 2024, subjects), sample.economic)
    edition = replace(sample, naming=Naming(codes))
    lexicon = build_lexicon(SAMPLE, edition)
    assert "社会工作事务（款）" in names("其中社会工作事务（款）0.00万元。", lexicon)
    assert "社会工作事务（款）" not in names("其中社会工作事务（款）0.00万元。")


@pytest.mark.parametrize(
    ("text", "name", "figure"),
    [
        ("全区金财网建设项目支出200.00万元。", "项目支出", "200.00万元"),
        ("其中：基本支出拨款221.27万元。", "基本支出", "221.27万元"),
        ("城乡社区工程支出5.00万元。", "工程支出", "5.00万元"),
        ("保障性住房保障支出2.00万元。", "住房保障支出", "2.00万元"),
    ],
)
def test_a_name_inside_a_longer_noun_phrase_is_not_that_subject(text: str, name: str, figure: str) -> None:
    assert name not in names(text)
    assert status(text, figure).startswith("unchecked")


@pytest.mark.parametrize(
    ("text", "cell_value"),
    [
        ("2021年总收入150.00万元。", "150.00"),
        ("2021年收入总计200.00万元。", "200.00"),
        ("2021年支出总计200.00万元。", "200.00"),
        ("年末结转和结余100.00万元。", "100.00"),
        ("2021年结转和结余100.00万元。", "100.00"),
        ("2021年财政拨款收入支出总计180.00万元。", "180.00"),
        ("2021年收入支出总计200.00万元。", "200.00"),
        ("一般公共预算财政拨款收入120.00万元。", "120.00"),
    ],
)
def test_curated_synonyms(text: str, cell_value: str) -> None:
    assert rules(text) == []
    assert rules(text.replace(cell_value, "1.00")) == ["narrative.amount"]


def test_generic_row_names_name_nothing() -> None:
    assert names("合计100.00万元，小计90.00万元，总计200.00万元。") == []


def test_units_and_the_department() -> None:
    text = "测试局本级、监督中心、测试区服务中心和本部门"
    kinds = [(text[m.start : m.end], m.entry.kind, m.entry.ids) for m in LEXICON.mentions(text, 0, len(text))]
    assert kinds == [
        ("测试局", "department", ()), ("本级", "unit", ("u1",)), ("监督中心", "unit", ("u2",)),
        ("测试区服务中心", "unit", ("u3",)), ("本部门", "department", ()),
    ]  # fmt: skip


def test_projects_keyed_by_unit_and_name() -> None:
    entry = mention("平台运行维护项目", "平台运行维护").entry
    assert entry.kind == "project" and entry.ids == ("p3", "p4")
    assert status("平台运行维护项目全年预算数8.00万元。", "8.00万元") == "unchecked:ambiguous"
    text = "监督中心平台运行维护项目全年预算数8.00万元，执行数为6.00万元。"
    assert rules(text) == [] and status(text, "8.00万元") == "checked"
    assert rules("服务中心平台运行维护项目全年预算数8.00万元。") == ["narrative.amount"]  # u3's is 5.00


def test_an_unknown_cell_in_the_curated_table_stops_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    curated = synonyms()
    bad = CuratedConcept("bad", "坏", {"any": "X01.no_such_fact.value"}, {}, {"any": ("坏名字",)}, {}, "")
    monkeypatch.setattr(build, "synonyms", lambda: replace(curated, concepts=(*curated.concepts, bad)))
    with pytest.raises(WordsError, match=r"X01\.no_such_fact\.value"):
        build_lexicon(SAMPLE, edition_of(SAMPLE))


def test_an_edition_is_all_the_lexicon_needs_of_the_forms() -> None:
    assert isinstance(edition_of(SAMPLE), ReaderEdition)
    concept = LEXICON.concept("basic")
    assert dict(concept.cells) == {
        "fiscal": "G05.total.basic+G08.total.basic+G09.total.basic", "all": "G03.total.basic",
        "gpb": "G05.total.basic", "gf": "G08.total.basic", "soc": "G09.total.basic",
    }  # fmt: skip
