"""Projects (P01) and their indicators as rows and cells of the dataset.

A project is the row `P01.<id>`; its indicators are rows `P01.<id>.i<k>`. Everything a
project says is a cell, so the same rules, undo and exports serve them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from desktop.models.ops import Op
from desktop.models.snapshot import (
    INDICATOR_FIELDS,
    PROJECT_AMOUNT_FIELDS,
    PROJECT_TEXT_FIELDS,
    Indicator,
    Project,
)
from desktop.money import parse_amount, to_text

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

FORM = "P01"


def project_ids(dataset: Dataset) -> list[str]:
    return [r for r in dataset.rows(FORM) if "." not in r]


def indicator_ids(dataset: Dataset, project: str) -> list[str]:
    return [r for r in dataset.rows(FORM) if r.startswith(f"{project}.")]


def indicators_by_project(dataset: Dataset) -> dict[str, list[str]]:
    """Every project's indicator rows in one pass (a project id holds no dot)."""
    index: dict[str, list[str]] = {}
    for row in dataset.rows(FORM):
        project, dot, _ = row.partition(".")
        if dot:
            index.setdefault(project, []).append(row)
    return index


def _text(dataset: Dataset, cell: str) -> str:
    value = dataset.get(cell)
    return value if isinstance(value, str) else ""


def _indicator(dataset: Dataset, row: str) -> Indicator:
    base = f"{FORM}.{row}."
    texts = {k: _text(dataset, base + k) for k in INDICATOR_FIELDS if k not in ("weight", "score")}
    return Indicator(**texts, weight=dataset.number(base + "weight"), score=dataset.number(base + "score"))


def projects_of(dataset: Dataset) -> tuple[Project, ...]:
    projects = []
    indicators = indicators_by_project(dataset)
    for pid in project_ids(dataset):
        base = f"{FORM}.{pid}."
        amounts = {
            name: value
            for name in (*PROJECT_AMOUNT_FIELDS, "rate")
            if (value := dataset.number(base + name)) is not None
        }
        projects.append(
            Project(
                id=pid,
                amounts=MappingProxyType(amounts),
                indicators=tuple(_indicator(dataset, row) for row in indicators.get(pid, ())),
                **{k: _text(dataset, base + k) for k in PROJECT_TEXT_FIELDS},
            )
        )
    return tuple(projects)


def _value_text(field: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if field in PROJECT_AMOUNT_FIELDS or field in ("weight", "score"):
        return to_text(parse_amount(str(value)))
    return str(value)


def project_ops(raw: Mapping[str, Any], pid: str) -> list[Op]:
    """Ops that create one project with its indicators from an interchange entry."""
    ops = [Op.row(FORM, pid)]
    for name in (*PROJECT_TEXT_FIELDS, *PROJECT_AMOUNT_FIELDS):
        text = _value_text(name, raw.get(name))
        if text is not None:
            ops.append(Op.cell(f"{FORM}.{pid}.{name}", text))
    for k, indicator in enumerate(raw.get("indicators", []), start=1):
        row = f"{pid}.i{k}"
        ops.append(Op.row(FORM, row))
        for name in INDICATOR_FIELDS:
            text = _value_text(name, indicator.get(name))
            if text is not None:
                ops.append(Op.cell(f"{FORM}.{row}.{name}", text))
    return ops


def project_dict(project: Project) -> dict[str, Any]:
    """A project as the interchange JSON writes it."""
    data: dict[str, Any] = {"id": project.id}
    data.update({k: getattr(project, k) for k in PROJECT_TEXT_FIELDS if getattr(project, k)})
    data.update({k: to_text(v) for k, v in project.amounts.items() if k in PROJECT_AMOUNT_FIELDS})
    data["indicators"] = [
        {
            **{k: getattr(ind, k) for k in INDICATOR_FIELDS if k not in ("weight", "score")},
            "weight": _optional_text(ind.weight),
            "score": _optional_text(ind.score),
        }
        for ind in project.indicators
    ]
    return data


def _optional_text(value: Decimal | None) -> str:
    return "" if value is None else to_text(value)


def next_project_id(dataset: Dataset) -> str:
    taken = set(project_ids(dataset))
    return next(f"p{n}" for n in range(1, len(taken) + 2) if f"p{n}" not in taken)


def add_project(dataset: Dataset, name: str, unit: str = "") -> str:
    pid = next_project_id(dataset)
    dataset.apply(project_ops({"name": name, "unit": unit}, pid), label=f"添加项目 {name}", source="typed")
    return pid


def add_indicator(dataset: Dataset, project: str, level1: str = "", level2: str = "") -> str:
    taken = set(indicator_ids(dataset, project))
    row = next(f"{project}.i{k}" for k in range(1, len(taken) + 2) if f"{project}.i{k}" not in taken)
    ops = [Op.row(FORM, row)]
    ops += [Op.cell(f"{FORM}.{row}.{k}", v) for k, v in (("level1", level1), ("level2", level2)) if v]
    dataset.apply(ops, label="添加绩效指标", source="typed")
    return row
