"""The change log: every accepted action is a batch of changes, written with the data.

Undo replays a batch's old values, redo its new ones; both are logged like any edit
(source `undo`/`redo`), so the log is the complete history of the file.
"""

from __future__ import annotations

import datetime as dt

from desktop.models.ops import LoggedOp, Op
from desktop.models.schema import Schema, bulk_insert

SOURCES = ("typed", "paste", "import", "undo", "redo", "system")


def write_batch(schema: Schema, label: str, source: str, ops: list[LoggedOp], *, state: str = "done") -> int:
    """Record a batch and its changes; the caller holds the transaction."""
    batch = schema.Batch.create(label=label, source=source, state=state)
    append_changes(schema, int(batch.id), ops, source, first=0)
    return int(batch.id)


def append_changes(
    schema: Schema, batch: int, ops: list[LoggedOp], source: str | None = None, *, first: int | None = None
) -> None:
    """Add changes to a batch after the ones it has (`first`: their count, when known)."""
    if first is None:
        first = schema.Change.select().where(schema.Change.batch == batch).count()
    source = source or str(schema.Batch.get_by_id(batch).source)
    now = dt.datetime.now()
    rows: list[dict[str, object]] = [
        {
            "batch_id": batch,
            "seq": first + seq,
            "kind": item.op.kind,
            "year": item.op.year,
            "target": item.op.target,
            "old": item.old,
            "new": item.op.new,
            "time": str(now),
            "source": source,
        }
        for seq, item in enumerate(ops)
    ]
    bulk_insert(schema.Change, rows)


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
