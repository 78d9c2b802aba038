"""The document model: parts and their kind, sections in any numbering, attachments, flattened
tables as rows and cells, and a project table's cells bound to (project, indicator, column)."""

from __future__ import annotations

from decimal import Decimal

from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.narrative.reader.document import Document, Sentence, numeral, read_document
from desktop.narrative.reader.report import indicator_names
from desktop.narrative.reader.words import words
from tests.conftest import SHARED


def read(text: str) -> Document:
    return read_document(text, words(), indicator_names(load_edition(ROOT_EDITION).catalogue))


def place_of(document: Document, fragment: str) -> Sentence:
    at = document.text.index(fragment) + len(fragment) - len(fragment.lstrip())
    return next(s for s in document.sentences if s.start <= at < s.end)


def test_numerals() -> None:
    assert [numeral(n) for n in ("一", "九", "十", "十一", "二十", "二十三", "12")] == [
        1,
        9,
        10,
        11,
        20,
        23,
        12,
    ]


def test_parts_are_read_by_the_kind_their_title_names() -> None:
    text = (
        "封面 2020年度\n第一部分 部门概况\n概况甲。\n第二部分 2020年度部门决算情况说明\n说明乙。\n"
        "第三部分 名词解释\n解释丙。\n第4部分 附件\n附件丁。\n"
    )
    document = read(text)
    parts = [place_of(document, f).place.part for f in ("封面", "概况甲", "说明乙", "解释丙", "附件丁")]
    assert parts == ["front", "overview", "narrative", "glossary", "attachments"]


def test_a_text_without_part_headings_is_narrative() -> None:
    assert place_of(read("2020年度收、支总计100万元。"), "收、支").place.part == "narrative"


def test_sections_in_any_numbering() -> None:
    text = (
        "1、 收入支出决算总体情况说明\n甲。\n二、收入决算情况说明\n乙。\n五、一般公共预算\n（三）具体情况\n"
        "1、教育支出（类）普通教育（款）初中教育（项）\n丙。\n2. 学前教育（项）\n丁。\n（2） 项目\n戊。\n"
        "六、基本支出\n己。\n七、三公\n八、基金\n9、 国有资本\n庚。\n十、其他\n辛。\n"
        "十一、其他重要事项\n壬。\n"
    )
    document = read(text)
    sections = {f: place_of(document, f).place.section for f in "甲乙丙丁戊己庚辛壬"}
    assert sections == {
        "甲": (1,), "乙": (2,), "丙": (5, 3, 1), "丁": (5, 3, 2), "戊": (5, 3, 2), "己": (6,), "庚": (9,),
        "辛": (10,), "壬": (11,),
    }  # fmt: skip
    heading = place_of(document, "初中教育").heading
    assert heading is not None and (heading.level, heading.number) == (3, 1)


def test_items_numbered_past_the_next_section_stay_items() -> None:
    items = "".join(f"{n}、项目{n}（项）\n说明{n}。\n" for n in range(1, 9))
    text = f"五、一般公共预算\n（三）具体情况\n{items}六、基本支出\n己。\n7、 三公\n庚。\n"
    document = read(text)
    assert [place_of(document, f"说明{n}").place.section for n in (5, 6, 7, 8)] == [
        (5, 3, 5), (5, 3, 6), (5, 3, 7), (5, 3, 8),
    ]  # fmt: skip
    assert place_of(document, "己").place.section == (6,)
    assert place_of(document, "庚").place.section == (7,)  # no list open under 六: "7、" is the next section


def test_the_shanghai_template_structure() -> None:
    text = (SHARED / "editions" / "shanghai-2024" / "template-2024.txt").read_text(encoding="utf-8")
    document = read(text)
    narrative = [s for s in document.sentences if s.place.part == "narrative" and s.heading is not None]
    tops = sorted({s.place.top for s in narrative if s.heading is not None and s.heading.level == 1})
    assert tops == list(range(1, 12))
    item = place_of(document, "初中教育（项）")
    assert item.place.section == (5, 3, 1) and item.place.part == "narrative"
    assert place_of(document, "一、财政拨款收入：指单位本年度").place.part == "glossary"


def test_attachments_and_their_kind() -> None:
    text = (
        "第四部分 附件\n附件1\n某某局\n2020年部门整体支出绩效评价报告\n一、部门概况\n甲。\n"
        "政府采购项目绩效评价报告\n一、项目概况\n乙。\n"
    )
    document = read(text)
    first, second = place_of(document, "甲"), place_of(document, "乙")
    assert (first.place.attachment, first.place.section) == ("department_evaluation", (1,))
    assert (second.place.attachment, second.place.section) == ("project_evaluation", (1,))


PROJECT_TABLE = (
    "\t项目名称\n\t财政投资评审\n\n\t预算单位\n\t某某局\n\n"
    "\t预算执行情况\n（万元）\n\t预算数\n\t250\n\t执行数\n\t240.5\n\n"
    "\t\n\t其中：财政拨款\n\t200\n\t财政拨款\n\t190\n\n"
    "\t年度目标完成情况\n\t预期目标\n\t实际完成目标\n\n\t\n\t完成评审40个\n\t完成评审39个\n\n"
    "\t绩\n效\n指\n标\n\t一级\n指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\n"
    "\t\n\t产出指标\n\t数量指标\n\t评审项目数\n\t≥39个\n\t39个\n\n"
    "\t\n\t\n\t成本指标\n\t评审费用\n\n\t≤250万元\n\t实际支出240.5万元\n"
)


def test_a_flattened_table_as_rows_and_cells() -> None:
    document = read("说明如下。\n" + PROJECT_TABLE + "\n\n其后正文。\n")
    (table,) = document.tables
    assert [c.text for c in table.rows[2]] == ["预算执行情况（万元）", "预算数", "250", "执行数", "240.5"]
    assert table.money  # a header says 万元: the bare numbers are amounts
    assert place_of(document, "其后正文").table == -1
    bare = document.figures(place_of(document, "240.5"))
    assert [(f.amount, f.unit, f.text) for f in bare] == [(Decimal("240.5"), "万元", "240.5")]


def test_a_project_tables_cells_are_bound_to_project_indicator_and_column() -> None:
    document = read(PROJECT_TABLE)
    assert len(document.tables) == 1

    def role(fragment: str) -> tuple[str, str, int, str]:
        found = document.role(place_of(document, fragment))
        assert found is not None, fragment
        return found.project, found.field, found.indicator, found.column

    assert role("250\n") == ("财政投资评审", "budget:total", -1, "")
    assert role("240.5\n") == ("财政投资评审", "actual:total", -1, "")
    assert role("200\n") == ("财政投资评审", "budget:fiscal", -1, "")
    assert role("190\n") == ("财政投资评审", "actual:fiscal", -1, "")
    assert role("完成评审39个") == ("财政投资评审", "goal_actual", -1, "")
    assert role("≥39个") == ("财政投资评审", "indicator", 0, "expected")
    assert role("\t39个") == ("财政投资评审", "indicator", 0, "actual_value")
    # a row cut by a blank line is read as one, aligned from the right
    assert role("≤250万元") == ("财政投资评审", "indicator", 1, "expected")
    assert role("实际支出240.5万元") == ("财政投资评审", "indicator", 1, "actual_value")


def test_a_header_of_sides_over_rows_of_items() -> None:
    table = (
        "\t项目名称\n\t平台运行维护\n\n"
        "\t项目资金（万元）\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t执行率\n\n"
        "\t年度资金总额\n\t10\n\t8\n\t6\n\t75%\n\n"
        "\t其中：当年财政拨款\n\t10\n\t8\n\t6\n\t75%\n"
    )
    (table,) = read(table).tables
    assert [c.text for c in table.rows[2][1:]] == ["10", "8", "6", "75%"]
    assert [table.roles[(2, i)].field for i in range(1, 5)] == [
        "initial:total",
        "budget:total",
        "actual:total",
        "rate:total",
    ]
    assert [table.roles[(3, i)].field for i in range(1, 5)] == [
        "initial:fiscal",
        "budget:fiscal",
        "actual:fiscal",
        "rate:fiscal",
    ]


def test_a_line_of_only_tabs_is_a_blank_line_not_a_table() -> None:
    document = read("甲。\n\t\n\t \n乙。\n\t")
    assert [document.text[s.start : s.end] for s in document.sentences] == ["甲。", "乙。"]
    assert document.tables == ()
