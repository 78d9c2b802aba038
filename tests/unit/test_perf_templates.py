"""Indicator templates and the 一级 aliases of published reports."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.perf.templates import LEVEL1, TEMPLATES, canonical_level1, template_for, templates_of
from desktop.rules.targets import parse_target

LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
    "可持续影响指标", "服务对象满意度指标",
)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("项目完成", "产出指标"),
        ("项目完成指标", "产出指标"),
        ("完成指标", "产出指标"),
        ("产出指标", "产出指标"),
        ("项目效益", "效益指标"),
        ("效益指标", "效益指标"),
        ("满意度指标", "满意度指标"),
        (" 项目 完成 ", "产出指标"),
        ("其他", "其他"),
    ],
)
def test_canonical_level1(name: str, canonical: str) -> None:
    assert canonical_level1(name) == canonical


def test_every_common_level2_has_a_template_under_its_level1() -> None:
    assert tuple(t.level2 for t in TEMPLATES) == LEVEL2
    assert {t.level1 for t in TEMPLATES} == set(LEVEL1)
    assert [t.level2 for t in templates_of("项目效益")][:2] == ["经济效益指标", "社会效益指标"]
    assert [t.level2 for t in templates_of("满意度指标")] == ["服务对象满意度指标"]
    for template in TEMPLATES:
        assert template.name and template.expected
        assert template.as_dict()["level2"] == template.level2


def test_numeric_examples_parse() -> None:
    numeric = [t.level2 for t in TEMPLATES if parse_target(t.expected) is not None]
    assert "时效指标" not in numeric and "生态效益指标" not in numeric
    assert numeric == [n for n in LEVEL2 if n not in ("时效指标", "生态效益指标", "可持续影响指标")]


@pytest.mark.parametrize(
    ("level2", "found"),
    [("数量", "数量指标"), ("成本指标", "成本指标"), ("满意度指标", "服务对象满意度指标"), ("其他", None)],
)
def test_template_for(level2: str, found: str | None) -> None:
    template = template_for(level2)
    assert (template.level2 if template else None) == found


def test_sample_level1_names_are_all_known(sample_doc: dict[str, Any]) -> None:
    names = {i["level1"] for p in sample_doc["projects"] for i in p["indicators"]}
    assert {canonical_level1(n) for n in names} == set(LEVEL1)
    level2 = {i["level2"] for p in sample_doc["projects"] for i in p["indicators"]}
    assert all(template_for(name) is not None for name in level2)
