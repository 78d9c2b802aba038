"""Chinese button rows shared by the dialogs and wizards (Qt's own labels follow the system
language, which on a clerk's machine may not be Chinese)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.ui.qt import QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QPushButton, QWizard
from desktop.ui.text import tr


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """确定/取消 buttons (with `ok_text` on the first) wired to accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def label_wizard(wizard: QWizard, finish_text: str, commit_text: str | None = None) -> None:
    labels = {
        QWizard.WizardButton.NextButton: tr("下一步"),
        QWizard.WizardButton.BackButton: tr("上一步"),
        QWizard.WizardButton.FinishButton: finish_text,
        QWizard.WizardButton.CancelButton: tr("取消"),
    }
    if commit_text is not None:
        labels[QWizard.WizardButton.CommitButton] = commit_text
    for button, text in labels.items():
        wizard.setButtonText(button, text)


def path_row(edit: QLineEdit, browse: Callable[[], None]) -> QHBoxLayout:
    """A file path box with its 浏览… button."""
    button = QPushButton(tr("浏览…"))
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row
