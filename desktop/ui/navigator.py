"""The list of steps in the order a clerk works, each with a live status badge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.ui.qt import (
    QColor,
    QListWidget,
    QListWidgetItem,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QRect,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
    Signal,
)
from desktop.ui.session import UNITS_STEP, Session
from desktop.ui.text import tr

STEP_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2  # (text, colour name) or () — never None, see qt.py
BADGE_COLOURS = {"error": "#d93025", "warning": "#e37400", "complete": "#188038"}


def badge(session: Session, step: str) -> tuple[str, str] | None:
    """Errors first, then warnings (counted where their first cell is); ✓ once a form has
    figures and no error or warning involves it; 单位汇总 counts the unmatched internal pairs and
    the units' own errors."""
    if step == UNITS_STEP:
        errors = session.unit_errors()
        return (str(errors), BADGE_COLOURS["error"]) if errors else None
    if step not in session.dataset.catalogue.forms:
        return None
    counts = session.counts(step)
    if counts["error"]:
        return str(counts["error"]), BADGE_COLOURS["error"]
    if counts["warning"]:
        return str(counts["warning"]), BADGE_COLOURS["warning"]
    if session.has_input(step) and not session.has_open_problems(step):
        return "✓", BADGE_COLOURS["complete"]
    return None


class BadgeDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        data = index.data(BADGE_ROLE)
        if not data:
            return
        text, colour = data
        rect: QRect = option.rect
        metrics = option.fontMetrics
        width = max(metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
        pill = QRect(
            rect.right() - width - 6,
            rect.center().y() - metrics.height() // 2 - 1,
            width,
            metrics.height() + 2,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()


class Navigator(QListWidget):
    step_selected = Signal(str)

    def __init__(
        self, session: Session, steps: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setItemDelegate(BadgeDelegate(self))
        self.setAccessibleName(tr("填报步骤"))
        for number, (step, title) in enumerate(steps, start=1):
            item = QListWidgetItem(f"{number:>2}. {title}")
            item.setData(STEP_ROLE, step)
            item.setData(BADGE_ROLE, ())
            # 1.6 lines a step: all fifteen fit a laptop screen at 150% without scrolling
            item.setSizeHint(item.sizeHint().expandedTo(self.fontMetrics().boundingRect("国").size() * 1.6))
            self.addItem(item)
        longest = max((self.fontMetrics().horizontalAdvance(f"10. {t}") for _s, t in steps), default=0)
        self.setMinimumWidth(longest + self.fontMetrics().height() * 3)  # room for the badge
        self.currentItemChanged.connect(self._on_current)
        session.changed.connect(self._on_changed)
        session.options_changed.connect(self.refresh)  # another unit shown: its findings
        self.refresh()

    def steps(self) -> list[str]:
        return [str(self.item(i).data(STEP_ROLE)) for i in range(self.count())]

    def _on_changed(self, _result: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        for i in range(self.count()):
            item = self.item(i)
            new = badge(self.session, str(item.data(STEP_ROLE))) or ()
            if item.data(BADGE_ROLE) != new:  # an unchanged badge costs no repaint
                item.setData(BADGE_ROLE, new)

    def select_step(self, step: str) -> None:
        if step in self.steps():
            self.setCurrentRow(self.steps().index(step))

    def step_by(self, delta: int) -> None:
        row = max(0, min(self.count() - 1, self.currentRow() + delta))
        self.setCurrentRow(row)

    def _on_current(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.step_selected.emit(str(item.data(STEP_ROLE)))
