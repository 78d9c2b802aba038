"""Editing a department's indicator tree: rename, reweigh, add, remove, move, 升级 / 降级.

Each edit returns a new document and the renumbering of the codes (desktop.forms.perf_tree),
so the scores of the indicators that stay follow them. A leaf that gets a first 下级指标 hands
its weight and its score to it; a parent that loses its last one keeps their weight as its own.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from desktop.forms.perf_tree import MAX_LEVELS, Doc, Node, Renumbering, TreeError, renumber, weight_of

NEW_NAME = "新指标"
HANDOVER = "~"  # marks the code a leaf gives to its first child, so its score moves with it
Edited = tuple[Doc, Renumbering, str]  # the tree, the codes' renumbering, the code to show next


def _find(doc: Doc, code: str) -> tuple[list[Node], int, Node | None, int]:
    """The list holding a node, its index there, its parent and its level."""

    def go(
        nodes: list[Node], parent: Node | None, level: int
    ) -> tuple[list[Node], int, Node | None, int] | None:
        for k, node in enumerate(nodes):
            if node["code"] == code:
                return nodes, k, parent, level
            found = go(node.get("children", []), node, level + 1)
            if found is not None:
                return found
        return None

    found = go(doc["children"], None, 1)
    if found is None:
        raise TreeError(f"指标体系中没有 {code}")
    return found


def _depth(node: Node) -> int:
    children = node.get("children", [])
    return 1 + max((_depth(c) for c in children), default=0)


def _done(doc: Doc, node: Node) -> Edited:
    marker = str(node["code"])
    new, mapping = renumber(doc)
    return new, mapping, mapping.get(marker, marker)


def rename(doc: Doc, code: str, name: str) -> Doc:
    if not name.strip():
        raise TreeError("指标名称不能为空")
    new = copy.deepcopy(doc)
    siblings, k, _parent, _level = _find(new, code)
    siblings[k]["name"] = name.strip()
    return new


def set_weight(doc: Doc, code: str, weight: Decimal) -> Doc:
    if weight < 0:
        raise TreeError("分值不能为负数")
    new = copy.deepcopy(doc)
    siblings, k, _parent, _level = _find(new, code)
    if siblings[k].get("children"):
        raise TreeError("上级指标的分值是其下级指标分值之和：请修改下级指标的分值")
    siblings[k]["weight"] = int(weight) if weight == weight.to_integral_value() else float(weight)
    return new


def add(doc: Doc, code: str | None, *, child: bool) -> Edited:
    """A new indicator after `code` (same level) or as its last 下级指标 (None: a new 一级)."""
    new = copy.deepcopy(doc)
    node: Node = {"code": "+", "name": NEW_NAME, "weight": 0}
    if code is None:
        new["children"].append(node)
        return _done(new, node)
    siblings, k, _parent, level = _find(new, code)
    if not child:
        siblings.insert(k + 1, node)
        return _done(new, node)
    if level >= MAX_LEVELS:
        raise TreeError("三级指标下不能再添加下级指标")
    owner = siblings[k]
    if not owner.get("children"):  # a leaf hands its weight and its score to its first child
        node.update(code=owner["code"], weight=owner.get("weight", 0))
        owner["code"] = HANDOVER + owner["code"]
    owner.setdefault("children", []).append(node)
    return _done(new, node)


def remove(doc: Doc, code: str) -> Edited:
    new = copy.deepcopy(doc)
    siblings, k, parent, _level = _find(new, code)
    if parent is None and len(siblings) == 1:
        raise TreeError("指标体系至少要有一个一级指标")
    gone = siblings.pop(k)
    if parent is not None and not siblings:
        parent.pop("children")
        parent["weight"] = weight_of(gone)
    after = siblings[min(k, len(siblings) - 1)] if siblings else parent
    new, mapping = renumber(new)
    return new, mapping, mapping.get(after["code"], "") if after else ""


def move(doc: Doc, code: str, delta: int) -> Edited:
    new = copy.deepcopy(doc)
    siblings, k, _parent, _level = _find(new, code)
    target = k + delta
    if not 0 <= target < len(siblings):
        raise TreeError("已经在最前面" if delta < 0 else "已经在最后面")
    siblings[k], siblings[target] = siblings[target], siblings[k]
    return _done(new, siblings[target])


def indent(doc: Doc, code: str) -> Edited:
    """降级: the indicator becomes the last 下级指标 of the one above it."""
    new = copy.deepcopy(doc)
    siblings, k, _parent, level = _find(new, code)
    if k == 0:
        raise TreeError("前面没有同级指标，不能降级")
    above = siblings[k - 1]
    if not above.get("children"):
        raise TreeError(f"“{above['name']}”还没有下级指标：请先为它添加下级指标")
    node = siblings[k]
    if level + _depth(node) > MAX_LEVELS:
        raise TreeError("降级后会超过三级")
    above["children"].append(siblings.pop(k))
    return _done(new, node)


def outdent(doc: Doc, code: str) -> Edited:
    """升级: the indicator becomes the next sibling of its 上级指标."""
    new = copy.deepcopy(doc)
    siblings, k, parent, _level = _find(new, code)
    if parent is None:
        raise TreeError("一级指标不能再升级")
    node = siblings.pop(k)
    if not siblings:
        parent.pop("children")
        parent["weight"] = weight_of(node)
    holder, p, _grand, _up = _find(new, parent["code"])
    holder.insert(p + 1, node)
    return _done(new, node)
