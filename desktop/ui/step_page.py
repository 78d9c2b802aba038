"""What every page in the centre can do for the window (defaults do nothing)."""

from __future__ import annotations

from desktop.ui.qt import QWidget


class StepPage(QWidget):
    """A page of one step. Pages that show cells override the three methods."""

    def show_cells(self, cells: list[str]) -> bool:
        """Select (and highlight) the listed cells shown on this page; False if none is."""
        return False

    def highlight(self, cells: set[str]) -> None:
        """Mark the cells of the chosen finding (on whichever page they are)."""

    def current_cell(self) -> str | None:
        return None

    def focus_main(self) -> None:
        self.setFocus()
