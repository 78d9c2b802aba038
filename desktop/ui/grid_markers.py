"""Finding markers: a small coloured corner on every cell a finding names (red error,
orange warning, blue info), painted over the grid after the cells."""

from __future__ import annotations

from desktop.rules.finding import SEVERITIES
from desktop.ui.grid_layout import GridLayout
from desktop.ui.qt import QColor, QPainter, QPoint, QPolygon, QRect, Qt
from desktop.ui.session import Session

SIZE = 7
SEVERITY_COLOURS = {"error": QColor("#d93025"), "warning": QColor("#f29900"), "info": QColor("#1a73e8")}


def worst(session: Session, cell: str) -> str | None:
    found = {f.severity for f in session.by_cell.get(cell, [])}
    return next((s for s in SEVERITIES if s in found), None)


def markers(session: Session, layout: GridLayout) -> list[tuple[int, int, str]]:
    """(row, column, severity) of every marked cell shown in the layout."""
    marked = []
    for cell in session.by_cell:
        where = layout.find(cell)
        severity = worst(session, cell)
        if where is not None and severity is not None:
            marked.append((*where, severity))
    return marked


def paint_marker(painter: QPainter, rect: QRect, severity: str) -> None:
    right, top = rect.right(), rect.top()
    triangle = QPolygon([QPoint(right - SIZE, top), QPoint(right, top), QPoint(right, top + SIZE)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(SEVERITY_COLOURS[severity])
    painter.drawPolygon(triangle)
