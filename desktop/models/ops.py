"""Change records: the primitive changes every edit, import and undo is made of.

Build them with the typed constructors (`Op.cell`, `Op.row`, …) rather than by kind string, so a
misspelt kind or a row target without its form cannot be written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

POSITION_MARK = "@"  # a row op's value "@17": present at position 17 (any other value: append)
PRESENT = "1"  # a row op's value that appends the row
KINDS = ("cell", "declared", "text", "row", "unit", "unit_cell", "meta")
UNIT_CELL_MARK = "/"  # "u2/G05.2010601.basic": a cell of unit u2 (cell ids hold no "/")


@dataclass(frozen=True)
class Op:
    """One primitive change. kind: cell | declared | text | row | unit | unit_cell | meta."""

    kind: str
    year: str
    target: str
    new: str | None

    @classmethod
    def cell(cls, cell: str, value: str | None, year: str = "current") -> Op:
        """An input cell's stored text (None clears it)."""
        return cls("cell", year, cell, value)

    @classmethod
    def declared(cls, cell: str, value: str | None, year: str = "current") -> Op:
        """The value an imported file gave for a computed cell (checked, never used)."""
        return cls("declared", year, cell, value)

    @classmethod
    def row(cls, form: str, row: str, present: bool = True, year: str = "current") -> Op:
        """A dynamic row added at the end (or removed)."""
        return cls("row", year, row_target(form, row), PRESENT if present else None)

    @classmethod
    def text(cls, key: str, value: str | None) -> Op:
        return cls("text", "", key, value)

    @classmethod
    def meta(cls, key: str, value: str | None) -> Op:
        """A setting or a mark of the file (the department block, flags, names)."""
        return cls("meta", "", key, value)

    @classmethod
    def unit(cls, unit_id: str, payload: str | None) -> Op:
        """A unit's entry (its JSON payload), or its removal."""
        return cls("unit", "", unit_id, payload)

    @classmethod
    def unit_cell(cls, unit_id: str, cell: str, value: str | None, year: str = "current") -> Op:
        """One unit's input cell (a department entered unit by unit)."""
        return cls("unit_cell", year, unit_cell_target(unit_id, cell), value)


@dataclass(frozen=True)
class LoggedOp:
    op: Op
    old: str | None


def row_target(form: str, row: str) -> str:
    return f"{form}|{row}"


def unit_cell_target(unit_id: str, cell: str) -> str:
    return f"{unit_id}{UNIT_CELL_MARK}{cell}"


def split_unit_cell(target: str) -> tuple[str, str]:
    unit_id, _, cell = target.rpartition(UNIT_CELL_MARK)
    return unit_id, cell


def split_row_target(target: str) -> tuple[str, str]:
    form, row = target.split("|", 1)
    return form, row


def final(ops: Iterable[Op]) -> list[Op]:
    """One op per target with the value the last one leaves (a replace clears, then sets)."""
    last: dict[tuple[str, str, str], Op] = {}
    for op in ops:
        last[(op.kind, op.year, op.target)] = op
    return list(last.values())


def changes(item: LoggedOp) -> bool:
    """Whether an op changes anything: adding a row that is there already does not."""
    if item.op.kind == "row" and item.op.new is not None and not item.op.new.startswith(POSITION_MARK):
        return item.old is None
    return item.old != item.op.new
