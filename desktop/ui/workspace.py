"""One open dataset: navigator on the left, the step's page in the centre, findings on the right."""

from __future__ import annotations

from desktop.rules.finding import Finding
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.navigator import Navigator
from desktop.ui.pages import make_page, step_titles, steps
from desktop.ui.qt import (
    QApplication,
    QKeySequence,
    QShortcut,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.step_page import StepPage


class Workspace(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages: dict[str, StepPage] = {}
        self.step: str | None = None
        self.highlighted: set[str] = set()  # the chosen finding's cells, on every page
        self.navigator = Navigator(session, step_titles(session))
        self.stack = QStackedWidget()
        self.findings = FindingsPanel(session)
        splitter = QSplitter()
        for widget in (self.navigator, self.stack, self.findings):
            splitter.addWidget(widget)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        self.findings.setMinimumWidth(300)
        splitter.setSizes([self.navigator.minimumWidth(), 900, 340])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.navigator.step_selected.connect(self._show)
        self.findings.activated.connect(self.go_to_finding)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self.cycle_focus, context)

    def page(self, step: str) -> StepPage:
        """Pages are built on first visit (start-up only builds the one shown) and kept."""
        if step not in self.pages:
            page = make_page(self.session, step)
            page.highlight(self.highlighted)
            self.pages[step] = page
            self.stack.addWidget(page)
        return self.pages[step]

    def show_step(self, step: str) -> StepPage:
        if step not in steps(self.session):
            step = steps(self.session)[0]
        self.navigator.select_step(step)
        if self.step != step:
            self._show(step)
        return self.pages[step]

    def _show(self, step: str) -> None:
        page = self.page(step)
        self.step = step
        self.stack.setCurrentWidget(page)
        self.findings.set_form(step if step in self.session.dataset.catalogue.forms else None)

    def cycle_focus(self) -> None:
        """F6: steps → the page → findings → steps, so the keyboard reaches every area."""
        focus = QApplication.focusWidget()
        page = self.current_page()
        areas: list[QWidget] = [self.navigator, *([page] if page else []), self.findings]
        here = next((i for i, a in enumerate(areas) if focus is not None and a.isAncestorOf(focus)), -1)
        if focus in areas:
            here = areas.index(focus)
        target = areas[(here + 1) % len(areas)]
        if isinstance(target, StepPage):
            target.focus_main()
        elif target is self.findings:
            self.findings.tree.setFocus()
        else:
            target.setFocus()

    def current_page(self) -> StepPage | None:
        return self.pages.get(self.step) if self.step else None

    def go_to_finding(self, finding: Finding) -> None:
        """Show the finding's form and select every involved cell shown there."""
        self.highlighted = set(finding.cells)
        for other in self.pages.values():
            other.highlight(self.highlighted)
        page = self.show_step(finding.form)
        page.show_cells(list(finding.cells))

    def show_cell(self, cell: str) -> None:
        self.show_step(cell.split(".", 1)[0]).show_cells([cell])
