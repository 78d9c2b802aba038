"""导出: choose the outputs (Excel, PDF, 报送包) and a folder (beside the data file unless chosen),
export with a progress bar (in a worker thread, on an exact copy: see export_run), confirm first
when the data still has errors (the bundle then records a forced export), and list what was
written with its size and a button that opens the folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.atomic import OutputError
from desktop.io.bundle.seal import BundleError
from desktop.models.store import StoreError
from desktop.rules.finding import count_by_severity
from desktop.ui.background import Job, start_detached
from desktop.ui.export_run import OUTPUTS, ExportJob, file_names, prepare, write_outputs
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
        # Replaceable in tests: the force question and opening the folder.
        self.confirm_force: Callable[[int], bool] = self._ask_force
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.choices = {kind: QCheckBox(tr(OUTPUT_LABELS[kind])) for kind in OUTPUTS}
        self.names = {kind: QLabel() for kind in OUTPUTS}
        self.memory = AppSettings()  # the folder of the last export, shared by every file
        self.folder = QLineEdit(self.memory.folder("export") or str(session.dataset.path.parent))
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
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
        session.changed.connect(lambda _result: self._show_state())
        self._show_state()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("导出决算公开材料")))
        layout.addWidget(self._outputs_box())
        layout.addWidget(self.findings_label)
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

    def errors(self) -> int:
        return count_by_severity(self.session.findings)["error"]

    def showEvent(self, event: QShowEvent) -> None:
        self._show_state()
        super().showEvent(event)

    def focus_main(self) -> None:
        self.export_button.setFocus()

    def _show_state(self) -> None:
        for kind, name in file_names(self.session.dataset.department).items():
            self.names[kind].setText(name)
        counts = count_by_severity(self.session.findings)
        if counts["error"]:
            self.findings_label.setStyleSheet(ERROR_STYLE)
            self.findings_label.setText(
                tr("数据中还有 {n} 个错误（见右侧审核结果）。仍可导出，报送包会记录为强制导出。").format(
                    n=counts["error"]
                )
            )
        else:
            self.findings_label.setStyleSheet("")
            self.findings_label.setText(tr("审核通过：没有错误（{n} 个警告）。").format(n=counts["warning"]))
        running = self.job is not None
        self.export_button.setEnabled(bool(self.chosen()) and not running)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择保存的文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    # --- exporting ----------------------------------------------------------------------

    def _ask_force(self, errors: int) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("数据中还有错误"), "", parent=self)
        box.setText(
            tr(
                "数据中还有 {n} 个错误。导出的表格和 PDF 会包含这些错误；报送包的清单中会记录为强制导出。"
            ).format(n=errors)
        )
        force = box.addButton(tr("仍然导出（将记录为强制导出）"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is force

    def export(self) -> bool:
        """Start exporting; False when nothing was started (nothing chosen, or the clerk declined)."""
        chosen, errors = self.chosen(), self.errors()
        if not chosen or self.job is not None or (errors and not self.confirm_force(errors)):
            return False
        try:
            job = prepare(self.session.dataset, Path(self.folder.text().strip()), chosen, force=bool(errors))
        except EXPORT_ERRORS as exc:
            self._failed(exc)
            return False
        self._start(job)
        return True

    def _start(self, export: ExportJob) -> None:
        self.written, self.error = [], ""
        self.forced = export.force and "bundle" in export.names
        self.files.setRowCount(0)
        self.open_folder.setEnabled(False)
        self.progress.setRange(0, export.steps)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.job = Job(lambda job: write_outputs(export, job.report))
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
        forced = tr("（含错误，报送包已记录为强制导出）") if self.forced else ""
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
