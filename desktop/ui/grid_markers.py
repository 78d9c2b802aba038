"""Finding markers: a small coloured corner on every cell a finding names (red error,
orange warning, blue info), painted over the grid after the cells."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.rules.finding import SEVERITIES
from desktop.ui.grid_layout import GridLayout
from desktop.ui.qt import QColor, QPainter, QPoint, QPolygon, QRect, Qt
from desktop.ui.session import Session

SIZE = 7
SEVERITY_COLOURS = {"error": QColor("#d93025"), "warning": QColor("#f29900"), "info": QColor("#1a73e8")}


def worst(session: Session, cell: str) -> str | None:
    found = {f.severity for f in session.by_cell.get(cell, [])}
    return next((s for s in SEVERITIES if s in found), None)


Mark = tuple[int, int, str]  # row, column, severity


def mark(session: Session, layout: GridLayout, cell: str) -> Mark | None:
    where, severity = layout.find(cell), worst(session, cell)
    return (*where, severity) if where is not None and severity is not None else None


def markers(session: Session, layout: GridLayout) -> dict[str, Mark]:
    """The mark of every marked cell shown in the layout, by cell."""
    return {cell: found for cell in session.by_cell if (found := mark(session, layout, cell)) is not None}


def remark(marked: dict[str, Mark], session: Session, layout: GridLayout, cells: Iterable[str]) -> None:
    """Follow a findings delta: only the cells its findings name gain, lose or change a mark."""
    for cell in cells:
        found = mark(session, layout, cell)
        if found is None:
            marked.pop(cell, None)
        else:
            marked[cell] = found


def paint_marker(painter: QPainter, rect: QRect, severity: str) -> None:
    right, top = rect.right(), rect.top()
    triangle = QPolygon([QPoint(right - SIZE, top), QPoint(right, top), QPoint(right, top + SIZE)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(SEVERITY_COLOURS[severity])
    painter.drawPolygon(triangle)
