"""The nesting limit of an interchange document: a document nested to the limit passes, and one
level deeper — a container or a single value — is refused, wherever it sits."""

from __future__ import annotations

from typing import Any

from desktop.models.doc_schema import MAX_DEPTH, depth_problem


def nested(levels: int, leaf: Any) -> Any:
    """`levels` containers, alternating objects and lists, around `leaf` (depth levels + 1)."""
    node = leaf
    for level in range(levels):
        node = {"k": node} if level % 2 else [node]
    return node


def test_nesting_to_the_limit_passes_and_one_deeper_is_refused() -> None:
    for leaf in ("1.00", None, 5, [], {}):
        assert depth_problem(nested(MAX_DEPTH - 1, leaf)) is None, leaf  # the leaf at the limit
        at_limit = {"cells": {"a": "1"}, "x": nested(MAX_DEPTH - 2, leaf)}
        assert depth_problem(at_limit) is None, leaf
        too_deep = {"cells": {"a": "1"}, "x": nested(MAX_DEPTH - 1, leaf)}
        assert depth_problem(too_deep) == f"嵌套超过 {MAX_DEPTH} 层", leaf
    wide = {"cells": {str(n): str(n) for n in range(5000)}, "texts": [nested(MAX_DEPTH - 3, "a")]}
    assert depth_problem(wide) is None
