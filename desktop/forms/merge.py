"""How an edition overrides its parent: one merge rule for every data file (forms, rules, template).

- A table (TOML `[x]`) merges key by key: the child's value of a key replaces the parent's,
  a table under the key merges again.
- An array of tables whose entries carry an `id` (`[[columns]]`, `[[rows]]`, `[[section]]` …)
  merges by id: a child entry with a parent's id patches that entry in place; `remove = true`
  drops it; a new id is appended, or placed with `after = "<id>"` / `before = "<id>"`.
- `replace = true` in a child table stops the merge: the child's table stands alone.
- Anything else (numbers, strings, plain arrays) is replaced by the child's value.

The markers `remove`, `replace`, `after` and `before` never reach the merged result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MARKERS = ("remove", "replace", "after", "before")


class MergeError(ValueError):
    """A child entry that cannot be merged; the message names where."""


def merge(parent: Mapping[str, Any], child: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    """The child's data over the parent's, by the rules above."""
    if child.get("replace"):
        return {k: strip_markers(v) for k, v in child.items() if k not in MARKERS}
    merged = dict(parent)
    for key, value in child.items():
        if key in MARKERS:
            continue
        merged[key] = _merge_value(merged.get(key), value, f"{where}.{key}" if where else key)
    return merged


def _merge_value(old: Any, new: Any, where: str) -> Any:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return merge(old, new, where)
    if _is_id_list(old) and _is_id_list(new):
        return merge_by_id(old, new, where)
    return strip_markers(new)


def _is_id_list(value: Any) -> bool:
    return (
        isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) and "id" in v for v in value)
    )


def merge_by_id(
    parent: Sequence[Mapping[str, Any]], child: Sequence[Mapping[str, Any]], where: str
) -> list[Any]:
    """Entries patched, dropped, appended or placed by id (see the module's rules)."""
    entries: list[dict[str, Any]] = [dict(e) for e in parent]
    for patch in child:
        ids = [str(e["id"]) for e in entries]
        key = str(patch["id"])
        if key in ids:
            index = ids.index(key)
            if patch.get("remove"):
                del entries[index]
                continue
            entries[index] = merge(entries[index], patch, f"{where}[{key}]")
            if "after" in patch or "before" in patch:
                moved = entries.pop(index)
                entries.insert(_place(entries, patch, where), moved)
        elif patch.get("remove"):
            raise MergeError(f"{where}: 要删除的 {key!r} 在上级版本中不存在")
        else:
            entries.insert(_place(entries, patch, where), strip_markers(patch))
    return entries


def _place(entries: list[dict[str, Any]], patch: Mapping[str, Any], where: str) -> int:
    ids = [str(e["id"]) for e in entries]
    for marker, offset in (("after", 1), ("before", 0)):
        if marker in patch:
            anchor = str(patch[marker])
            if anchor not in ids:
                raise MergeError(f"{where}[{patch['id']}]: {marker} = {anchor!r} 不存在")
            return ids.index(anchor) + offset
    return len(entries)


def strip_markers(value: Any) -> Any:
    """A copy without the merge markers, at every depth."""
    if isinstance(value, Mapping):
        return {k: strip_markers(v) for k, v in value.items() if k not in MARKERS}
    if isinstance(value, list):
        return [strip_markers(v) for v in value]
    return value
