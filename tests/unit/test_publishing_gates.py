"""Publishing gates (desktop.narrative.gates): placeholders, template residue in every printed
text, missing reasons, empty 第一部分 texts, blank budgets the 情况说明 compares with, the
report date; each an error naming where it is fixed; the release that records a confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.io.release import DRAFT, NotReady, release_for
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.narrative.final import edited_key
from desktop.narrative.gates import publishing_gate
from desktop.rules.finding import Finding

DATE = "2021年5月20日"


def dataset_of(folder: Path, doc: dict[str, Any], edition: str = "sichuan-2020") -> Dataset:
    dataset = Dataset.create(folder / f"{edition}.jsd", "测试", 2020, edition=edition)
    import_document(dataset, {**doc, "edition": edition})
    dataset.set("F00.date.value", DATE)
    return dataset


@pytest.fixture
def clean(tmp_path: Path, sample_doc: dict[str, Any]) -> Iterator[Dataset]:
    with dataset_of(tmp_path, sample_doc) as dataset:
        yield dataset


def gates(dataset: Dataset, rule: str | None = None) -> list[Finding]:
    return [f for f in publishing_gate(dataset).findings if rule is None or f.rule == rule]


def test_the_sample_with_its_date_is_ready_to_publish(clean: Dataset) -> None:
    assert gates(clean) == []
    assert release_for(clean, force=False).confirmed == ()


def test_every_gate_is_an_error_that_names_where_it_is_fixed(clean: Dataset) -> None:
    clean.set_text("reason.total_change", "")
    clean.set_text("text.overview.functions", "")
    clean.set_text("text.vehicle_use", "用于XX")
    clean.set("G05.2010602.budget", None)
    clean.set("F00.date.value", None)
    found = gates(clean)
    assert found and all(f.severity == "error" for f in found)
    assert all(f.cells or f.reason_key for f in found), found
    assert {f.rule for f in found} == {
        "gate.reason",
        "gate.overview",
        "gate.residue",
        "gate.budget",
        "gate.date",
    }


def test_a_missing_reason_is_asked_for_once_with_its_key(clean: Dataset) -> None:
    clean.set_text("reason.total_change", "")
    (reason,) = gates(clean, "gate.reason")
    assert reason.reason_key == "reason.total_change" and "收支总计" in reason.message
    assert gates(clean, "gate.placeholder") == []  # the same reason is not listed twice


def test_a_placeholder_the_narrative_prints_is_a_gate(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with dataset_of(tmp_path, sample_doc, "shanghai-2024") as shanghai:
        placeholders = gates(shanghai, "gate.placeholder")
        keys = {f.reason_key for f in placeholders}
        assert "use.G05.2010601" in keys and "use.G08.2120802" in keys
        assert all("【请填写：" in f.message and f.numbers["label"] for f in placeholders)
        shanghai.set_text("use.G05.2010601", "机关日常运转")
        assert "use.G05.2010601" not in {f.reason_key for f in gates(shanghai, "gate.placeholder")}


RESIDUE = {
    "XX 万元": "本年收入XX万元",
    "XXX": "主要原因是XXXXXXXX。",
    "full-width Ｘ": "共有车辆ＸＸ辆",
    "ellipsis": "基本工资、津贴补贴……其他",
    "ascii dots": "主要包括办公费......",
    "flat": "主要原因：人员减少。（如持平作持平表述）",
    "not applicable": "教育支出（类）XX（不涉及的不列）",
    "either way": "比上年增加（减少）3.00万元",
    "glossary without meaning": "一般公共服务（类）财政事务（款）行政运行（项）：指……",
    "glossary cut off": "教育支出（类）普通教育（款）学前教育（项）：指\n下一条",
    "typed marker": "原因是【请填写：收支总计变动原因】",
    "typed marker without colon": "原因是【请填写原因】",
    "unfilled slot": "收支总计{amount:G01.grand_in.amount}万元",
    "unfilled variable": "{year}年度",
}

NOT_RESIDUE = {
    "a real glossary line": "行政运行（项）：指行政单位（包括实行公务员管理的事业单位）的基本支出。",
    "an English word": "采购 XXL 号工作服和 Xbox 设备",
    "one ellipsis": "等等…",
    "a plain increase": "比上年增加3.00万元（增长2.00%）",
    "a bracket note": "（含外宾接待支出0.50万元）",
}


@pytest.mark.parametrize("text", RESIDUE.values(), ids=RESIDUE.keys())
def test_template_residue_in_a_text_blocks_publication(clean: Dataset, text: str) -> None:
    clean.set_text("text.overview.functions", text)
    found = gates(clean, "gate.residue")
    assert found and all(f.reason_key == "text.overview.functions" and "主要职能" in f.message for f in found)


@pytest.mark.parametrize("text", NOT_RESIDUE.values(), ids=NOT_RESIDUE.keys())
def test_ordinary_wording_is_not_residue(clean: Dataset, text: str) -> None:
    clean.set_text("text.overview.functions", text)
    assert gates(clean, "gate.residue") == []


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ("text.glossary", "名词解释"),
        ("reason.fiscal_change", "财政拨款收支总计变动原因"),
        ("text.procurement_use", "政府采购主要用于"),
        (edited_key("overview"), "收入支出决算总体情况说明"),
    ],
)
def test_residue_is_found_in_every_printed_text(clean: Dataset, key: str, where: str) -> None:
    clean.set_text(key, "主要用于XX。")
    (found,) = gates(clean, "gate.residue")
    assert found.reason_key == key and where in found.message


def test_residue_in_a_project_or_cover_field_points_at_the_cell(clean: Dataset) -> None:
    clean.set("P01.p1.summary", "项目完成情况良好，达到XX%。")
    clean.set("F00.head.value", "XXX")
    cells = {f.cells for f in gates(clean, "gate.residue")}
    assert cells == {("P01.p1.summary",), ("F00.head.value",)}


def test_an_edition_adds_its_own_residue(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    text = "本部门建立了如下预算绩效管理制度：（制度名称）"
    with dataset_of(tmp_path, sample_doc) as sichuan:
        sichuan.set_text("text.overview.functions", text)
        assert gates(sichuan, "gate.residue") == []
    with dataset_of(tmp_path, sample_doc, "shanghai-2024") as shanghai:
        shanghai.set_text("text.overview.functions", text)
        (found,) = gates(shanghai, "gate.residue")
        assert "制度名称" in found.message


def test_empty_overview_texts_the_package_prints(clean: Dataset) -> None:
    clean.set_text("text.overview.work", "")  # optional: the heading is left out
    assert gates(clean, "gate.overview") == []
    clean.set_text("text.overview.structure", "")
    (found,) = gates(clean, "gate.overview")
    assert found.reason_key == "text.overview.structure" and "机构设置" in found.message


def test_a_blank_budget_the_narrative_compares_with(clean: Dataset) -> None:
    clean.set("G05.2010602.budget", None)
    (found,) = gates(clean, "gate.budget")
    assert found.cells == ("G05.2010602.budget",) and "预算数" in found.message


def test_blank_three_public_budgets_point_at_their_inputs(clean: Dataset) -> None:
    for part in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"):
        clean.set(f"G07.budget.{part}", None)
    cells = {cell for f in gates(clean, "gate.budget") for cell in f.cells}
    assert cells == {
        f"G07.budget.{p}" for p in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
    }


def test_a_blank_budget_the_clerk_no_longer_states_is_no_gate(clean: Dataset) -> None:
    clean.set("G05.2010602.budget", None)
    clean.set_text(edited_key("gpb"), "一般公共预算财政拨款支出826.02万元。")
    assert gates(clean, "gate.budget") == []


def test_the_report_date(clean: Dataset) -> None:
    clean.set("F00.date.value", None)
    (found,) = gates(clean, "gate.date")
    assert found.cells == ("F00.date.value",)


def test_release_refuses_unless_confirmed_and_a_draft_always_goes(clean: Dataset) -> None:
    clean.set_text("text.overview.functions", "XX")
    clean.set("G06.30101.amount", "0")  # 公开05表 基本支出 ≠ 公开06表: an error finding
    with pytest.raises(NotReady) as refused:
        release_for(clean, force=False)
    rules = [f.rule for f in refused.value.items]
    assert rules[0] == "gate.residue" and "G05.basic_vs_G06" in rules
    assert "--force" in str(refused.value) and "--draft" in str(refused.value)
    confirmed = release_for(clean, force=True)
    assert confirmed.forced and [f.rule for f in confirmed.confirmed] == rules
    assert "强制导出" in confirmed.subject() and "gate.residue" in confirmed.keywords()
    assert release_for(clean, force=False, draft=True) is DRAFT
