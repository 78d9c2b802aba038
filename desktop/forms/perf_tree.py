"""The 部门整体支出绩效评价 indicator tree as a document (resources/perf-tree/README.md).

A department's tree lives in its dataset; the shipped documents are starting points. Edits are
pure functions that return a new document and the renumbering of its codes (codes follow the
position: A, A1, A11 …), so scores can follow their indicators.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from desktop.forms.catalogue import Catalogue, TreeNode
from desktop.resources import RESOURCES

FORMAT = "juesuan-perf-tree"
DEFAULT, LEGACY = "default", "legacy-2020"
MAX_LEVELS = 3  # 一级 / 二级 / 三级
Doc = dict[str, Any]
Node = dict[str, Any]
Renumbering = dict[str, str]  # old code → new code (a removed node is absent)
LEVEL_NAMES = ("一级", "二级", "三级")


class TreeError(ValueError):
    """A tree document that cannot be used; the message is for the clerk."""


@functools.cache
def _shipped_text(name: str) -> str:
    return (RESOURCES / "perf-tree" / f"{name}.json").read_text(encoding="utf-8")


def shipped(name: str = DEFAULT) -> Doc:
    """A fresh copy of a shipped tree (default: the common framework)."""
    return validate(json.loads(_shipped_text(name)))


# --- reading ----------------------------------------------------------------------------


def _weight(node: Node) -> Decimal:
    try:
        weight = Decimal(str(node.get("weight", "0")))
    except InvalidOperation as exc:
        raise TreeError(f"指标“{node.get('name', '')}”的分值“{node.get('weight')}”不是数字") from exc
    if weight < 0:
        raise TreeError(f"指标“{node.get('name', '')}”的分值不能为负数")
    return weight


def validate(doc: Any) -> Doc:
    """A usable tree (names, weights, at most three levels), scores dropped; else TreeError."""
    if not isinstance(doc, dict) or not isinstance(doc.get("children"), list) or not doc["children"]:
        raise TreeError("不是指标体系文件：缺少指标（children）")
    if doc.get("format", FORMAT) != FORMAT:
        raise TreeError(f"不是指标体系文件（format 为 {doc.get('format')!r}）")
    clean = {k: v for k, v in doc.items() if k not in ("score", "grade", "grade_printed")}

    def walk(nodes: list[Any], level: int) -> list[Node]:
        if level > MAX_LEVELS and nodes:
            raise TreeError("指标体系最多三级")
        out = []
        for raw in nodes:
            if not isinstance(raw, dict) or not str(raw.get("name", "")).strip():
                raise TreeError(f"{LEVEL_NAMES[level - 1]}指标缺少名称")
            node = {k: v for k, v in raw.items() if k not in ("score", "printed_code")}
            node["name"] = str(raw["name"]).strip()
            node["weight"] = _number(_weight(raw))
            node["children"] = walk(list(raw.get("children") or []), level + 1)
            if not node["children"]:
                node.pop("children")
            out.append(node)
        return out

    clean["children"] = walk(doc["children"], 1)
    return renumber(clean)[0]


def _number(value: Decimal) -> int | float:
    """JSON numbers as the shipped files write them (2, 0.5)."""
    return int(value) if value == value.to_integral_value() else float(value)


def walk(doc: Doc) -> Iterator[tuple[Node, Node | None, int]]:
    """Every node with its parent and level, in reading order."""

    def go(nodes: list[Node], parent: Node | None, level: int) -> Iterator[tuple[Node, Node | None, int]]:
        for node in nodes:
            yield node, parent, level
            yield from go(node.get("children", []), node, level + 1)

    yield from go(doc["children"], None, 1)


def nodes_of(doc: Doc) -> tuple[TreeNode, ...]:
    """The tree as the catalogue's nodes (a parent's weight is the sum of its leaves)."""
    return tuple(
        TreeNode(
            code=node["code"],
            name=node["name"],
            weight=weight_of(node),
            parent=parent["code"] if parent else None,
            level=level,
            explanation=str(node.get("explanation", "")),
            rubric=str(node.get("rubric", "")),
            source=str(node.get("source", "")),
        )
        for node, parent, level in walk(doc)
    )


def weight_of(node: Node) -> Decimal:
    children = node.get("children")
    if children:
        return sum((weight_of(c) for c in children), Decimal(0))
    return Decimal(str(node.get("weight", 0)))


def total_weight(doc: Doc) -> Decimal:
    return sum((weight_of(n) for n in doc["children"]), Decimal(0))


def with_tree(catalogue: Catalogue, doc: Doc, form_id: str = "P02") -> Catalogue:
    """The catalogue with a department's own tree in its scoring form."""
    form = catalogue.forms.get(form_id)
    if form is None:
        return catalogue
    forms = dict(catalogue.forms)
    forms[form_id] = replace(form, tree=nodes_of(doc))
    return Catalogue(MappingProxyType(forms))


def leaves(doc: Doc) -> dict[str, Node]:
    return {node["code"]: node for node, _parent, _level in walk(doc) if not node.get("children")}


# --- codes follow positions ---------------------------------------------------------------


def _child_code(parent: str, k: int, count: int) -> str:
    if not parent:
        return chr(ord("A") + k) if k < 26 else f"Z{k - 25}"
    return f"{parent}{k + 1}" if count < 10 else f"{parent}_{k + 1:02d}"


def renumber(doc: Doc) -> tuple[Doc, Renumbering]:
    """A copy whose codes follow the positions, and how the old codes map to the new ones."""
    new = copy.deepcopy(doc)
    mapping: Renumbering = {}

    def go(nodes: list[Node], parent: str) -> None:
        for k, node in enumerate(nodes):
            code = _child_code(parent, k, len(nodes))
            if "code" in node:
                mapping[str(node["code"])] = code
            node["code"] = code
            go(node.get("children", []), code)

    go(new["children"], "")
    new["weight"] = _number(total_weight(new))
    return new, mapping


def as_template(doc: Doc, title: str) -> Doc:
    """The tree as a file another department can load (no scores, a title of its own)."""
    template = copy.deepcopy(doc)
    template.update(format=FORMAT, version=1, title=title)
    return template
