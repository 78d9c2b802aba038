"""The interchange document's schema (DESIGN.md), checked before a document is used: types,
keys, sizes, ranges and nesting depth. A JSON file and a bundle's data.json both pass here,
so a crafted document gets a list of messages, each naming the field, never a traceback.
Values are checked as amounts later, by the import, which names the cell."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from typing import Any

from desktop.forms.perf_tree import MAX_LEVELS
from desktop.models.snapshot import INDICATOR_FIELDS, PROJECT_AMOUNT_FIELDS, PROJECT_TEXT_FIELDS
from desktop.money import MAX_AMOUNT, AmountError, parse_amount, range_problem

MAX_DEPTH = 12  # a 绩效 tree in scores.tree: three levels of nodes with their rubric points reach 11
MAX_ENTRIES = 200_000  # cells of one year
MAX_LIST = 5_000  # units, projects, indicators of a project
MAX_KEY = 200  # characters of a key
MAX_VALUE = 100_000  # characters of a text
MAX_PROBLEMS = 50
_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
_NODE_TEXTS = ("code", "name", "explanation", "rubric", "rubric_kind", "source")
_PROJECT_KEYS = {"id", "indicators", *PROJECT_TEXT_FIELDS, *PROJECT_AMOUNT_FIELDS}
_SHAPES = {
    "department": ({"name", "year"}, {"code"}),
    "unit": ({"id", "name", "kind"}, {"code", "cells", "prior"}),  # cells, prior: the unit's own figures
    "scores": (set(), {"tree", "values"}),
}

Check = Callable[[Any, str], Iterator[str]]


def depth_problem(doc: Any) -> str | None:
    """Nesting deeper than MAX_DEPTH, found without recursion. Only containers are stacked
    (a document is mostly scalars), but any child of one at the deepest allowed level is."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"嵌套超过 {MAX_DEPTH} 层"
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        deepest = depth == MAX_DEPTH
        stack.extend((child, depth + 1) for child in children if deepest or isinstance(child, (dict, list)))
    return None


def document_problems(doc: Any, amounts: list[str] | None = None) -> list[str]:
    """Every violation of the schema, as 'field：message' (at most MAX_PROBLEMS). `amounts`: a
    list that gets, in the same pass over the values, each cell value (the department's and
    its units', both years) that reads as a number out of the amount range, as
    'field：message' (a bundle's streaming check, which does not import it)."""
    if not isinstance(doc, dict):
        return ["（整个文件）：应为 JSON 对象"]
    deep = depth_problem(doc)
    if deep is not None:
        return [f"（整个文件）：{deep}"]
    problems: list[str] = []
    for key, check in (_TOP if amounts is None else _checking_amounts(amounts)).items():
        if key in doc:
            problems.extend(check(doc[key], key))
        if len(problems) >= MAX_PROBLEMS:
            break
    if "department" not in doc:
        problems.append("department：缺少")
    return problems[:MAX_PROBLEMS]


def _text(value: Any, field: str, limit: int = MAX_VALUE) -> Iterator[str]:
    if not isinstance(value, str):
        yield f"{field}：应为文字，实为 {_type(value)}"
    elif len(value) > limit:
        yield f"{field}：超过 {limit} 个字符"


def _scalar(value: Any, field: str) -> Iterator[str]:
    """A cell value: text, a number in the amount range, or null."""
    if value is None or isinstance(value, str):
        yield from _text(value, field) if value is not None else ()
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        yield f"{field}：应为文字或数字，实为 {_type(value)}"
    elif not math.isfinite(value) or abs(value) >= MAX_AMOUNT:
        yield f"{field}：数字超出范围（绝对值须小于 10¹⁵）"


def _object(value: Any, field: str, limit: int, check: Check) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    if len(value) > limit:
        yield f"{field}：超过 {limit} 项"
        return
    for key, item in value.items():
        if len(key) > MAX_KEY:
            yield f"{field}：键“{key[:40]}…”太长"
        else:
            yield from check(item, f"{field}.{key}")


def _list(value: Any, field: str, check: Check) -> Iterator[str]:
    if not isinstance(value, list):
        yield f"{field}：应为列表，实为 {_type(value)}"
    elif len(value) > MAX_LIST:
        yield f"{field}：超过 {MAX_LIST} 项"
    else:
        for index, item in enumerate(value):
            yield from check(item, f"{field}[{index}]")


def _keys(value: Any, field: str, shape: str) -> Iterator[str]:
    required, optional = _SHAPES[shape]
    yield from (f"{field}.{key}：缺少" for key in sorted(required - set(value)))
    yield from (f"{field}.{key}：不是可识别的键" for key in sorted(set(value) - required - optional))


def _department(value: Any, field: str) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    yield from _keys(value, field, "department")
    yield from _text(value.get("name", ""), f"{field}.name", 200)
    yield from _text(value.get("code", ""), f"{field}.code", 60)
    year = value.get("year", 2000)
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        yield f"{field}.year：应为 1900–2999 之间的整数年度"


def _unit(value: Any, field: str, amounts: list[str] | None = None) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    yield from _keys(value, field, "unit")
    yield from _identifier(value.get("id", "u"), f"{field}.id")
    yield from _text(value.get("name", ""), f"{field}.name", 200)
    yield from _text(value.get("kind", ""), f"{field}.kind", 40)
    yield from _text(value.get("code", ""), f"{field}.code", 60)
    for year in ("cells", "prior"):
        if year in value:
            yield from _cells(value[year], f"{field}.{year}", amounts)


def _identifier(value: Any, field: str) -> Iterator[str]:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        yield f"{field}：应为 1–40 个字母、数字、_ 或 -"


def _project(value: Any, field: str) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    yield from (f"{field}.{k}：不是可识别的键" for k in sorted(set(value) - _PROJECT_KEYS))
    yield from _identifier(value.get("id"), f"{field}.id")
    for key in (*PROJECT_TEXT_FIELDS, *PROJECT_AMOUNT_FIELDS):
        if key in value:
            yield from _scalar(value[key], f"{field}.{key}")
    yield from _list(value.get("indicators", []), f"{field}.indicators", _indicator)


def _indicator(value: Any, field: str) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    yield from (f"{field}.{k}：不是可识别的键" for k in sorted(set(value) - set(INDICATOR_FIELDS)))
    for key, item in value.items():
        yield from _scalar(item, f"{field}.{key}")


def _scores(value: Any, field: str) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    yield from _keys(value, field, "scores")
    yield from _tree(value.get("tree", ""), f"{field}.tree")
    yield from _object(value.get("values", {}), f"{field}.values", MAX_LIST, _scalar)


def tree_problems(doc: Any) -> list[str]:
    """Every violation in a 绩效 tree document (a template file), as in `document_problems`."""
    deep = depth_problem(doc)
    return [f"（整个文件）：{deep}"] if deep else list(_tree(doc, "指标体系"))[:MAX_PROBLEMS]


def _tree(value: Any, field: str) -> Iterator[str]:
    """The department's 绩效 tree (desktop.forms.perf_tree), or the old name of a shipped one.
    Only what the tree's readers compute with is checked; other keys are the department's."""
    if isinstance(value, str):
        yield from _text(value, field, 40)
    elif not isinstance(value, dict):
        yield f"{field}：应为指标体系（对象）或其名称，实为 {_type(value)}"
    elif not isinstance(value.get("children"), list) or not value["children"]:
        yield f"{field}：不是指标体系文件：缺少指标（children）"
    else:
        yield from _nodes(value["children"], f"{field}.children", 1)


def _nodes(value: Any, field: str, level: int) -> Iterator[str]:
    if level > MAX_LEVELS:
        yield f"{field}：指标体系最多 {MAX_LEVELS} 级"
    else:
        yield from _list(value, field, lambda node, f: _node(node, f, level))


def _node(value: Any, field: str, level: int) -> Iterator[str]:
    if not isinstance(value, dict):
        yield f"{field}：应为对象，实为 {_type(value)}"
        return
    for key in _NODE_TEXTS:
        if key in value:
            yield from _text(value[key], f"{field}.{key}")
    if not _tree_number(value.get("weight", 0)):
        yield f"{field}.weight：应为 0 到 10¹⁵ 之间的数（分值）"
    points = value.get("rubric_points") or []
    if not isinstance(points, list) or not all(_tree_number(p) for p in points):
        yield f"{field}.rubric_points：应为 0 到 10¹⁵ 之间的数的列表"
    if value.get("children"):
        yield from _nodes(value["children"], f"{field}.children", level + 1)


def _tree_number(value: Any) -> bool:
    """A 分值: a number, or text of one, from 0 below the amount range."""
    if isinstance(value, str):
        try:
            value = parse_amount(value)
        except AmountError:
            return False
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return False
    return bool(0 <= value < MAX_AMOUNT)


def _cells(value: Any, field: str, amounts: list[str] | None = None) -> Iterator[str]:
    """`_object` of `_scalar`s, the commonest entry (a short key, a short text) on a short path:
    a year holds thousands. With `amounts`, see `document_problems`."""
    if not isinstance(value, dict) or len(value) > MAX_ENTRIES:
        yield from _object(value, field, MAX_ENTRIES, _scalar)
        return
    for key, item in value.items():
        if len(key) > MAX_KEY or not isinstance(item, str) or len(item) > MAX_VALUE:
            problems = list(_object({key: item}, field, MAX_ENTRIES, _scalar))
            if problems:
                yield from problems
                continue
        if amounts is not None and (problem := range_problem(item)) is not None:
            amounts.append(f"{field}.{key}：{problem}")


def _texts(value: Any, field: str) -> Iterator[str]:
    yield from _object(value, field, MAX_LIST, lambda v, f: _text(v, f) if v is not None else iter(()))


def _unique(value: Any, field: str) -> Iterator[str]:
    ids = Counter(
        item.get("id") for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)
    )
    yield from (f"{field}：id“{i}”重复" for i, n in sorted(ids.items()) if n > 1)


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _unique_codes(value: Any, field: str) -> Iterator[str]:
    """单位代码 name units in imports and consolidation: two units may not share one."""
    codes = Counter(
        code
        for item in value
        if isinstance(item, dict) and isinstance(code := item.get("code"), str) and code
    )
    yield from (f"{field}：单位代码“{c}”重复" for c, n in sorted(codes.items()) if n > 1)


def _type(value: Any) -> str:
    names = {dict: "对象", list: "列表", str: "文字", bool: "true/false", int: "数字", float: "数字"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _names(value: Any, field: str) -> Iterator[str]:
    """Names a workbook gave codes the code list lacks: "functional.2013999" → text."""
    yield from _object(value, field, MAX_LIST, _text)


def _units(value: Any, field: str, unit: Check = _unit) -> Iterator[str]:
    checks = (_unique(value, field), _unique_codes(value, field)) if isinstance(value, list) else ()
    return chain(_list(value, field, unit), *checks)


_TOP: dict[str, Check] = {
    "edition": _identifier,
    "department": _department,
    "units": _units,
    "cells": _cells,
    "prior": _cells,
    "texts": _texts,
    "projects": lambda v, f: chain(_list(v, f, _project), _unique(v, f) if isinstance(v, list) else ()),
    "scores": _scores,
    "names": _names,
}


def _checking_amounts(amounts: list[str]) -> dict[str, Check]:
    """`_TOP` with the cells (the department's and its units') checked as amounts too."""
    cells = partial(_cells, amounts=amounts)
    unit = partial(_unit, amounts=amounts)
    return {**_TOP, "units": partial(_units, unit=unit), "cells": cells, "prior": cells}
