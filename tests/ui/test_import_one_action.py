"""Both doors import through desktop/actions/importing.py: the window's import wizard and
`juesuan import` print byte-identical reports of the same file (the backup's time stamp aside),
and the wizard's preview foretells exactly what the import then reports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.dataset import Dataset
from tests.conftest import shared_path
from tests.helpers import run_cli
from tests.ui.conftest import Errors, make_window
from tests.ui.test_import_wizard import open_wizard

STAMP = re.compile(r"\d{8}-\d{6}-\d{6}")  # the backup's name: when it was taken


def fresh(path: Path) -> Path:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".backups"), ignore_errors=True)
    Dataset.create(path, "攀枝花市西区财政局", 2020).close()
    return path


def stamped(text: str) -> str:
    assert STAMP.search(text), "the report names its backup"
    return STAMP.sub("<stamp>", text)


@pytest.mark.parametrize(
    ("book", "prior"),
    [("xiqu-czj-2020.xlsx", False), ("xiqu-czj-2019.xls", True), ("xiqu-czj-2020.json", False)],
)
def test_window_and_cli_print_the_same_import_report(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], errors: Errors, book: str, prior: bool
) -> None:
    source = shared_path("workbooks" if book.endswith(("xlsx", "xls")) else "datasets", book)
    target = tmp_path / "西区财政局.jsd"
    year = ["--prior"] if prior else []
    code, cli_json, _err = run_cli(capsys, "import", fresh(target), source, "--json", *year)
    assert code == 0
    code, cli_text, _err = run_cli(capsys, "import", fresh(target), source, *year)
    assert code == 0
    window = make_window(qtbot, fresh(target), errors)
    wizard = open_wizard(qtbot, window, source, prior=prior)
    assert wizard.preview is not None
    foretold = wizard.preview.summary.as_json()
    wizard.next()
    wizard.next()  # 导入
    summary = wizard.summary
    assert summary is not None and summary.cells > 100 and errors == []
    window_json = json.dumps(summary.as_json(), ensure_ascii=False, indent=2) + "\n"
    assert stamped(window_json).encode() == stamped(cli_json).encode()
    assert stamped(wizard.result_page.report.toPlainText() + "\n").encode() == stamped(cli_text).encode()
    assert foretold == summary.as_json() | {"backup": ""}  # the preview said what the import did
