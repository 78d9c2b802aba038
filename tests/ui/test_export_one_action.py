"""Both doors export through desktop/actions/exporting.py: the export page and `juesuan export`
write the same workbook, PDF and 报送包, byte for byte once the moment of writing is taken out
(the time stamps each format records, and what hashes and signs them)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.io.bundle.gate import verify_bundle
from desktop.ui.main_window import MainWindow
from tests.helpers import run_cli
from tests.ui.test_export_page import export_and_wait, export_page

MOMENTS = (
    re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"),  # ISO 8601: xlsx, manifest
    re.compile(rb"D:\d{14}[^)]*"),  # the PDF's creation and modification dates
    re.compile(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]"),  # the PDF's id: a hash of them
)
# The bundle's sizes and hashes of its members and its signature of them: a compressed
# workbook's size, too, varies with its moment (the members themselves are compared above).
SEALS = re.compile(rb'[0-9a-f]{64}|"signature": "[^"]+"|"size": \d+')


def timeless(data: bytes) -> bytes:
    for moment in MOMENTS:
        data = moment.sub(b"<moment>", data)
    return data


def contents(path: Path) -> dict[str, bytes]:
    """A file's bytes without its moments; a zip (xlsx, bundle) member by member."""
    data = path.read_bytes()
    return members(path.suffix, data)


def members(suffix: str, data: bytes) -> dict[str, bytes]:
    if suffix not in (".xlsx", ".zip"):
        return {"": timeless(data)}
    found: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            inner = archive.read(name)
            for part, value in members(Path(name).suffix if suffix == ".zip" else "", inner).items():
                found[f"{name}/{part}"] = SEALS.sub(b"<seal>", value) if suffix == ".zip" else value
    return found


def test_page_and_cli_write_the_same_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert window.session.edit({"F00.date.value": "2021年5月20日"})  # nothing left unfinished
    export = export_page(window, tmp_path / "page")
    export.confirm_force = lambda items: pytest.fail(f"asked to confirm {items}")
    export_and_wait(qtbot, export)
    page = sorted((tmp_path / "page").iterdir())
    assert [p.suffix for p in page] == [".pdf", ".xlsx", ".zip"]
    cli = {p.suffix: tmp_path / "cli" / p.name for p in page}
    (tmp_path / "cli").mkdir()
    dataset = window.session.dataset.copy_beside(tmp_path / "cli" / "same.jsd")  # the window holds its file
    code, out, err = run_cli(
        capsys, "export", dataset, "--xlsx", cli[".xlsx"], "--pdf", cli[".pdf"], "--bundle", cli[".zip"]
    )
    assert code == 0, err
    assert out.count("已导出") == 2 and "已生成报送包" in out
    assert verify_bundle(page[2]).ok and verify_bundle(cli[".zip"]).ok  # signed and sealed, both
    for written in page:
        assert contents(written) == contents(cli[written.suffix]), written.name
