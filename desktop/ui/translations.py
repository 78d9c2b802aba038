"""Qt's own texts (dialog buttons, the file dialog, context menus) in Chinese: the qtbase
translations that ship with PySide6, installed once per application. A bundle that leaves the
translations folder out keeps Qt's English and says so on stderr."""

from __future__ import annotations

import sys

from desktop.ui.qt import QApplication, QLibraryInfo, QLocale, QTranslator

CATALOGUE = "qtbase_zh_CN"
_installed: list[QTranslator] = []  # kept alive for as long as the application runs


def install_translations(app: QApplication) -> bool:
    if _installed:
        return True
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(CATALOGUE, folder):
        print(f"找不到 Qt 中文翻译 {CATALOGUE}.qm（{folder}）：对话框按钮将显示英文", file=sys.stderr)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return True
