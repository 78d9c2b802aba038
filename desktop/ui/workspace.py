"""One open dataset: navigator on the left, the step's page in the centre, findings on the right."""

from __future__ import annotations

from desktop.narrative.gates import text_to_fix
from desktop.rules.finding import Finding
from desktop.ui.findings_panel import FindingsPanel, finding_key
from desktop.ui.narrative_page import NarrativePage
from desktop.ui.navigator import Navigator
from desktop.ui.pages import make_page, step_titles, steps
from desktop.ui.precision_prompt import PrecisionPrompt
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
from desktop.ui.settings import AppSettings
from desktop.ui.step_page import StepPage
from desktop.ui.texts_page import TextsPage

MAX_SELECTED = 500


class Workspace(QWidget):
    def __init__(
        self, session: Session, memory: AppSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.memory = memory  # where pane sizes are remembered between runs
        self.pages: dict[str, StepPage] = {}
        self.step: str | None = None
        self.highlighted: set[str] = set()  # the chosen finding's cells, on every page
        self.chosen: Finding | None = None
        self.navigator = Navigator(session, step_titles(session))
        self.stack = QStackedWidget()
        self.findings = FindingsPanel(session)
        self.precision = PrecisionPrompt(session, self)
        self.splitter = splitter = QSplitter()
        splitter.setObjectName("workspace")
        for widget in (self.navigator, self.stack, self.findings):
            splitter.addWidget(widget)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        self.findings.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 12)
        splitter.setSizes([self.navigator.minimumWidth(), 900, 300])
        splitter.setChildrenCollapsible(False)
        splitter.setCollapsible(2, True)  # the findings can be dragged away entirely
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._restore(self)
        self.navigator.step_selected.connect(self._show)
        self.findings.activated.connect(self.go_to_finding)
        self.findings.rows_added.connect(self.go_to_row)
        session.changed.connect(self._clear_fixed)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self.cycle_focus, context)

    def page(self, step: str) -> StepPage:
        """Pages are built on first visit (start-up only builds the one shown) and kept."""
        if step not in self.pages:
            page = make_page(self.session, step)
            page.highlight(self.highlighted)
            page.finding_chosen.connect(self.go_to_finding)
            self._restore(page)
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

    # --- remembered layout ---------------------------------------------------------------

    def _restore(self, widget: QWidget) -> None:
        """Pane sizes as the clerk left them (splitters are remembered by their object name)."""
        if self.memory is None:
            return
        for splitter in _named_splitters(widget):
            state = self.memory.state(f"splitter/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)
                splitter.setProperty("restored", True)
        if widget is self:
            self.set_findings_visible(self.memory.flag("findings_visible", True))

    def remember_layout(self) -> None:
        if self.memory is None:
            return
        for widget in (self, *self.pages.values()):
            for splitter in _named_splitters(widget):
                self.memory.save_state(f"splitter/{splitter.objectName()}", splitter.saveState())
        self.memory.save_flag("findings_visible", self.findings_visible())

    def findings_visible(self) -> bool:
        return not self.findings.isHidden()

    def set_findings_visible(self, on: bool) -> None:
        self.findings.setVisible(on)
        if on and self.splitter.sizes()[2] == 0:
            sizes = self.splitter.sizes()
            self.splitter.setSizes([sizes[0], max(sizes[1] - 300, 300), 300])

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
        """Show the form of the finding's first cell that exists (never a row a table lacks) and
        select every involved cell shown there; a gate finding fixed in a text opens the text
        where it is written."""
        key = text_to_fix(finding)
        if key:
            self.show_text(key, finding.numbers.get("label", ""))
            return
        self.chosen = finding
        self._highlight(set(finding.cells))
        existing = self.session.dataset.cells()
        landing = next((c for c in finding.cells if c in existing), finding.cells[0] if finding.cells else "")
        page = self.show_step(landing.split(".", 1)[0])
        cells = [landing, *(c for c in finding.cells if c != landing)]
        page.show_cells(cells)

    def go_to_row(self, form: str, row: str) -> None:
        """After “添加到…表”: the first cell the clerk can type in the new row."""
        definition = self.session.dataset.catalogue.form(form)
        column = next((c for c in definition.columns if not c.formula), definition.columns[0])
        self.show_step(form).show_cells([f"{form}.{row}.{column.id}"])

    def _highlight(self, cells: set[str]) -> None:
        self.highlighted = cells
        for other in self.pages.values():
            other.highlight(cells)

    def _clear_fixed(self, _result: object) -> None:
        """A fixed problem loses its yellow: the highlight lasts as long as the finding."""
        if self.chosen is None:
            return
        key = finding_key(self.chosen)
        if not any(finding_key(f) == key for f in self.session.findings):
            self.chosen = None
            self._highlight(set())

    def show_changed(self, cells: list[str]) -> None:
        """After undo or redo: select the changed cells, here if the page shows them, else on the
        form of the first one (an import's thousands of cells are not selected)."""
        if not cells or len(cells) > MAX_SELECTED:
            return
        page = self.current_page()
        if page is not None and page.show_cells(cells):
            return
        form = cells[0].split(".", 1)[0]
        if form in steps(self.session):
            self.show_step(form).show_cells([c for c in cells if c.startswith(f"{form}.")])

    def show_cell(self, cell: str) -> None:
        self.show_step(cell.split(".", 1)[0]).show_cells([cell])

    def show_text(self, key: str, label: str = "") -> None:
        """An edited 情况说明 section on its page; any other text on the texts page."""
        section = key.removeprefix("narrative.")
        if key.startswith("narrative.") and self.session.dataset.edition.template.section(section):
            narrative = self.show_step("narrative")
            assert isinstance(narrative, NarrativePage)
            narrative.show_section(section).setFocus()
            return
        texts = self.show_step("texts")
        assert isinstance(texts, TextsPage)
        texts.show_text(key, label)
        texts.focus_main()


def _named_splitters(widget: QWidget) -> list[QSplitter]:
    found = [widget] if isinstance(widget, QSplitter) else []
    found += widget.findChildren(QSplitter)
    return [s for s in found if s.objectName()]
