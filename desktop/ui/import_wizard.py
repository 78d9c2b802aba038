"""导入上年数据 / 导入本年数据: choose a workbook (.xlsx/.xls, or for 本年 a .json) → a preview of
what was found (tables, rows not understood, missing tables, totals that disagree: all worked out
on a temporary copy, in a worker thread) → confirm (existing figures replaced after a backup) →
the import report. The import itself is one undoable action on the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.actions.import_summary import Conflict, ImportSummary
from desktop.actions.importing import (
    IMPORT_ERRORS,
    Preview,
    clerk_document,
    error_text,
    import_previewed,
    preview_import,
)
from desktop.io.importing import SUFFIXES
from desktop.money import format_exact
from desktop.ui.background import Job, wait_for
from desktop.ui.dialogs import label_wizard, path_row
from desktop.ui.qt import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from desktop.ui.session import Session
from desktop.ui.text import tr
from desktop.ui.unit_switcher import unit_target

ERROR_STYLE = "color: #c62828;"


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # busy: reading has no measurable steps
    bar.setTextVisible(False)
    bar.hide()
    return bar


class ChoosePage(QWizardPage):
    def __init__(self, prior: bool, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prior = prior
        self.setTitle(tr("选择文件"))
        self.setSubTitle(
            tr("选择上年的部门决算公开表（Excel 工作簿 .xlsx 或 .xls），其中的数作为上年数，用于增减对比。")
            if prior
            else tr(
                "选择本年的部门决算公开表（Excel 工作簿 .xlsx 或 .xls），或本软件的数据交换文件（.json）。"
            )
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("文件路径"))
        self.path.textChanged.connect(lambda _text: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addLayout(path_row(self.path, self._browse))
        self.target = unit_target(session)
        if self.target is not None:
            row = QHBoxLayout()
            row.addWidget(QLabel(tr("导入到：")))
            row.addWidget(self.target, 1)
            layout.addLayout(row)
        layout.addStretch(1)

    def unit_code(self) -> str | None:
        """The unit the file fills (its code, or id when it has none); None: the department."""
        return None if self.target is None else self.target.currentData()

    def suffixes(self) -> tuple[str, ...]:
        return tuple(s for s in SUFFIXES if not (self.prior and s == ".json"))

    def _browse(self) -> None:
        patterns = " ".join(f"*{s}" for s in self.suffixes())
        kinds = tr("Excel 工作簿") if self.prior else tr("Excel 工作簿或数据交换文件")
        path, _ = QFileDialog.getOpenFileName(self, tr("选择文件"), self.path.text(), f"{kinds} ({patterns})")
        if path:
            self.path.setText(path)

    def chosen(self) -> Path:
        return Path(self.path.text().strip())

    def isComplete(self) -> bool:
        path = self.chosen()
        return bool(self.path.text().strip()) and path.suffix.lower() in self.suffixes() and path.is_file()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("预览"))
        self.setSubTitle(tr("以下是在文件中找到的内容。数据文件尚未改动：确认后才导入。"))
        self.progress = _busy_bar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("表 / 项目"), tr("工作表"), tr("行"), tr("说明")])
        self.tree.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)

    def initializePage(self) -> None:
        self.tree.clear()
        self.status.setStyleSheet("")
        self.status.setText(tr("正在读取 {name}…").format(name=self.owner.choose.chosen().name))
        self.progress.show()
        self.owner.start_preview()

    def cleanupPage(self) -> None:
        wait_for(self.owner.job)
        self.owner.preview = None

    def isComplete(self) -> bool:
        return self.owner.preview is not None

    def failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(tr("无法导入：{message}\n数据文件没有任何改动。").format(message=message))

    def show_preview(self, preview: Preview) -> None:
        self.progress.hide()
        summary = preview.summary
        found = tr("共找到 {cells} 个数，来自 {tables} 张表。").format(
            cells=summary.cells, tables=len(summary.tables)
        )
        clean = not (
            summary.unmatched or summary.missing or summary.conflicts or summary.misfits or summary.mismatches
        )
        self.status.setText(found + (tr("所有行均已识别，合计与明细一致。") if clean else ""))
        if summary.mismatches:
            warning = tr("注意：{what}。导入前需要确认。").format(
                what="；".join(m.text() for m in summary.mismatches)
            )
            self.status.setText(warning + "\n" + found)
            self.status.setStyleSheet(ERROR_STYLE)
        forms = self.owner.session.dataset.catalogue.forms
        groups = (
            (
                tr("与数据文件不一致（需确认）"),
                [
                    [tr("年度") if m.what == "year" else tr("单位"), "", "", m.text()]
                    for m in summary.mismatches
                ],
            ),
            (tr("已识别的表"), [self._table_row(t, forms) for t in summary.tables]),
            (
                tr("未识别的行（未导入）"),
                [[f"{u['form']}", u["sheet"], str(u["row"]), u["text"]] for u in summary.unmatched],
            ),
            (tr("未找到的表"), [[f"{form} {_title(forms, form)}", "", "", ""] for form in summary.missing]),
            (
                tr("不属于本表的列（其中的数未导入）"),
                [
                    [m["form"], m["sheet"], str(m["column"]), f"{m['header']}：{m['figures']} 个数"]
                    for m in summary.misfits
                ],
            ),
            (
                tr("表的识别说明"),
                [[n["form"], n["sheet"], str(n["row"] or ""), n["text"]] for n in summary.notes],
            ),
            (
                tr("科目表中没有、采用文件中名称的科目"),
                [[code, "", "", name] for code, name in summary.names.items()],
            ),
            (tr("合计与明细不一致"), [_conflict_row(c) for c in summary.conflicts]),
            (tr("未识别的键（保留在文件中）"), [[key, "", "", ""] for key in summary.unknown]),
        )
        for title, rows in groups:
            self._group(title, rows)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.completeChanged.emit()

    @staticmethod
    def _table_row(table: dict[str, Any], forms: Any) -> list[str]:
        return [
            f"{table['form']} {_title(forms, table['form'])}",
            table["sheet"],
            f"{table['first_row']}–{table['last_row']}",
            tr("{cells} 个数（{unit}）").format(cells=table["cells"], unit=table["unit"]),
        ]

    def _group(self, title: str, rows: list[list[str]]) -> None:
        if not rows:
            return
        head = QTreeWidgetItem([f"{title}（{len(rows)}）"])
        self.tree.addTopLevelItem(head)
        for row in rows:
            item = QTreeWidgetItem(row)
            item.setToolTip(3, row[3])
            head.addChild(item)
        head.setExpanded(True)


def _title(forms: Any, form_id: str) -> str:
    return str(forms[form_id].title) if form_id in forms else ""


def _conflict_row(conflict: Conflict) -> list[str]:
    kind = tr("尾差") if conflict.rounding else tr("不一致")
    return [
        conflict.cell,
        "",
        "",
        tr("{kind}：文件中为 {stated}，按明细计算为 {computed}").format(
            kind=kind, stated=format_exact(conflict.stated), computed=format_exact(conflict.computed)
        ),
    ]


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("确认导入"))
        self.setCommitPage(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.confirm_mismatch = QCheckBox()
        self.confirm_mismatch.toggled.connect(lambda _on: self.completeChanged.emit())
        self.progress = _busy_bar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.confirm_mismatch)
        layout.addWidget(self.progress)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.text.setStyleSheet("")
        self.text.setText(self.owner.confirmation())
        found = self.owner.preview.summary.mismatches if self.owner.preview else []
        self.confirm_mismatch.setChecked(False)
        self.confirm_mismatch.setVisible(bool(found))
        self.confirm_mismatch.setText(
            tr("我已核对：{what}，仍要导入").format(what="；".join(m.text() for m in found))
        )

    def isComplete(self) -> bool:
        return self.confirm_mismatch.isHidden() or self.confirm_mismatch.isChecked()

    def validatePage(self) -> bool:
        self.progress.show()
        QApplication.processEvents()
        done = self.owner.run_import()
        self.progress.hide()
        if not done:
            self.text.setStyleSheet(ERROR_STYLE)
            self.text.setText(
                tr("导入失败，数据文件没有任何改动：\n{message}").format(message=self.owner.error)
            )
        return done


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("导入完成"))
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.backup = QLabel()
        self.backup.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.backup)

    def initializePage(self) -> None:
        summary = self.owner.summary
        if summary is None:
            return
        self.report.setPlainText(summary.text())
        self.backup.setText(
            tr("导入前的数据已备份到：{path}\n如需恢复，可按 Ctrl+Z 一步撤销整个导入。").format(
                path=summary.backup
            )
        )


class ImportWizard(QWizard):
    def __init__(self, session: Session, *, prior: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.prior = prior
        self.job: Job | None = None
        self.preview: Preview | None = None
        self.summary: ImportSummary | None = None
        self.error = ""
        self.setWindowTitle(tr("导入上年数据") if prior else tr("导入本年数据"))
        self.choose = ChoosePage(prior, session)
        self.preview_page = PreviewPage(self)
        self.confirm = ConfirmPage(self)
        self.result_page = ResultPage(self)
        for page in (self.choose, self.preview_page, self.confirm, self.result_page):
            self.addPage(page)
        label_wizard(self, tr("完成"), commit_text=tr("导入"))
        self.resize(900, 620)

    # --- reading (worker thread) ---------------------------------------------------------

    def start_preview(self) -> None:
        wait_for(self.job)
        self.preview, self.error = None, ""
        doc, source, prior = clerk_document(self.session.dataset), self.choose.chosen(), self.prior
        unit_code = self.choose.unit_code()
        self.job = Job(lambda _job: preview_import(doc, source, prior=prior, unit_code=unit_code), self)
        self.job.succeeded.connect(self._previewed)
        self.job.failed.connect(self._preview_failed)
        self.job.start()

    def _previewed(self, preview: Preview) -> None:
        self.preview = preview
        self.preview_page.show_preview(preview)

    def _preview_failed(self, exc: BaseException) -> None:
        self.error = error_text(exc)
        self.preview_page.failed(self.error)

    # --- importing (GUI thread) ----------------------------------------------------------

    def replaces_figures(self) -> bool:
        year, dataset, unit_code = (
            "prior" if self.prior else "current",
            self.session.dataset,
            self.choose.unit_code(),
        )
        if unit_code is not None:
            return dataset.unit_has_figures(dataset.org_unit(unit_code).id, year)
        return dataset.has_figures(year)

    def confirmation(self) -> str:
        cells = self.preview.summary.cells if self.preview else 0
        year = tr("上年") if self.prior else tr("本年")
        lines = [tr("将导入 {cells} 个数，作为{year}数据。").format(cells=cells, year=year)]
        if self.choose.target is not None:
            lines[0] += tr("导入到：{unit}。").format(unit=self.choose.target.currentText())
        if self.replaces_figures():
            lines.append(self._replacing(year))
        lines.append(tr("导入前会先自动备份数据文件；导入后也可以按 Ctrl+Z 一步撤销整个导入。"))
        return "\n\n".join(lines)

    def _replacing(self, year: str) -> str:
        if self.preview is not None and self.preview.source.document is not None:  # both years
            return tr("数据文件中已有本年数据：导入将用文件中的数据替换现有的本年和上年数据、项目与评分。")
        return tr("数据文件中已有{year}数据：导入将替换现有的{year}各表数据（{kept}不受影响）。").format(
            year=year, kept=tr("单位基本情况、其他事项、项目与评分")
        )

    def run_import(self) -> bool:
        preview = self.preview
        if preview is None:
            return False
        dataset, replace = self.session.dataset, self.replaces_figures()
        try:
            force = bool(preview.summary.mismatches) and self.confirm.confirm_mismatch.isChecked()
            done = self.session.run(
                lambda: self._keep(import_previewed(dataset, preview, replace=replace, force=force))
            )
        except IMPORT_ERRORS as exc:
            self.error = error_text(exc)
            return False
        return done

    def _keep(self, summary: ImportSummary) -> ImportSummary:
        self.summary = summary
        return summary

    def done(self, result: int) -> None:
        wait_for(self.job)
        super().done(result)
