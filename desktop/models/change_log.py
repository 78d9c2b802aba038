"""Reading the change log: what the next undo or redo would do, and the history of a file as a
clerk reads it (time, cell, old, new, source), for 编辑 › 修改记录."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models.history import last_done, last_undone
from desktop.models.schema import Schema

# Steps whose undo takes away more than an edit: the figures of a file, or the file's start.
WEIGHTY_SOURCES = ("import", "system")
SOURCE_NAMES = {
    "typed": "输入", "paste": "粘贴", "import": "导入", "undo": "撤销", "redo": "重做", "system": "新建",
}  # fmt: skip


@dataclass(frozen=True)
class Step:
    """One recorded action, as undo and redo see it."""

    batch: int
    label: str
    source: str
    cells: tuple[str, ...]  # this year's cells it changes, in the order written
    first: tuple[str | None, str | None] = (None, None)  # the first cell's old and new value

    @property
    def weighty(self) -> bool:
        return self.source in WEIGHTY_SOURCES


@dataclass(frozen=True)
class Entry:
    """One change of the log."""

    time: str
    kind: str  # cell | declared | text | row | unit | meta
    year: str
    target: str
    old: str | None
    new: str | None
    source: str
    label: str

    @property
    def form(self) -> str:
        if self.kind == "cell" or self.kind == "declared":
            return self.target.split(".", 1)[0]
        if self.kind == "row":
            return self.target.split("|", 1)[0]
        return ""


def step(schema: Schema, batch_id: int | None) -> Step | None:
    if batch_id is None:
        return None
    batch = schema.Batch.get_by_id(batch_id)
    changes = (
        schema.Change.select(schema.Change.target, schema.Change.old, schema.Change.new)
        .where(
            (schema.Change.batch == batch_id)
            & (schema.Change.kind == "cell")
            & (schema.Change.year == "current")
        )
        .order_by(schema.Change.seq)
    )
    rows = list(changes)
    first = (rows[0].old, rows[0].new) if rows else (None, None)
    return Step(batch_id, str(batch.label), str(batch.source), tuple(str(c.target) for c in rows), first)


def next_undo(schema: Schema) -> Step | None:
    return step(schema, last_done(schema))


def next_redo(schema: Schema) -> Step | None:
    return step(schema, last_undone(schema))


def entries(schema: Schema, form: str | None = None, limit: int = 5000) -> list[Entry]:
    """The newest changes first, optionally of one form only; bookkeeping (settings, the totals
    an imported file stated) is left out."""
    change, batch = schema.Change, schema.Batch
    kept = change.kind.not_in(("meta", "declared"))
    query = change.select(change, batch.label).join(batch).where(kept).order_by(change.id.desc())
    if form:
        query = query.where(
            (change.target.startswith(f"{form}."))
            | ((change.kind == "row") & change.target.startswith(f"{form}|"))
        )
    return [
        Entry(str(c.time)[:19], c.kind, c.year, c.target, c.old, c.new, c.source, c.batch.label)
        for c in query.limit(limit)
    ]
