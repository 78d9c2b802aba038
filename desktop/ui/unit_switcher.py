"""The unit switcher: which unit's figures the pages show and take — the department as a whole
(read-only once it is entered unit by unit: its figures are then the units' sum), 本级, or one
of its 二级单位. Shown only for a department with more than one unit."""

from __future__ import annotations

from desktop.ui.qt import QAction, QComboBox, QHBoxLayout, QLabel, QMainWindow, QToolBar, QWidget
from desktop.ui.session import Session
from desktop.ui.text import tr

FIRST_UNIT_HINT = tr(
    "本部门尚未按单位填报：现有数据即本级的数据。在某个单位中填写后，部门合计改由各单位相加得出（只读）。"
)


def unit_title(session: Session, unit_id: str | None) -> str:
    """How the switcher and the page headings name what is shown."""
    dataset = session.dataset
    if unit_id is None:
        if dataset.by_org_unit:
            return tr("部门合计（各单位之和，只读）")
        return tr("部门（整体填报）")
    units = dataset.units
    unit = next(u for u in units if u.id == unit_id)
    role = tr("本级") if unit.id == units[0].id else tr("二级单位")
    code = f" {unit.code}" if unit.code else ""
    return f"{role}：{unit.name}{code}（{unit.kind}）"


class UnitSwitcher(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.combo = QComboBox()
        self.combo.setObjectName("unit_switcher")
        self.combo.setToolTip(
            tr(
                "选择要查看和填写的单位。部门合计由各单位相加得出（本级对二级单位的补助、二级单位的上缴相互抵销）。"
            )
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel(tr("单位：")))
        layout.addWidget(self.combo)
        self.fill()
        self.combo.currentIndexChanged.connect(self._chosen)
        session.changed.connect(lambda _result: self.fill())
        session.options_changed.connect(self._follow)

    def fill(self) -> None:
        """The entries, keeping the choice (a unit removed from the list falls back to the total)."""
        ids: list[str | None] = [None, *(u.id for u in self.session.dataset.units)]
        chosen = self.session.org_unit_id if self.session.org_unit_id in ids else None
        self.combo.blockSignals(True)
        self.combo.clear()
        for unit_id in ids:
            self.combo.addItem(unit_title(self.session, unit_id), unit_id)
        self.combo.setCurrentIndex(ids.index(chosen))
        self.combo.blockSignals(False)
        longest = max(len(self.combo.itemText(i)) for i in range(len(ids)))
        self.combo.setMinimumContentsLength(min(28, longest))
        if chosen != self.session.org_unit_id:
            self.session.set_org_unit(chosen)

    def _follow(self) -> None:
        """Another part of the window chose the unit shown (the 单位汇总 page's findings)."""
        index = self.combo.findData(self.session.org_unit_id) if self.session.org_unit_id else 0
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)

    def choose(self, unit_id: str | None) -> None:
        self.combo.setCurrentIndex(self.combo.findData(unit_id))

    def _chosen(self, index: int) -> None:
        unit_id = self.combo.itemData(index)
        self.session.set_org_unit(unit_id)
        window = self.window()
        if unit_id is not None and not self.session.dataset.by_org_unit and isinstance(window, QMainWindow):
            window.statusBar().showMessage(FIRST_UNIT_HINT, 15000)


def install(toolbar: QToolBar, session: Session) -> QAction | None:
    """A department of several units gets the switcher in the toolbar (one unit: as before)."""
    if len(session.dataset.units) < 2:
        return None
    return toolbar.addWidget(UnitSwitcher(session))


def remove(toolbar: QToolBar, action: QAction | None) -> None:
    if action is not None:
        toolbar.removeAction(action)
        action.deleteLater()  # and the switcher with it


def unit_target(session: Session) -> QComboBox | None:
    """For a department of several units: which unit the file fills. Entered by unit, the
    department cannot take a department-level file; the unit shown in the window comes first."""
    dataset = session.dataset
    if len(dataset.units) < 2:
        return None
    combo = QComboBox()
    combo.setObjectName("import_target")
    if not dataset.by_org_unit:
        combo.addItem(tr("部门（整体）"), None)
    for unit in dataset.units:
        combo.addItem(unit_title(session, unit.id), unit.code or unit.id)
        if unit.id == session.org_unit_id:
            combo.setCurrentIndex(combo.count() - 1)
    return combo
