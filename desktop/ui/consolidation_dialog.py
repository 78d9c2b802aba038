"""汇总 (the finance bureau's consolidation) in the window: choose bundles, datasets or a
folder of them and where the consolidated dataset goes, run it with a progress bar (in a
worker thread: it reads only files, never the window's Dataset), see the summary table (each
unit, its main totals, findings and whether it was forced, then the sources left out with
their reasons) and open the consolidated dataset. The same use case as `juesuan consolidate`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from desktop.actions.consolidation import ConsolidationError, ConsolidationReport, consolidate
from desktop.atomic import OutputError
from desktop.io.consolidation.summary import headers, line_values, total_values
from desktop.models.store import StoreError
from desktop.ui.background import Job, wait_for
from desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.text import tr

FAILURES = (ConsolidationError, OutputError, StoreError, OSError)
ERROR_STYLE = "color: #c62828;"
SOURCE_FILTER = "报送包或数据文件 (*.zip *.jsz *.jsd)"


class ConsolidationDialog(QDialog):
    open_requested = Signal(object)  # the consolidated dataset's path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("汇总报送包"))
        self.job: Job | None = None
        self.report: ConsolidationReport | None = None
        self.sources = QListWidget()
        self.out = QLineEdit()
        self.out.setPlaceholderText(tr("汇总数据文件（.jsd）"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.start_button = QPushButton(tr("开始汇总"))
        self.open_button = QPushButton(tr("打开汇总数据"))
        self.open_button.setEnabled(False)
        self._lay_out()
        self.start_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self._open)

    def _lay_out(self) -> None:
        choose = QHBoxLayout()
        for text, slot in ((tr("添加报送包…"), self._choose_files), (tr("添加文件夹…"), self._choose_folder)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            choose.addWidget(button)
        clear = QPushButton(tr("清空"))
        clear.clicked.connect(self.sources.clear)
        choose.addWidget(clear)
        choose.addStretch()
        target = QHBoxLayout()
        target.addWidget(QLabel(tr("汇总到：")))
        target.addWidget(self.out, 1)
        save_as = QPushButton(tr("另存为…"))
        save_as.clicked.connect(self._choose_out)
        target.addWidget(save_as)
        target.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("来源（报送包、数据文件或其所在文件夹；同一文件只计一次）：")))
        layout.addLayout(choose)
        layout.addWidget(self.sources, 1)
        layout.addLayout(target)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.open_button)
        self.resize(1100, 720)

    # --- choosing --------------------------------------------------------------------

    def add_sources(self, paths: list[Path]) -> None:
        shown = [self.sources.item(n).text() for n in range(self.sources.count())]
        self.sources.addItems([p for p in dict.fromkeys(map(str, paths)) if p not in shown])

    def chosen(self) -> list[Path]:
        return [Path(self.sources.item(n).text()) for n in range(self.sources.count())]

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("选择报送包"), "", tr(SOURCE_FILTER))
        self.add_sources([Path(p) for p in paths])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择存放报送包的文件夹"))
        if folder:
            self.add_sources([Path(folder)])

    def _choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("汇总数据保存为"), self.out.text(), "决算数据 (*.jsd)")
        if path:
            self.out.setText(path if path.endswith(".jsd") else path + ".jsd")

    # --- running ---------------------------------------------------------------------

    def start(self) -> None:
        sources, out = self.chosen(), self.out.text().strip()
        if not sources or not out:
            self._say(tr("请先添加来源，并指定汇总数据文件的位置。"), error=True)
            return
        self.start_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setValue(0)
        self._say(tr("正在校验并汇总…"))

        def work(job: Job) -> ConsolidationReport:
            def progress(done: int, of: int, name: str) -> None:
                job.report(done * 100 // max(of, 1), name)

            return consolidate(Path(out), sources, progress=progress)

        self.job = Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _progressed(self, percent: int, name: str) -> None:
        self.progress.setValue(percent)
        if name:
            self.status.setText(tr("正在读取 ") + name)

    def _done(self, report: ConsolidationReport) -> None:
        self.report = report
        self.start_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.progress.setValue(100)
        left_out = tr("，未采用 {n} 个（原因见表末）").format(n=len(report.refused)) if report.refused else ""
        done = tr("已汇总 {n} 个来源{left_out}。汇总情况表：{summary}")
        self._say(
            done.format(n=len(report.lines), left_out=left_out, summary=report.summary),
            error=bool(report.refused),
        )
        self._fill(report)

    def _failed(self, exc: Exception) -> None:
        self.start_button.setEnabled(True)
        if not isinstance(exc, FAILURES):
            raise exc
        self._say(tr("汇总未完成，未生成任何文件：") + str(exc), error=True)

    def _fill(self, report: ConsolidationReport) -> None:
        columns = headers(report.labels)
        rows = [*map(line_values, report.lines), total_values(report.lines, report.totals)]
        summed = len(rows)
        # A source left out: its reason across the figures' columns, its file in the last one.
        rows += [[tr("未采用"), r.reason, *[""] * (len(columns) - 3), str(r.path)] for r in report.refused]
        self.table.clearSpans()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(_shown(value)))
            if row >= summed:
                self.table.setSpan(row, 1, 1, len(columns) - 2)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def _open(self) -> None:
        if self.report is not None:
            self.open_requested.emit(self.report.out)
            self.accept()

    def done(self, result: int) -> None:
        wait_for(self.job)
        super().done(result)


def run_dialog(parent: QWidget, open_path: Callable[[Path], object]) -> None:
    """The dialog, modal; 打开汇总数据 opens the consolidated dataset in the window."""
    dialog = ConsolidationDialog(parent)
    dialog.open_requested.connect(open_path)
    dialog.exec()


def _shown(value: object) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else str(value)
