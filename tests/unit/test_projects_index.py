"""Indicators grouped by project in one pass give each project its own rows, in order."""

from __future__ import annotations

from pathlib import Path

from desktop.models.dataset import Dataset
from desktop.models.projects import indicator_ids, indicators_by_project, project_ops, projects_of


def _raw(name: str, indicators: int) -> dict[str, object]:
    return {
        "name": name,
        "indicators": [{"level1": "产出指标", "name": f"{name}指标{k}"} for k in range(indicators)],
    }


def test_each_project_gets_its_own_indicators(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "p.jsd", "测试部门", 2021) as dataset:
        ops = project_ops(_raw("甲", 3), "p1") + project_ops(_raw("乙", 0), "p2")
        ops += project_ops(_raw("丙", 12), "p10")  # p1 is a prefix of p10, never its parent
        dataset.apply(ops, label="项目", source="import")
        index = indicators_by_project(dataset)
        assert {pid: len(rows) for pid, rows in index.items()} == {"p1": 3, "p10": 12}
        assert index["p1"] == indicator_ids(dataset, "p1")
        found = {p.id: [i.name for i in p.indicators] for p in projects_of(dataset)}
        assert found["p1"] == ["甲指标0", "甲指标1", "甲指标2"]
        assert found["p2"] == []
        assert found["p10"][-1] == "丙指标11"
