"""Re-deriving rule instances where rows were added or removed, not everywhere.

Almost every rule's instances are local to rows: one per row of a templated rule, one per
cell or per row of the cell-by-cell kinds, one per project (with its indicators) of the 绩效
kinds. Such a rule's instances over some rows are what `instances` derives from a view that
lists only those rows' cells while still answering for every cell (a budget reads the input
leaves of its 预算 cell, anywhere). So after a row change, the instances the old cells of the
touched rows gave are dropped and those their new cells give are added: the same as a full
derivation (tests/unit/test_rules_incremental.py compares the two).

A rule that is not templated and of a kind that reads no cell definitions (compare, check,
yoy, required_text) has one instance that no row change alters. An untemplated budget reads
the definitions of the cells it names and of those they are computed from: it is derived
again when a redefined cell is among them. Any other kind is re-derived in full on every row
change: correct, if slower, for kinds this table does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from desktop.forms.structure import CellDef, Structure
from desktop.rules.ruleset import RuleDef

_STATIC_KINDS = frozenset({"compare", "check", "yoy", "required_text"})
_CELL_KINDS = frozenset({"declared", "nonnegative", "whole", "precision", "printed_sum", "stored", "code"})
_PER_PROJECT = frozenset({"project_weights", "project_grade"})
_NAMED_KINDS = frozenset({"budget"})


class Scope(Enum):
    STATIC = "static"  # one instance, whatever the rows
    ROWS = "rows"  # instances local to rows (or to a project with its indicators)
    NAMED = "named"  # one instance, derived from the cells it reads and what they are made of
    ALL = "all"  # re-derived in full on every row change


def scope(rule: RuleDef) -> Scope:
    if rule.kind in _CELL_KINDS or rule.kind in _PER_PROJECT or rule.param("for_each"):
        return Scope.ROWS
    if rule.kind in _STATIC_KINDS:
        return Scope.STATIC
    return Scope.NAMED if rule.kind in _NAMED_KINDS else Scope.ALL


def computed_from(cells: Iterable[str], dependents: Mapping[str, Iterable[str]]) -> set[str]:
    """The cells and every cell computed from them."""
    seen: set[str] = set()
    stack = list(cells)
    while stack:
        cell_id = stack.pop()
        if cell_id not in seen:
            seen.add(cell_id)
            stack.extend(dependents.get(cell_id, ()))
    return seen


def group(row: str) -> str:
    """Rows whose instances are derived together: a project with its indicators (`p1`, `p1.3`)."""
    return row.partition(".")[0]


class RowRegion(dict[str, CellDef]):
    """The cells of some rows (what iterating it gives), answering for every cell by id."""

    def __init__(self, lookup: Callable[[str], CellDef], ids: Iterable[str]) -> None:
        super().__init__((cell_id, lookup(cell_id)) for cell_id in ids)
        self._lookup = lookup

    def __missing__(self, cell_id: str) -> CellDef:
        return self._lookup(cell_id)

    def __contains__(self, cell_id: object) -> bool:
        return isinstance(cell_id, str) and self.get(cell_id) is not None

    def get(self, cell_id: str, default: CellDef | None = None) -> CellDef | None:  # type: ignore[override]
        try:
            return self[cell_id]
        except KeyError:
            return default


class RowIndex:
    """The cell ids of each row (all forms) and the rows of each group, kept up to date."""

    def __init__(self, cells: Mapping[str, CellDef]) -> None:
        self.ids: dict[str, dict[str, None]] = {}
        self.groups: dict[str, set[str]] = {}
        for cell in cells.values():
            self._add(cell)

    def _add(self, cell: CellDef) -> None:
        self.ids.setdefault(cell.row, {})[cell.id] = None
        self.groups.setdefault(group(cell.row), set()).add(cell.row)

    def rows_of(self, rows: Collection[str]) -> set[str]:
        """The rows derived together with `rows`."""
        return {row for g in {group(r) for r in rows} for row in self.groups.get(g, ())} | set(rows)

    def cells_of(self, rows: Collection[str]) -> list[str]:
        return [cell_id for row in rows for cell_id in self.ids.get(row, ())]

    def redefine(self, old: Mapping[str, CellDef | None], cells: Mapping[str, CellDef]) -> None:
        for cell_id, previous in old.items():
            if cell_id not in cells and previous is not None:
                self.ids[previous.row].pop(cell_id, None)
            elif cell_id in cells and previous is None:
                self._add(cells[cell_id])


@dataclass(frozen=True)
class RowChange:
    """Rows added or removed: the old definitions of the cells that changed (None: new), and
    the cells of the rows derived anew, as they were and as they are."""

    old: Mapping[str, CellDef | None]
    before: RowRegion
    after: RowRegion


def _in_order(rows: set[str], structure: Structure) -> list[str]:
    """The rows as the cells list them where it matters: a project's indicators (whose cells a
    rule lists together) after it, in entry order."""
    if len({group(row) for row in rows}) == len(rows):
        return sorted(rows)
    listed = [row for form_rows in structure.rows.values() for row in form_rows if row in rows]
    return list(dict.fromkeys([*listed, *sorted(rows)]))


def row_change(
    index: RowIndex, old: Mapping[str, CellDef | None], cells: Mapping[str, CellDef], structure: Structure
) -> RowChange:
    """The change `old` describes, bringing `index` up to date."""
    touched = {d.row for d in old.values() if d} | {cells[c].row for c in old if c in cells}
    rows = _in_order(index.rows_of(touched), structure)
    # The index still lists the rows' cells as they were: `old` defines the changed ones.
    before = RowRegion(lambda c: old.get(c) or cells[c], index.cells_of(rows))
    index.redefine(old, cells)
    return RowChange(old, before, RowRegion(cells.__getitem__, index.cells_of(rows)))
