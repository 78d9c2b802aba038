"""The SQL that reads a dataset's tables into plain values and writes change records into them.

Writes are in bulk (an import carries thousands of changes) and hold no transaction of their
own: the caller's transaction makes a change and its log one commit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.models.ops import POSITION_MARK, Op, final, split_row_target, split_unit_cell
from desktop.models.schema import YEARS, Schema, bulk_delete, bulk_insert
from desktop.models.snapshot import Unit

Item = tuple[str, str, str | None]  # year, target, new value
Placed = dict[tuple[str, str], int | None]  # (year, row target) → its position, None: removed
_ROWS = 'SELECT form, "row", position FROM "row_entry" WHERE year = ? ORDER BY position'
_CELLS = 'SELECT cell, value FROM "cell" WHERE year = ?'
_DECLARED = 'SELECT cell, value FROM "declared" WHERE year = ?'
_UNIT_CELLS = 'SELECT unit, cell, value FROM "unit_cell" WHERE year = ?'
_LAST_POSITION = 'SELECT MAX(position) FROM "row_entry"'


@dataclass
class StoredYear:
    """One year as stored: dynamic rows in entry order, input cells and file totals as text."""

    rows: list[tuple[str, str, int]] = field(default_factory=list)  # form, row, position
    cells: dict[str, str] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)
    unit_cells: dict[str, dict[str, str]] = field(default_factory=dict)  # unit id → cell → text


@dataclass
class Stored:
    meta: dict[str, str]
    units: list[Unit]
    texts: dict[str, str]
    years: dict[str, StoredYear]

    def scored(self) -> bool:
        """Whether the file holds 整体绩效评价 scores (in either year)."""
        return any(c.startswith("P02.") for year in self.years.values() for c in year.cells)


class Tables:
    """Reads and writes the tables of one open dataset."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    # --- loading ------------------------------------------------------------------------

    def load(self) -> Stored:
        s = self.schema
        return Stored(
            meta={m.key: m.value for m in s.Meta.select()},
            units=self.units(),
            texts={t.key: t.value for t in s.Text.select()},
            years={year: self._year(year) for year in YEARS},
        )

    def units(self) -> list[Unit]:
        s = self.schema
        return [Unit(u.id, u.name, u.kind, u.code) for u in s.Unit.select().order_by(s.Unit.position)]

    def _year(self, year: str) -> StoredYear:
        # Prepared SQL into plain tuples: a large dataset's open reads tens of thousands of rows,
        # and peewee's row wrapping cost a tenth of the open.
        db = self.schema.db
        unit_cells: dict[str, dict[str, str]] = {}
        for unit_id, cell, value in db.execute_sql(_UNIT_CELLS, (year,)):
            unit_cells.setdefault(unit_id, {})[cell] = value
        return StoredYear(
            rows=db.execute_sql(_ROWS, (year,)).fetchall(),
            cells=dict(db.execute_sql(_CELLS, (year,)).fetchall()),
            declared={str(cell): str(value) for cell, value in db.execute_sql(_DECLARED, (year,))},
            unit_cells=unit_cells,
        )

    # --- writing ------------------------------------------------------------------------

    def write(self, ops: Iterable[Op]) -> Placed:
        """Write the final state each op leaves; return where rows were placed."""
        by_kind: dict[str, list[Item]] = {}
        for op in final(ops):
            by_kind.setdefault(op.kind, []).append((op.year, op.target, op.new))
        placed: Placed = {}
        for kind, items in by_kind.items():
            if kind == "row":
                placed = self._write_rows(items)
            elif kind == "unit":
                self._write_units(items)
            elif kind == "unit_cell":
                self._write_unit_cells(items)
            else:
                self._write_values(kind, items)
        return placed

    def _write_values(self, kind: str, items: list[Item]) -> None:
        s = self.schema
        table = {"cell": s.Cell, "declared": s.Declared, "text": s.Text, "meta": s.Meta}[kind]
        yearly = kind in ("cell", "declared")
        cleared: list[dict[str, object]] = []
        rows: list[dict[str, object]] = []
        for year, target, new in items:
            ident: dict[str, object] = {"year": year, "cell": target} if yearly else {"key": target}
            if new is None:
                cleared.append(ident)
            else:
                rows.append(ident | {"value": new})
        bulk_delete(table, cleared)
        bulk_insert(table, rows, replace=True)

    def _write_rows(self, items: list[Item]) -> Placed:
        s = self.schema
        position = s.db.cursor().execute(_LAST_POSITION).fetchone()[0] or 0  # prepared: one keystroke's write
        placed: Placed = {}
        removed: list[dict[str, object]] = []
        added: list[dict[str, object]] = []
        for year, target, new in items:
            form, row = split_row_target(target)
            if new is None:
                placed[(year, target)] = None
                removed.append({"year": year, "form": form, "row": row})
                continue
            if new.startswith(POSITION_MARK):
                place = int(new.removeprefix(POSITION_MARK))
            else:
                position += 1
                place = position
            placed[(year, target)] = place
            added.append({"year": year, "form": form, "row": row, "position": place})
        bulk_delete(s.RowEntry, removed)
        bulk_insert(s.RowEntry, added, replace=True)  # a row already there moves to its place
        return placed

    def _write_units(self, items: list[Item]) -> None:
        removed: list[dict[str, object]] = []
        written: list[dict[str, object]] = []
        for _year, unit_id, new in items:
            if new is None:
                removed.append({"id": unit_id})
                continue
            payload = json.loads(new)
            named = {key: payload[key] for key in ("name", "kind", "position")}
            written.append({"id": unit_id, **named, "code": payload.get("code", "")})
        bulk_delete(self.schema.Unit, removed)
        bulk_insert(self.schema.Unit, written, replace=True)

    def _write_unit_cells(self, items: list[Item]) -> None:
        cleared: list[dict[str, object]] = []
        rows: list[dict[str, object]] = []
        for year, target, new in items:
            unit_id, cell = split_unit_cell(target)
            ident: dict[str, object] = {"unit": unit_id, "year": year, "cell": cell}
            if new is None:
                cleared.append(ident)
            else:
                rows.append(ident | {"value": new})
        bulk_delete(self.schema.UnitCell, cleared)
        bulk_insert(self.schema.UnitCell, rows, replace=True)
