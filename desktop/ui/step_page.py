"""What every page in the centre can do for the window (defaults do nothing)."""

from __future__ import annotations

from desktop.ui.grid_model import GridModel
from desktop.ui.grid_view import GridView
from desktop.ui.qt import QHideEvent, QShowEvent, Qt, QWidget, Signal


class StepPage(QWidget):
    """A page of one step. Pages that show cells override the three methods; a page that
    lists findings asks the window to show where one is fixed with `finding_chosen`."""

    finding_chosen = Signal(object)  # Finding

    def show_cells(self, cells: list[str]) -> bool:
        """Select (and highlight) the listed cells shown on this page; False if none is."""
        return False

    def highlight(self, cells: set[str]) -> None:
        """Mark the cells of the chosen finding (on whichever page they are)."""

    def current_cell(self) -> str | None:
        return None

    def focus_main(self) -> None:
        self.setFocus()


class WritingPage(StepPage):
    """A page of texts the clerk writes: redrawn when shown after the data changed while it was
    hidden (`out_of_date`), its pending typing saved (`flush`) when it is left."""

    out_of_date = True

    def refresh(self) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        if self.out_of_date:
            self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)


class GridPage(StepPage):
    """A page whose cells live in one grid (`self.view` over `self.model`)."""

    view: GridView
    model: GridModel

    def highlight(self, cells: set[str]) -> None:
        self.model.set_highlight(cells)

    def show_cells(self, cells: list[str]) -> bool:
        self.highlight(set(cells))
        return self.view.select_cells(cells)

    def current_cell(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.slot(index).cell if index.isValid() else None

    def focus_main(self) -> None:
        """Land on an editable cell, so typing goes straight into the form."""
        current = self.view.currentIndex()
        if not (current.isValid() and self.model.flags(current) & Qt.ItemFlag.ItemIsEditable):
            self.view.go(self.view.first_editable())
        self.view.setFocus()
