"""P02: the tree's subtotals and grade, and scores suggested from the figures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.money import round_half_up
from desktop.perf.department import (
    NEGATIVE,
    POSITIVE,
    Scale,
    on_levels,
    scale_of,
    suggested_scores,
    tree_summary,
)
from tests.conftest import shared_path
from tests.helpers import sample_dataset

D = Decimal


@pytest.fixture
def seed_scores() -> dict[str, Any]:
    """Report 001's 41 scores in the interchange `scores` shape."""
    doc: dict[str, Any] = json.loads(
        shared_path("perf-tree", "dongchuan-czj-2020-scores.json").read_text(encoding="utf-8")
    )
    return doc


def test_seed_tree_gives_100_and_excellent(tmp_path: Path, seed_scores: dict[str, Any]) -> None:
    doc = {"department": {"name": "昆明市东川区财政局", "year": 2020}, **seed_scores}
    with sample_dataset(tmp_path, doc) as dataset:
        summary = tree_summary(dataset)
        findings = [f for f in dataset.findings() if f.rule.startswith("P02")]
    assert (summary.total, summary.grade, summary.weight) == (D(100), "优", D(100))
    assert summary.complete and summary.leaves == 41
    assert [(n.code, n.weight, n.score) for n in summary.level(1)] == [
        ("A", D(35), D(35)), ("B", D(20), D(20)), ("C", D(45), D(45)),
    ]  # fmt: skip
    assert len(summary.level(2)) == 11 and len(summary.level(3)) == 41
    assert sum(n.score for n in summary.level(2)) == D(100)
    assert findings == []


def test_seed_tree_matches_the_printed_tree(tmp_path: Path, seed_scores: dict[str, Any]) -> None:
    printed = json.loads(shared_path("perf-tree", "dongchuan-czj-2020.json").read_text(encoding="utf-8"))
    doc = {"department": {"name": "昆明市东川区财政局", "year": 2020}, **seed_scores}
    with sample_dataset(tmp_path, doc) as dataset:
        nodes = {n.code: n for n in tree_summary(dataset).nodes}
    for level1 in printed["children"]:
        for level2 in level1["children"]:
            assert nodes[level2["code"]].score == D(str(level2["score"]))
    assert printed["grade"] == "优"


def test_lower_scores_change_the_grade_and_a_score_above_its_weight_is_an_error(
    tmp_path: Path, seed_scores: dict[str, Any]
) -> None:
    doc = {"department": {"name": "昆明市东川区财政局", "year": 2020}, **seed_scores}
    with sample_dataset(tmp_path, doc) as dataset:
        dataset.set_many({"P02.C21.score": "0", "P02.C23.score": "0"})
        summary = tree_summary(dataset)
        assert (summary.total, summary.grade) == (D(87), "良")
        dataset.set("P02.A11.score", "3")
        assert "P02.score_within_weight" in {f.rule for f in dataset.findings()}


def test_an_unscored_tree_is_incomplete(tmp_path: Path) -> None:
    with sample_dataset(tmp_path, {"department": {"name": "测试局", "year": 2020}}) as dataset:
        summary = tree_summary(dataset)
    assert (summary.total, summary.grade, summary.scored, summary.complete) == (D(0), "差", 0, False)


def test_suggested_scores_from_the_sample_figures(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        suggestions = suggested_scores(dataset)
    assert {code: s.score for code, s in suggestions.items()} == {"B11": 1, "B12": 4, "B13": 1, "B31": 1}
    assert "基本支出决算 755.92 ÷ 基本支出预算 755.92 = 100.00%" in suggestions["B11"].explanation
    assert "385.28 ÷ 预算数 402.14 = 95.81%" in suggestions["B12"].explanation
    assert "4.59 ÷ 上年 5.54 = 82.85%" in suggestions["B13"].explanation
    assert "在职人员 34 ÷ 编制数 40 = 85.00%" in suggestions["B31"].explanation
    assert suggestions["B12"].weight == D(4)


def test_staff_note_is_mentioned_and_excess_staff_score_nothing(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        dataset.set_many(
            {
                "F00.staff_actual_public.value": "40",
                "F00.staff_note.value": "6 名事业编制使用人才交流中心编制",
            }
        )
        staff = suggested_scores(dataset)["B31"]
    assert staff.score == 0
    assert "编制说明：6 名事业编制使用人才交流中心编制" in staff.explanation
    assert "超出不得分" in staff.explanation


def test_execution_below_the_threshold_is_proportional(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with sample_dataset(tmp_path, sample_doc) as dataset:
        dataset.set("P01.p4.actual", "125.00")  # 260.28 ÷ 402.14 = 64.72%
        project = suggested_scores(dataset)["B12"]
    assert project.score == round_half_up(D(4) * (D("260.28") / D("402.14")) / D("0.95"))
    assert project.score == D("2.73")


@pytest.mark.parametrize(
    ("rubric", "direction", "scale"),
    [
        ("预算完成率≥95%得满分，未达到的按权重进行扣分。", POSITIVE, Scale(POSITIVE, D("0.95"))),
        ("控制率≤100%得满分，≥120%得0分，区间内按权重进行扣分。", NEGATIVE, Scale(NEGATIVE, D(1), D("1.2"))),
        ("在职人员控制率≤100%得满分，有超出不得分。", NEGATIVE, Scale(NEGATIVE, D(1), D(1))),
        ("酌情得分", POSITIVE, Scale(POSITIVE, D(1))),
    ],
)
def test_rubric_scales(rubric: str, direction: str, scale: Scale) -> None:
    assert scale_of(rubric, direction) == scale


@pytest.mark.parametrize(
    ("scale", "ratio", "fraction"),
    [
        (Scale(POSITIVE, D("0.95")), D("0.95"), D(1)),
        (Scale(POSITIVE, D("0.95")), D("0.475"), D("0.5")),
        (Scale(NEGATIVE, D(1), D("1.2")), D("1.1"), D("0.5")),
        (Scale(NEGATIVE, D(1), D("1.2")), D("1.3"), D(0)),
        (Scale(NEGATIVE, D(1), D(1)), D("1.01"), D(0)),
        (Scale(NEGATIVE, D(1)), D("1.25"), D("0.8")),
    ],
)
def test_scale_fractions(scale: Scale, ratio: Decimal, fraction: Decimal) -> None:
    assert scale.fraction(ratio) == fraction


def test_a_levels_rubric_admits_only_its_levels() -> None:
    # A21: ①…得1分；②…得0.5分；③…得0分 (rubric_kind "levels").
    assert on_levels(D("0.8"), "A21") == (D("0.5"), "，按评分档次取 0.5 分")
    assert on_levels(D(1), "A21")[0] == D(1)
    assert on_levels(D("0.8"), "B11") == (D("0.8"), "")  # not itemised
