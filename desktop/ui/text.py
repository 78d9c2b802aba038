"""UI text goes through Qt's translator so a .qm file can replace it; the source text is Chinese."""

from __future__ import annotations

from desktop.ui.qt import QCoreApplication

CONTEXT = "juesuan"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
