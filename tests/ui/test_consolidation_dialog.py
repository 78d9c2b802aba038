"""Issue 13 §4: the window's 汇总 dialog runs the same consolidation as the CLI: sources and a
folder chosen, a progress bar, the summary table (units, totals, the sources left out with
their reasons), and 打开汇总数据 opens the consolidated dataset in the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from bench.consolidation import unit_copy
from desktop.ui.consolidation_dialog import ConsolidationDialog
from tests.ui.conftest import Errors, make_window


def test_the_dialog_consolidates_a_folder_and_opens_the_result(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, errors: Errors
) -> None:
    folder = tmp_path / "bundles"
    folder.mkdir()
    for n in (1, 2):
        unit_copy(sample_bundle, folder / f"{n}.zip", code=f"00{n}", name=f"单位{n}")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    window = make_window(qtbot, None, errors)
    assert "汇总报送包…" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    dialog = ConsolidationDialog(window)
    dialog.open_requested.connect(window.open_path)
    dialog.add_sources([folder, broken, folder])  # the folder once
    assert dialog.sources.count() == 2
    dialog.start()
    assert "请先添加来源，并指定" in dialog.status.text()  # no target yet
    dialog.out.setText(str(tmp_path / "sum.jsd"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None or "未完成" in dialog.status.text(), timeout=60_000)
    assert dialog.report is not None and dialog.progress.value() == 100
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [row[1] for row in cells[:2]] == ["001", "002"] and cells[2][0] == "合计（抵销后）"
    assert cells[3][0] == "未采用" and cells[3][-1] == str(broken) and "无法作为 zip 文件读取" in cells[3][1]
    assert "未采用 1 个" in dialog.status.text()
    dialog.open_button.click()
    assert window.session is not None and window.session.dataset.path == tmp_path / "sum.jsd"
    assert window.session.dataset.department.name == "汇总：单位1" and not errors


def test_a_refused_run_says_why_and_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ConsolidationDialog()
    qtbot.addWidget(dialog)
    dialog.start()
    assert "请先添加来源" in dialog.status.text()
    (tmp_path / "junk.zip").write_bytes(b"junk")
    dialog.add_sources([tmp_path / "junk.zip"])
    dialog.out.setText(str(tmp_path / "sum.jsd"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=30_000)
    said = dialog.status.text()
    assert "汇总未完成，未生成任何文件" in said and "没有可以汇总的来源" in said
    # Why, in Chinese (zipfile's own words are English), and what to do.
    assert "不是完整的 zip 压缩包" in said and "向报送单位重新索取" in said and "File is not" not in said
    assert not (tmp_path / "sum.jsd").exists() and not dialog.open_button.isEnabled()
