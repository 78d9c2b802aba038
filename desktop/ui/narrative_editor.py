"""One section of the 情况说明 as an editor: figures that disagree with the data are underlined
in red (the message as tooltip), figures the reader could not check are shown in a muted grey
(the reason as tooltip), open 【请填写：…】 markers are shaded."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.ui.qt import (
    QColor,
    QEvent,
    QFocusEvent,
    QHelpEvent,
    QPlainTextEdit,
    QTextCharFormat,
    QTextCursor,
    QTextEdit,
    QToolTip,
    QWidget,
    Signal,
)

PROBLEM_COLOUR = QColor("#d32f2f")
MARKER_COLOUR = QColor("#fff3c4")
UNCHECKED_COLOUR = QColor("#9e9e9e")


@dataclass(frozen=True)
class TextMark:
    start: int
    end: int
    message: str = ""


class SectionEditor(QPlainTextEdit):
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[TextMark] = []
        self.markers: list[TextMark] = []
        self.unchecked: list[TextMark] = []

    def set_marks(
        self, problems: list[TextMark], markers: list[TextMark], unchecked: list[TextMark] | None = None
    ) -> None:
        self.problems, self.markers, self.unchecked = problems, markers, list(unchecked or [])
        selections = [self._selection(m, self._marker_format()) for m in markers]
        selections += [self._selection(m, self._unchecked_format()) for m in self.unchecked]
        selections += [self._selection(m, self._problem_format()) for m in problems]
        self.setExtraSelections(selections)

    def muted(self) -> list[tuple[int, int]]:
        """The ranges shown as not checked (for tests)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self._of(self._unchecked_format())
        ]

    def underlined(self) -> list[tuple[int, int]]:
        """The ranges shown as disagreeing with the data (for tests and the problem list)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self._of(self._problem_format())
        ]

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus()

    def problem_at(self, position: int) -> TextMark | None:
        """The finding at `position`, else the reason a figure there was not checked."""
        for marks in (self.problems, self.unchecked):
            found = next((m for m in marks if m.start <= position < m.end), None)
            if found is not None:
                return found
        return None

    # --- Qt -------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            viewport_pos = self.viewport().mapFrom(self, event.pos())
            problem = self.problem_at(self.cursorForPosition(viewport_pos).position())
            if problem is not None:
                QToolTip.showText(event.globalPos(), problem.message, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()

    # --- helpers --------------------------------------------------------------------------

    def _selection(self, mark: TextMark, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        length = self.document().characterCount() - 1
        cursor.setPosition(min(mark.start, length))
        cursor.setPosition(min(mark.end, length), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _of(self, fmt: QTextCharFormat) -> list[QTextEdit.ExtraSelection]:
        return [s for s in self.extraSelections() if s.format == fmt]

    @staticmethod
    def _problem_format() -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(PROBLEM_COLOUR)
        fmt.setForeground(PROBLEM_COLOUR)
        return fmt

    @staticmethod
    def _unchecked_format() -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(UNCHECKED_COLOUR)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(UNCHECKED_COLOUR)
        return fmt

    @staticmethod
    def _marker_format() -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(MARKER_COLOUR)
        return fmt
