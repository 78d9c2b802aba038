"""Issue 16 §6 in the window: a dataset on a read-only disk opens read-only, says so in the
title and the status line, and every editing door is closed with a message."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.ui.qt import Qt
from tests.hardening.conftest import set_read_only, tiny_fs
from tests.ui.conftest import Errors, make_window
from tests.ui.helpers import index_of, page


def test_a_read_only_dataset_opens_with_editing_disabled(qtbot, demo_path: Path, tmp_path: Path) -> None:
    with tiny_fs(tmp_path / "ro", 16 * 1024) as folder:
        path = folder / "demo.jsd"
        shutil.copyfile(demo_path, path)
        set_read_only(folder)
        errors = Errors()
        window = make_window(qtbot, path, errors)
        assert errors == []
        assert "只读" in window.windowTitle() and "编辑已停用" in window.saved_label.text()
        assert not window.import_current_action.isEnabled() and window.export_action.isEnabled()
        assert not window.undo_action.isEnabled()
        g05 = page(window, "G05")
        index = index_of(g05.model, "G05.2080505.basic")
        assert not g05.model.flags(index) & Qt.ItemFlag.ItemIsEditable
        before = window.session.dataset.number("G05.2080505.basic")
        assert not window.session.edit({"G05.2080505.basic": "1"})
        assert "只读" in window.statusBar().currentMessage()
        assert window.session.dataset.number("G05.2080505.basic") == before
        window.close()
