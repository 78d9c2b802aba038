"""A keystroke repaints what it changed, once: Enter in a cell repaints the grid in one paint
that covers the changed cells and the two current cells (not the whole grid, not its frozen
labels, not the edited cell again a turn later), and the findings panel keeps the line of a
finding that only changed its figures (no repaint while that line is out of sight)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from desktop.models.state import EditResult
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QEvent, QObject, QPaintEvent, QRect, QRegion, QWidget
from desktop.ui.timing import SIZE, post_enter, until_idle
from tests.ui.helpers import open_editor, page

CELL = "G05.2010602.basic"  # its row's 决算 stays below 预算: budget.G05 comes back with new figures


class Paints(QObject):
    """The regions each watched widget is asked to paint."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.regions: dict[int, list[QRegion]] = {id(w): [] for w in widgets}

    def of(self, widget: QWidget) -> list[QRegion]:
        return self.regions[id(widget)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent) and id(watched) in self.regions:
            self.regions[id(watched)].append(QRegion(event.region()))
        return False


@contextmanager
def watching(*widgets: QWidget) -> Iterator[Paints]:
    paints = Paints(list(widgets))
    for widget in widgets:
        widget.installEventFilter(paints)
    try:
        yield paints
    finally:
        for widget in widgets:
            widget.removeEventFilter(paints)


def enter(window: MainWindow, text: str, *watched: QWidget) -> tuple[Paints, EditResult]:
    """Type `text` into CELL, wait until everything is painted, then press Enter and run the
    event loop until it is idle, watching what is painted."""
    results: list[EditResult] = []
    window.session.changed.connect(results.append)
    window.resize(*SIZE)  # a laptop's screen: the cell is in view, nothing scrolls
    editor = open_editor(page(window, "G05"), CELL)
    editor.setText(text)
    until_idle()
    assert editor.hasFocus(), "the cell editor has the focus, as when a clerk types"
    with watching(*watched) as paints:
        post_enter(editor)
        until_idle()
    window.session.changed.disconnect(results.append)
    assert window.session.dataset.get(CELL) == Decimal(text)
    return paints, results[-1]


def test_enter_repaints_the_grid_once_and_only_the_cells_it_changed(qtbot, window: MainWindow) -> None:
    g05 = page(window, "G05")
    view, frozen = g05.view, g05.view.frozen
    enter(window, "49")  # the first edit also shows 已保存 in the status bar: a relayout
    paints, result = enter(window, "48", view.viewport(), frozen.viewport())
    assert len(paints.of(view.viewport())) == 1
    assert paints.of(frozen.viewport()) == []  # the labels did not change
    model = g05.model
    marked = {cell for f in (*result.findings.added, *result.findings.removed) for cell in f.cells}
    rows = {row for cell in (*result.cells, *marked, CELL) for row, _col in model.layout.places(cell)}
    rows.add(view.currentIndex().row())
    allowed = QRegion()  # those rows right of the frozen labels (with their grid lines)
    for row in rows:
        top, width = view.rowViewportPosition(row), view.viewport().width()
        allowed = allowed.united(QRect(frozen.width_shown(), top, width, view.rowHeight(row) + 1))
    (painted,) = paints.of(view.viewport())
    assert not painted.isEmpty()
    assert painted.subtracted(allowed).isEmpty(), "only the rows of the changed and the current cells"
    assert view.hasFocus() and g05.current_cell() == "G05.2010606.basic"  # the next input down


def test_a_finding_with_new_figures_keeps_its_line_and_an_unseen_line_repaints_nothing(
    qtbot, window: MainWindow
) -> None:
    panel = window.workspace.findings
    enter(window, "49")  # the first edit also shows 已保存 in the status bar: a relayout
    (before,) = [
        f for f in panel.shown() if f.rule == "budget.G05" and CELL.replace("basic", "total") in f.cells
    ]
    line = panel.groups.item_of(before)
    panel.tree.collapseAll()  # the clerk has folded the groups: no line of theirs is shown
    until_idle()
    paints, result = enter(window, "48", panel.tree.viewport())
    assert before in result.findings.removed  # the finding did change: new figures
    (after,) = [f for f in result.findings.added if f.rule == before.rule and f.cells == before.cells]
    assert after.message != before.message
    assert panel.groups.item_of(after) is line
    assert line.text(0) == panel._short(after) and line.toolTip(0) == after.message
    assert paints.of(panel.tree.viewport()) == []
