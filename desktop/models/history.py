"""The change log: every accepted action is a batch of changes, written with the data.

Undo replays a batch's old values, redo its new ones; both are logged like any edit
(source `undo`/`redo`), so the log is the complete history of the file.
"""

from __future__ import annotations

import datetime as dt

from desktop.models.ops import LoggedOp, Op
from desktop.models.schema import Schema

SOURCES = ("typed", "paste", "import", "undo", "redo", "system")


# Prepared SQL, not peewee's query builder: an edit writes one batch and a change or two, and
# building the statements cost more than SQLite's commit.
_INSERT_BATCH = 'INSERT INTO "batch" (label, source, time, state) VALUES (?, ?, ?, ?)'
_INSERT_CHANGE = (
    'INSERT INTO "change" (batch_id, seq, kind, year, target, old, new, time, source)'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def write_batch(schema: Schema, label: str, source: str, ops: list[LoggedOp], *, state: str = "done") -> int:
    """Record a batch and its changes; the caller holds the transaction."""
    now = str(dt.datetime.now())
    cursor = schema.db.cursor()
    cursor.execute(_INSERT_BATCH, (label, source, now, state))
    batch = int(cursor.lastrowid)
    _insert_changes(schema, batch, 0, ops, source, now)
    return batch


def append_changes(schema: Schema, batch: int, ops: list[LoggedOp]) -> None:
    """Add changes to a recorded batch after the ones it has."""
    first = schema.Change.select().where(schema.Change.batch == batch).count()
    source = str(schema.Batch.get_by_id(batch).source)
    _insert_changes(schema, batch, first, ops, source, str(dt.datetime.now()))


def _insert_changes(
    schema: Schema, batch: int, first: int, ops: list[LoggedOp], source: str, now: str
) -> None:
    rows = [
        (batch, first + seq, item.op.kind, item.op.year, item.op.target, item.old, item.op.new, now, source)
        for seq, item in enumerate(ops)
    ]
    schema.db.cursor().executemany(_INSERT_CHANGE, rows)


def forget_redo(schema: Schema) -> None:
    """A new action makes the undone ones unreachable, as in every editor."""
    schema.Batch.update(state="dead").where(schema.Batch.state == "undone").execute()


def last_done(schema: Schema) -> int | None:
    batch = schema.Batch.select().where(schema.Batch.state == "done").order_by(schema.Batch.id.desc()).first()
    return int(batch.id) if batch else None


def last_undone(schema: Schema) -> int | None:
    batch = (
        schema.Batch.select()
        .where(schema.Batch.state == "undone")
        .order_by(schema.Batch.undo_batch.desc())
        .first()
    )
    return int(batch.id) if batch else None


def batch_label(schema: Schema, batch_id: int) -> str:
    return str(schema.Batch.get_by_id(batch_id).label)


def batch_ops(schema: Schema, batch_id: int, *, reverse: bool) -> list[Op]:
    """The ops that undo (reverse=True) or redo a batch."""
    changes = schema.Change.select().where(schema.Change.batch == batch_id).order_by(schema.Change.seq)
    if reverse:
        return [Op(c.kind, c.year, c.target, c.old) for c in reversed(list(changes))]
    return [Op(c.kind, c.year, c.target, c.new) for c in changes]


def mark(schema: Schema, batch_id: int, state: str, undo_batch: int | None = None) -> None:
    schema.Batch.update(state=state, undo_batch=undo_batch).where(schema.Batch.id == batch_id).execute()
