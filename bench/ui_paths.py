"""Keystroke → last repaint on a dataset in the real window, against a bare QTableView of the
same size taking the same keystroke (desktop/ui/timing.py runs both until the queue is idle)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.measure import Sample, figure

FORM = "G05"


def _samples(clocks: list[tuple[float, float]]) -> list[Sample]:
    return [Sample(cpu, wall) for cpu, wall in clocks]


def first_input(window: Any, form: str) -> str:
    dataset = window.workspace.session.dataset
    return str(next(c.id for c in dataset.cells().values() if c.form == form and not c.computed))


def keystroke_figure(path: Path, times: int) -> dict[str, Any]:
    from desktop.ui import timing

    folder = Path(tempfile.mkdtemp(prefix="juesuan-bench-ui-"))
    try:
        window = timing.open_window(path, folder)
        cell = first_input(window, FORM)
        ours = _samples(timing.keystroke_samples(window, cell, times))
        model = timing.grid_of(window, FORM).model()
        rows, cols = model.rowCount(), model.columnCount()
        window.close()
        floor = _samples(timing.bare_keystroke_samples(rows, cols, times))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figure(ours, floor, f"bare QTableView {rows}×{cols}, same keystroke") | {"cell": cell}
