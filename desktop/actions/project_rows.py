"""Reordering and inserting projects and indicators (P01), each one undoable action; and what
the project pages read to decide (a row's contents, whether it holds figures, a 一级 group).

The Dataset keeps rows in entry order and has no op that moves a row. So a move rewrites
values: the rows stay where they are and their contents change places (rows are added or
dropped at a project's end when the number of indicators changes). All ops go to one
`dataset.apply`, which is one undo step.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop.models.dataset import Dataset, EditResult
from desktop.models.ops import Op
from desktop.models.projects import FORM, indicator_ids
from desktop.models.values import stored_text
from desktop.perf.templates import canonical_level1

Content = dict[str, str | None]


def indicator_fields(dataset: Dataset) -> tuple[str, ...]:
    return tuple(c.id for c in dataset.catalogue.form(FORM).indicator_columns)


def project_fields(dataset: Dataset) -> tuple[str, ...]:
    """The input fields of a project (computed 执行率 and 预算执行得分 left out)."""
    return tuple(c.id for c in dataset.catalogue.form(FORM).columns if not c.formula)


def row_content(dataset: Dataset, row: str, fields: tuple[str, ...]) -> Content:
    inputs = dataset.calc().inputs
    return {f: stored_text(inputs.get(f"{FORM}.{row}.{f}")) for f in fields}


def indicator_contents(dataset: Dataset, project: str) -> list[Content]:
    fields = indicator_fields(dataset)
    return [row_content(dataset, row, fields) for row in indicator_ids(dataset, project)]


def _cell_ops(row: str, content: Content) -> list[Op]:
    return [Op.cell(f"{FORM}.{row}.{f}", v) for f, v in content.items()]


def _fresh_rows(project: str, taken: list[str]) -> Iterator[str]:
    k = 0
    while True:
        k += 1
        if f"{project}.i{k}" not in taken:
            yield f"{project}.i{k}"


def _indicators_ops(dataset: Dataset, project: str, contents: list[Content]) -> list[Op]:
    """Ops that leave `project` with exactly these indicators, in this order."""
    ids = indicator_ids(dataset, project)
    fresh = _fresh_rows(project, ids)
    ops: list[Op] = []
    for k, content in enumerate(contents):
        row = ids[k] if k < len(ids) else next(fresh)
        if k >= len(ids):
            ops.append(Op.row(FORM, row))
        ops += _cell_ops(row, content)
    blank = dict.fromkeys(indicator_fields(dataset))
    # Last row first: undo replays a batch backwards, so the rows come back in their order.
    for row in reversed(ids[len(contents) :]):
        ops += [*_cell_ops(row, blank), Op.row(FORM, row, present=False)]
    return ops


def move_indicator(dataset: Dataset, project: str, index: int, delta: int, label: str) -> EditResult | None:
    """Swap indicator `index` with its neighbour `delta` rows away; None at either end."""
    contents = indicator_contents(dataset, project)
    other = index + delta
    if not (0 <= index < len(contents) and 0 <= other < len(contents)):
        return None
    contents[index], contents[other] = contents[other], contents[index]
    return _apply(dataset, _indicators_ops(dataset, project, contents), label)


def insert_indicator(dataset: Dataset, project: str, at: int, values: Content, label: str) -> EditResult:
    """A new indicator at position `at` (the ones below move down a row)."""
    contents = indicator_contents(dataset, project)
    content: Content = dict.fromkeys(indicator_fields(dataset))
    content.update({k: v or None for k, v in values.items() if k in content})
    contents.insert(max(0, min(at, len(contents))), content)
    return _apply(dataset, _indicators_ops(dataset, project, contents), label)


def group_end(contents: list[Content], level1: str) -> int | None:
    """The position after the last indicator under this 一级 (aliases match), or None."""
    key = canonical_level1(level1)
    last = [k for k, c in enumerate(contents) if canonical_level1(c.get("level1") or "") == key]
    return last[-1] + 1 if last else None


def group_spelling(contents: list[Content], level1: str) -> str:
    """How this project spells the 一级 already (项目完成 rather than 产出指标), else as given."""
    key = canonical_level1(level1)
    found = (c.get("level1") or "" for c in contents)
    return next((s for s in found if s and canonical_level1(s) == key), level1)


def swap_projects(dataset: Dataset, first: str, second: str, label: str) -> EditResult:
    """Two projects trade their fields and indicators (their ids and places stay)."""
    fields = project_fields(dataset)
    a, b = row_content(dataset, first, fields), row_content(dataset, second, fields)
    ops = _cell_ops(first, b) + _cell_ops(second, a)
    a_rows, b_rows = indicator_contents(dataset, first), indicator_contents(dataset, second)
    ops += _indicators_ops(dataset, first, b_rows) + _indicators_ops(dataset, second, a_rows)
    return _apply(dataset, ops, label)


def _apply(dataset: Dataset, ops: list[Op], label: str) -> EditResult:
    return dataset.apply(ops, label=label, source="typed")


def has_figures(content: Content, ignore: tuple[str, ...] = ("level1", "level2")) -> bool:
    return any(v for k, v in content.items() if k not in ignore)
