"""The peewee tables of one dataset file (.jsd).

Models are made per database (`Schema(db)`) so that several datasets can be open at once
(consolidation reads many) without rebinding global classes.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import peewee as pw

SCHEMA_VERSION = 5
YEARS = ("current", "prior")


class Schema:
    """The model classes bound to one database."""

    def __init__(self, db: pw.Database) -> None:
        class Base(pw.Model):
            class Meta:
                database = db
                legacy_table_names = False

        class Meta_(Base):
            key = pw.TextField(primary_key=True)
            value = pw.TextField()

            class Meta:
                table_name = "meta"

        class Unit(Base):
            id = pw.TextField(primary_key=True)
            name = pw.TextField()
            kind = pw.TextField()
            position = pw.IntegerField()
            code = pw.TextField(default="")  # 单位代码 (v5)

        class UnitCell(Base):
            """A figure of one unit (本级 or a 二级单位) when the department is entered unit by unit."""

            unit = pw.TextField()
            year = pw.TextField()
            cell = pw.TextField()
            value = pw.TextField()

            class Meta:
                table_name = "unit_cell"
                primary_key = pw.CompositeKey("unit", "year", "cell")

        class Cell(Base):
            year = pw.TextField(choices=[(y, y) for y in YEARS])
            cell = pw.TextField()
            value = pw.TextField()

            class Meta:
                primary_key = pw.CompositeKey("year", "cell")

        class Declared(Base):
            """A value an imported file gave for a computed cell (checked, never used)."""

            year = pw.TextField()
            cell = pw.TextField()
            value = pw.TextField()

            class Meta:
                primary_key = pw.CompositeKey("year", "cell")

        class RowEntry(Base):
            """A dynamic row: a 项 code in a classified form, a project, an indicator."""

            year = pw.TextField()
            form = pw.TextField()
            row = pw.TextField()
            position = pw.IntegerField()

            class Meta:
                table_name = "row_entry"
                primary_key = pw.CompositeKey("year", "form", "row")

        class Text(Base):
            key = pw.TextField(primary_key=True)
            value = pw.TextField()

        class Batch(Base):
            """One user action (a typed value, a paste, an import, an undo)."""

            label = pw.TextField()
            source = pw.TextField()
            time = pw.DateTimeField(default=dt.datetime.now)
            state = pw.TextField(default="done")  # done | undone | dead | log
            undo_batch = pw.IntegerField(null=True)

        class Change(Base):
            batch = pw.ForeignKeyField(Batch, backref="changes", on_delete="CASCADE")
            seq = pw.IntegerField()
            kind = pw.TextField()  # cell | declared | text | row | unit | unit_cell | meta
            year = pw.TextField()
            target = pw.TextField()
            old = pw.TextField(null=True)
            new = pw.TextField(null=True)
            time = pw.DateTimeField(default=dt.datetime.now)
            source = pw.TextField()

        self.db = db
        self.Meta: Any = Meta_
        self.Unit: Any = Unit
        self.UnitCell: Any = UnitCell
        self.Cell: Any = Cell
        self.Declared: Any = Declared
        self.RowEntry: Any = RowEntry
        self.Text: Any = Text
        self.Batch: Any = Batch
        self.Change: Any = Change

    @property
    def tables(self) -> list[Any]:
        return [
            self.Meta,
            self.Unit,
            self.UnitCell,
            self.Cell,
            self.Declared,
            self.RowEntry,
            self.Text,
            self.Batch,
            self.Change,
        ]


def bulk_insert(model: Any, rows: list[dict[str, object]], *, replace: bool = False) -> None:
    """Insert many rows with one prepared statement: peewee builds SQL per row, which costs
    seconds for an import of thousands of cells. `replace` overwrites rows with the same key."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql = _insert_sql(model._meta.table_name, columns, _key_columns(model) if replace else ())
    model._meta.database.cursor().executemany(sql, [tuple(r[c] for c in columns) for r in rows])


def _key_columns(model: Any) -> tuple[str, ...]:
    key = model._meta.primary_key
    return tuple(key.field_names) if isinstance(key, pw.CompositeKey) else (key.column_name,)


@functools.cache
def _insert_sql(table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    """The INSERT of `columns`; with a `key`, an upsert that updates the row in place (an
    INSERT OR REPLACE deletes and re-inserts it, rewriting its index entries: an edit's commit
    then writes a page more)."""
    placeholders = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({placeholders})'
    updated = [c for c in columns if c not in key]
    if not key:
        return sql
    if not updated:
        return f"{sql} ON CONFLICT DO NOTHING"
    assignments = ", ".join(f'"{c}" = excluded."{c}"' for c in updated)
    return f"{sql} ON CONFLICT ({', '.join(key)}) DO UPDATE SET {assignments}"


def bulk_delete(model: Any, keys: list[dict[str, object]]) -> None:
    """Delete many rows, each named by its key columns, with one prepared statement (as
    `bulk_insert` inserts them)."""
    if not keys:
        return
    columns = list(keys[0])
    where = " AND ".join(f'"{column}" = ?' for column in columns)
    sql = f'DELETE FROM "{model._meta.table_name}" WHERE {where}'
    model._meta.database.cursor().executemany(sql, [tuple(k[c] for c in columns) for k in keys])
