"""导出: choose the outputs (Excel, PDF, 报送包) and a folder (beside the data file unless chosen),
see what is unfinished before publishing (公开前检查, each item jumps to where it is fixed),
export with a progress bar (in a worker thread, on an exact copy: actions/exporting), confirm first
when something is unfinished (the bundle's manifest and the PDF's metadata then record what was
confirmed), or export a draft (草稿 on every page of the PDF, no bundle), and list what was
written with its size and a button that opens the folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.actions.exporting import OUTPUTS, ExportJob, check_targets, file_names, prepare, write_prepared
from desktop.atomic import OutputError
from desktop.io.bundle.seal import BundleError
from desktop.io.release import DRAFT, Release
from desktop.models.store import StoreError
from desktop.rules.finding import Finding
from desktop.ui.background import Job, start_detached
from desktop.ui.gate_box import GateBox
from desktop.ui.page_heading import heading
from desktop.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QDesktopServices,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QShowEvent,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.session import Session
from desktop.ui.settings import AppSettings
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr

OUTPUT_LABELS = {
    "xlsx": "Excel 工作簿（九张公开表及附表）",
    "pdf": "PDF 报告（公开文本）",
    "bundle": "报送包（交财政局）",
}
PUBLISHED = ("pdf", "bundle")  # the outputs that publish: unfinished items need a confirmation
SHOWN = 12  # unfinished items the confirmation lists
STEP_TEXT = {"xlsx": "正在生成 Excel 工作簿…", "pdf": "正在生成 PDF 报告…", "bundle": "正在打包报送包…"}
EXPORT_ERRORS = (BundleError, StoreError, OutputError, OSError)
ERROR_STYLE = "color: #c62828;"


def file_size(path: Path) -> str:
    size = path.stat().st_size
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class ExportPage(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: Job | None = None
        self.written: list[Path] = []
        self.error = ""
        self.forced = False
        self.stale = True  # the gates are checked again when the page is next shown
        # Replaceable in tests: the force question and opening the folder.
        self.confirm_force: Callable[[tuple[Finding, ...]], bool] = self._ask_force
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.choices = {kind: QCheckBox(tr(OUTPUT_LABELS[kind])) for kind in OUTPUTS}
        self.names = {kind: QLabel() for kind in OUTPUTS}
        self.draft = QCheckBox(tr("导出草稿：PDF 每页印“草稿”，不检查是否完成（不生成报送包）"))
        self.draft.toggled.connect(lambda _on: self._show_state())
        self.memory = AppSettings()  # the folder of the last export, shared by every file
        self.folder = QLineEdit(self.memory.folder("export") or str(session.dataset.path.parent))
        self.gate = GateBox()
        self.gate.chosen.connect(self.finding_chosen)
        self.export_button = QPushButton(tr("导出"))
        self.export_button.setMinimumWidth(120)
        self.export_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.export_button.clicked.connect(self.export)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.files = QTableWidget(0, 2)
        self.open_folder = QPushButton(tr("打开所在文件夹"))
        self.open_folder.clicked.connect(self.show_folder)
        self._build()
        session.changed.connect(self._on_changed)
        self._show_state()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("导出决算公开材料")))
        layout.addWidget(self._outputs_box())
        layout.addWidget(self.gate, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self._results_box(), 1)
        self.progress.hide()

    def _outputs_box(self) -> QGroupBox:
        box = QGroupBox(tr("导出内容与位置"))
        form = QFormLayout(box)
        for kind in OUTPUTS:
            self.choices[kind].setChecked(True)
            self.choices[kind].toggled.connect(lambda _on: self._show_state())
            self.names[kind].setStyleSheet("color: #555;")
            form.addRow(self.choices[kind], self.names[kind])
        form.addRow(self.draft)
        browse = QPushButton(tr("选择文件夹…"))
        browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.folder, 1)
        folder.addWidget(browse)
        form.addRow(tr("保存到文件夹"), folder)
        return box

    def _results_box(self) -> QGroupBox:
        box = QGroupBox(tr("已导出的文件"))
        self.files.setHorizontalHeaderLabels([tr("文件"), tr("大小")])
        self.files.verticalHeader().hide()
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.files.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(box)
        layout.addWidget(self.files, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_folder)
        layout.addLayout(row)
        self.open_folder.setEnabled(False)
        return box

    # --- state --------------------------------------------------------------------------

    def chosen(self) -> list[str]:
        return [kind for kind in OUTPUTS if self.choices[kind].isChecked()]

    def publishing(self) -> bool:
        """The chosen outputs publish (a PDF or a bundle, not as a draft)."""
        return not self.draft.isChecked() and any(kind in PUBLISHED for kind in self.chosen())

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.check_gates()
        self._show_state()
        super().showEvent(event)

    def check_gates(self) -> tuple[Finding, ...]:
        self.stale = False
        return self.gate.refresh(self.session.dataset)

    def _on_changed(self, _result: object) -> None:
        self.stale = True
        if self.isVisible():
            self.check_gates()
        self._show_state()

    def focus_main(self) -> None:
        self.export_button.setFocus()

    def _show_state(self) -> None:
        for kind, name in file_names(self.session.dataset.department).items():
            self.names[kind].setText(name)
        draft = self.draft.isChecked()
        self.choices["bundle"].setEnabled(not draft)
        if draft:
            self.choices["bundle"].setChecked(False)
        running = self.job is not None
        self.export_button.setEnabled(bool(self.chosen()) and not running)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择保存的文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    # --- exporting ----------------------------------------------------------------------

    def _ask_force(self, items: tuple[Finding, ...]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("还有未完成的内容"), "", parent=self)
        listed = "\n".join(f"· {f.message}" for f in items[:SHOWN])
        more = tr("\n……另有 {n} 项").format(n=len(items) - SHOWN) if len(items) > SHOWN else ""
        box.setText(
            tr(
                "还有 {n} 项未完成或有错误，公开的 PDF 和报送包会照此印出。确认后，这些内容会记录在"
                "报送包清单和 PDF 属性中。"
            ).format(n=len(items))
        )
        box.setDetailedText(listed + more)
        force = box.addButton(tr("确认照此公开导出（将记录）"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is force

    def release(self) -> Release | None:
        """A draft; or for publication, confirmed when something is unfinished (None: declined)."""
        if self.draft.isChecked():
            return DRAFT
        items = self.check_gates() if self.publishing() else ()
        if items and not self.confirm_force(items):
            return None
        return Release(confirmed=items)

    def export(self) -> bool:
        """Start exporting; False when nothing was started (nothing chosen, or the clerk declined)."""
        chosen, folder = self.chosen(), Path(self.folder.text().strip())
        if not chosen or self.job is not None:
            return False
        try:
            check_targets(self.session.dataset, folder, chosen)  # before asking the clerk anything
        except EXPORT_ERRORS as exc:
            self._failed(exc)
            return False
        release = self.release()
        if release is None:
            return False
        try:
            job = prepare(self.session.dataset, folder, chosen, release)
        except EXPORT_ERRORS as exc:
            self._failed(exc)
            return False
        self._start(job)
        return True

    def _start(self, export: ExportJob) -> None:
        self.written, self.error = [], ""
        self.forced = export.release.forced
        self.files.setRowCount(0)
        self.open_folder.setEnabled(False)
        self.progress.setRange(0, export.steps)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.job = Job(lambda job: write_prepared(export, job.report))
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._done)
        self.job.failed.connect(self._failed)
        start_detached(self.job)
        self._show_state()

    def _progressed(self, step: int, kind: str) -> None:
        self.progress.setValue(step)
        self.status.setText(tr(STEP_TEXT[kind]) if kind else "")

    def _done(self, written: list[Path]) -> None:
        if written:
            self.memory.save_folder("export", written[0].parent)
        self.job = None
        self.written = written
        self.progress.hide()
        self.files.setRowCount(len(written))
        for row, path in enumerate(written):
            self.files.setItem(row, 0, QTableWidgetItem(path.name))
            self.files.setItem(row, 1, QTableWidgetItem(file_size(path)))
        forced = tr("（强制导出：确认的未完成内容已记录在报送包清单和 PDF 属性中）") if self.forced else ""
        self.status.setText(
            tr("已导出 {n} 个文件到 {folder}{forced}").format(
                n=len(written), folder=self.target_folder(), forced=forced
            )
        )
        self.open_folder.setEnabled(bool(written))
        self._show_state()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.error = str(exc)
        self.progress.hide()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(tr("导出失败：{message}").format(message=self.error))
        self._show_state()

    def target_folder(self) -> Path:
        return self.written[0].parent if self.written else Path(self.folder.text().strip())

    def folder_url(self) -> QUrl:
        return QUrl.fromLocalFile(str(self.target_folder()))

    def show_folder(self) -> None:
        self.open_url(self.folder_url())
