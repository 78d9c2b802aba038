"""导出: Excel, PDF and 报送包 written in a worker thread from a copy, a forced export when the data
has errors, the written files listed, the folder opened."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.io.bundle.gate import verify_bundle
from desktop.io.bundle.seal import MANIFEST
from desktop.rules.finding import Finding
from desktop.ui.export_page import ExportPage
from desktop.ui.main_window import MainWindow
from desktop.ui.qt import QUrl
from tests.ui.helpers import page


def export_page(window: MainWindow, folder: Path) -> ExportPage:
    found = page(window, "export")
    assert isinstance(found, ExportPage)
    found.folder.setText(str(folder))
    return found


def export_and_wait(qtbot: QtBot, export: ExportPage) -> None:
    assert export.export()
    assert export.progress.isVisible() and not export.export_button.isEnabled()
    qtbot.waitUntil(lambda: export.job is None, timeout=60000)
    assert not export.error, export.error


def test_exports_xlsx_pdf_and_bundle_and_lists_them(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert window.session.edit({"F00.date.value": "2021年5月20日"})  # nothing left unfinished
    export = export_page(window, tmp_path / "out")
    export.confirm_force = lambda items: pytest.fail(f"asked to confirm {items}")
    assert window.session.dataset.path.parent == Path(ExportPage(window.session).folder.text())  # default
    export_and_wait(qtbot, export)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "攀枝花市西区财政局2020年度部门决算.pdf",
        "攀枝花市西区财政局2020年度部门决算.xlsx",
        "攀枝花市西区财政局2020年度部门决算报送包.zip",
    ]
    assert export.files.rowCount() == 3
    assert {export.files.item(r, 0).text() for r in range(3)} == set(names)
    assert all(export.files.item(r, 1).text().endswith(("KB", "MB")) for r in range(3))
    bundle = tmp_path / "out" / names[2]
    assert verify_bundle(bundle).ok
    opened: list[QUrl] = []
    export.open_url = opened.append
    assert export.open_folder.isEnabled()
    export.open_folder.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "out"))]


def test_errors_ask_first_and_the_bundle_records_a_forced_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    session = window.session
    cell = "G05.2010601.basic"
    assert session.edit({cell: str(session.dataset.get(cell) + 1)})
    out = tmp_path / "out"
    export = export_page(window, out)
    for kind in ("xlsx", "pdf"):
        export.choices[kind].setChecked(False)
    asked: list[tuple[Finding, ...]] = []
    export.confirm_force = lambda items: asked.append(items) or False
    assert not export.export()  # declined: nothing written
    assert asked and not out.exists()
    errors = [f for f in asked[0] if not f.rule.startswith("gate.")]
    assert errors and {f.rule for f in asked[0]} >= {"gate.date"}
    export.confirm_force = lambda items: True
    export_and_wait(qtbot, export)
    (bundle,) = out.iterdir()
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    assert manifest["forced"] is True and manifest["findings"]["error"] == len(errors)
    assert len(manifest["release"]["confirmed"]) == len(asked[0])
    assert "强制导出" in export.status.text()


def test_an_unwritable_folder_is_reported(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    export = export_page(window, blocker / "sub")
    export.choices["pdf"].setChecked(False)
    export.choices["bundle"].setChecked(False)
    assert export.export()
    qtbot.waitUntil(lambda: export.job is None, timeout=20000)
    assert "导出失败" in export.status.text()


def test_the_backup_folder_is_refused_before_anything_is_written(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    backups = window.session.dataset.backup("test").parent  # a fresh demo has none yet
    before = sorted(p.name for p in backups.iterdir())
    export = export_page(window, backups)
    assert not export.export()
    assert "备份文件夹" in export.status.text()
    assert sorted(p.name for p in backups.iterdir()) == before
