"""金额超过两位小数: when an edit leaves amounts finer than the 0.01 万元 the tables print (e.g.
12,345.678 元 typed in 元 mode is 1.2345678 万元), the clerk is shown each as 万元 and 元 and
chooses to round them (one undo step) or keep them (the tables then show the 尾差 findings).
A value the clerk has answered for is not asked about again (after an undo, for instance)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.models.dataset import EditResult
from desktop.rules.finding import Finding
from desktop.ui.qt import QMessageBox, QObject, QWidget
from desktop.ui.session import Session
from desktop.ui.text import tr

RULE = "amount.precision"
SHOWN = 8


class PrecisionPrompt(QObject):
    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.answered: set[tuple[str, str]] = set()  # (cell, exact value) the clerk decided on
        self.ask: Callable[[list[Finding]], bool] = self._ask  # replaceable in tests
        session.changed.connect(self._on_changed)

    def _on_changed(self, result: EditResult) -> None:
        fresh = [
            f
            for f in result.findings.added
            if f.rule == RULE and (f.cells[0], f.numbers["value"]) not in self.answered
        ]
        if not fresh:
            return
        self.answered |= {(f.cells[0], f.numbers["value"]) for f in fresh}
        if self.ask(fresh):
            rounded = {f.cells[0]: f.numbers["rounded"] for f in fresh}
            self.session.edit(rounded, label=tr("四舍五入到 0.01 万元"))

    def _ask(self, findings: list[Finding]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, tr("金额超过两位小数"), "", parent=self.window)
        listed = "\n".join(f"· {f.message}" for f in findings[:SHOWN])
        more = tr("\n……另有 {n} 个").format(n=len(findings) - SHOWN) if len(findings) > SHOWN else ""
        box.setText(
            tr(
                "公开表以万元印两位小数。以下金额超过两位小数：\n{listed}{more}\n\n是否四舍五入到 0.01 万元？"
            ).format(listed=listed, more=more)
        )
        round_them = box.addButton(tr("四舍五入"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("保留原值（公开表会提示尾差）"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is round_them
