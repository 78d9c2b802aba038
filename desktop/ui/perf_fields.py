"""Form fields bound to one text cell each (项目名称, 实施单位, 自评等级, the goal texts).

A field shows its cell and writes it through the Session when the clerk leaves it (or picks
a choice); the multi-line boxes of one group are written together, as one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.ui.qt import QComboBox, QFocusEvent, QLineEdit, QPlainTextEdit, QWidget, Signal
from desktop.ui.session import Session
from desktop.ui.text import tr


def cell_text(session: Session, cell: str | None) -> str:
    value = session.dataset.get(cell) if cell else None
    return value if isinstance(value, str) else ""


class CellLine(QLineEdit):
    """One line of text; Enter saves and goes on to the next field."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cell: str | None = None
        self.editingFinished.connect(self.save)
        self.returnPressed.connect(lambda: self.focusNextPrevChild(True))

    def bind(self, cell: str | None) -> None:
        self.cell = cell
        self.setEnabled(cell is not None)
        self.setText(cell_text(self.session, cell))

    def load(self) -> None:
        if not self.hasFocus():
            self.setText(cell_text(self.session, self.cell))

    def save(self) -> None:
        text = self.text().strip()
        if self.cell and text != cell_text(self.session, self.cell):
            self.session.edit({self.cell: text or None})


class CellChoice(QComboBox):
    """A choice among (label, stored value) pairs; a stored value not among them is kept."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cell: str | None = None
        self.choices: list[tuple[str, str]] = []
        self.activated.connect(self._chosen)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        self.choices = list(choices)
        self.load()

    def bind(self, cell: str | None) -> None:
        self.cell = cell
        self.setEnabled(cell is not None)
        self.load()

    def load(self) -> None:
        stored = cell_text(self.session, self.cell)
        choices = list(self.choices)
        if stored and stored not in (v for _, v in choices):
            choices.append((stored, stored))
        self.blockSignals(True)
        self.clear()
        for label, value in choices:
            self.addItem(label, value)
        self.setCurrentIndex(max(0, self.findData(stored)))
        self.blockSignals(False)

    def _chosen(self, index: int) -> None:
        value = str(self.itemData(index) or "")
        if self.cell and value != cell_text(self.session, self.cell):
            self.session.edit({self.cell: value or None})


class CellText(QPlainTextEdit):
    """A multi-line text; Tab leaves the box (a tab character is never wanted here)."""

    left = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell: str | None = None
        self.setTabChangesFocus(True)
        self.setPlaceholderText(title)
        self.setToolTip(title)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class TextGroup:
    """Boxes saved together when the clerk leaves any of them."""

    def __init__(self, session: Session, boxes: Sequence[CellText], label: str) -> None:
        self.session = session
        self.boxes = list(boxes)
        self.label = label
        for box in self.boxes:
            box.left.connect(self.save)

    def bind(self, cells: Sequence[str | None]) -> None:
        for box, cell in zip(self.boxes, cells, strict=True):
            box.cell = cell
            box.setEnabled(cell is not None)
            box.setPlainText(cell_text(self.session, cell))

    def load(self) -> None:
        for box in self.boxes:
            if not box.hasFocus() and box.toPlainText() != cell_text(self.session, box.cell):
                box.setPlainText(cell_text(self.session, box.cell))

    def changed(self) -> dict[str, str | None]:
        values: dict[str, str | None] = {}
        for box in self.boxes:
            text = box.toPlainText().strip()
            if box.cell and text != cell_text(self.session, box.cell).strip():
                values[box.cell] = text or None
        return values

    def save(self) -> bool:
        values = self.changed()
        return bool(values) and self.session.edit(values, label=tr(self.label))
