"""The department's own indicator tree in its dataset (meta `perf_tree`): which tree a file has,
the migration of files made before trees were the department's, and the ops that change the
tree with the scores following their indicators (one undoable action)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop.forms.perf_tree import DEFAULT, LEGACY, Doc, Renumbering, leaves, shipped, walk
from desktop.models.ops import Op
from desktop.models.schema import Schema
from desktop.models.values import stored_text

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

PERF_TREE = "perf_tree"  # meta key
FORM = "P02"


def stored(meta: Mapping[str, str]) -> Doc | None:
    text = meta.get(PERF_TREE)
    return json.loads(text) if text else None


def has_scores(schema: Schema) -> bool:
    return bool(schema.Cell.select().where(schema.Cell.cell.startswith(f"{FORM}.")).count())


def initial(scored: bool) -> Doc:
    """A file without a tree of its own was made with the old default: with scores it keeps that
    tree (no score loses its indicator); without, it starts from the common framework."""
    return shipped(LEGACY if scored else DEFAULT)


def ensure(schema: Schema, meta: dict[str, str]) -> None:
    """Give a file its own tree (new files, and the migration of old ones), outside the undo
    history: it is how the file was made, not an edit."""
    if PERF_TREE in meta:
        return
    text = json.dumps(initial(has_scores(schema)), ensure_ascii=False)
    with schema.db.atomic():
        schema.Meta.insert(key=PERF_TREE, value=text).on_conflict_replace().execute()
    meta[PERF_TREE] = text


def _score_cells(dataset: Dataset) -> dict[str, str | None]:
    inputs = dataset.calc().inputs
    return {c: stored_text(v) for c, v in inputs.items() if c.startswith(f"{FORM}.") and c.endswith(".score")}


def tree_ops(dataset: Dataset, doc: Doc, renumbering: Renumbering | None) -> list[Op]:
    """Store a new tree; scores follow their indicators (a removed indicator's score goes)."""
    ops = [Op.meta(PERF_TREE, json.dumps(doc, ensure_ascii=False))]
    if renumbering is None:
        return ops
    scores = _score_cells(dataset)
    ops += [Op.cell(cell, None) for cell in scores]  # cleared first, then set again
    for cell, value in scores.items():
        new = renumbering.get(cell.split(".")[1])
        if new is not None and new in leaves(doc):
            ops.append(Op.cell(f"{FORM}.{new}.score", value))
    return ops


def _key(name: str) -> str:
    return re.sub(r"[\s“”\"'‘’（）()、，,。.]", "", name)


def by_name(old: Doc, new: Doc) -> Renumbering:
    """Loading another tree: a scored indicator keeps its score where the other tree has an
    indicator of the same name at the same level (and under a parent of the same name)."""

    def places(doc: Doc) -> dict[tuple[int, str, str], str]:
        return {
            (level, _key(parent["name"]) if parent else "", _key(node["name"])): node["code"]
            for node, parent, level in walk(doc)
        }

    new_places = places(new)
    return {code: new_places[place] for place, code in places(old).items() if place in new_places}
