"""Undo and redo of the Dataset: a batch of the change log replayed backwards or forwards, in
one transaction like any edit and logged like one (desktop.models.history). A mixin, so the
edit path stays in dataset.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from desktop.models import history
from desktop.models.ops import LoggedOp

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset, EditResult


class UndoRedo:
    # Whether the log has a step to undo or redo: asked after each edit, kept here (the
    # facade sets them on open and after each action).
    _undo_possible: bool
    _redo_possible: bool

    @property
    def _log_data(self) -> Dataset:
        return cast("Dataset", self)

    def can_undo(self) -> bool:
        return self._undo_possible

    def can_redo(self) -> bool:
        return self._redo_possible

    def undo(self) -> EditResult | None:
        batch = history.last_done(self._log_data._schema)
        return None if batch is None else self._replay(batch, reverse=True)

    def redo(self) -> EditResult | None:
        batch = history.last_undone(self._log_data._schema)
        return None if batch is None else self._replay(batch, reverse=False)

    def _replay(self, batch: int, *, reverse: bool) -> EditResult:
        data = self._log_data
        schema = data._schema
        ops = history.batch_ops(schema, batch, reverse=reverse)
        label = history.batch_label(schema, batch)
        logged = [LoggedOp(op, data._memory.old(op)) for op in ops]
        source = "undo" if reverse else "redo"
        with data._writing():
            title = f"{'撤销' if reverse else '重做'} {label}"
            log_id = history.write_batch(schema, title, source, logged, state="log")
            history.mark(schema, batch, "undone" if reverse else "done", log_id if reverse else None)
            result = data._write(logged, label)
        self._undo_possible = history.last_done(schema) is not None
        self._redo_possible = history.last_undone(schema) is not None
        return result
