"""The window starts without the heavy file libraries: reportlab, openpyxl and xlrd load on
the first export or import, never when the main window's modules are imported (a cold start
pays only for what it shows). Nor does the start page need a dataset: the store (peewee, and
the psycopg2 it probes for), the rule engine, the workspace's pages and the bundle's
cryptography load with the first file. Checked in a fresh interpreter, so nothing earlier in
the test run has loaded them already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "openpyxl", "xlrd")
FIRST_FILE = (
    "peewee",
    "psycopg2",
    "cryptography",
    "desktop.models.dataset",
    "desktop.rules.kinds",
    "desktop.ui.workspace",
    "desktop.ui.pages",
)
WINDOW_DOORS = ("desktop.cli", "desktop.app", "desktop.ui.main_window", "desktop.ui.application")


def loaded_after(*modules: str, watched: tuple[str, ...] = HEAVY) -> dict[str, bool]:
    """Which of `watched` a fresh interpreter holds after importing `modules`."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}: importlib.import_module(name)\n"
        f"print(json.dumps({{h: h in sys.modules for h in {list(watched)!r}}}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    found: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_the_window_and_the_doors_load_no_heavy_library() -> None:
    found = loaded_after(*WINDOW_DOORS)
    assert found == dict.fromkeys(HEAVY, False)


def test_the_start_page_loads_nothing_a_file_needs() -> None:
    found = loaded_after(*WINDOW_DOORS, watched=FIRST_FILE)
    assert found == dict.fromkeys(FIRST_FILE, False)


@pytest.mark.parametrize(
    ("module", "needed"),
    [("desktop.cli_commands", "desktop.models.dataset"), ("desktop.ui.workspace", "peewee")],
)
def test_the_check_sees_a_file_module_loaded(module: str, needed: str) -> None:
    assert loaded_after(module, watched=FIRST_FILE)[needed] is True


@pytest.mark.parametrize(
    ("module", "library"),
    [
        ("desktop.io.pdf.export", "reportlab"),
        ("desktop.io.xlsx.export", "openpyxl"),
    ],
)
def test_the_check_sees_a_library_loaded_eagerly(module: str, library: str) -> None:
    assert loaded_after(module)[library] is True


def test_reading_a_workbook_loads_openpyxl_on_first_use(tmp_path: Path) -> None:

    book = Workbook()
    book.active["A1"] = "收入支出决算表"
    book.active["B2"] = 12.5
    path = tmp_path / "book.xlsx"
    book.save(path)
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from desktop.io.workbook.files import load_grids\n"
        "before = 'openpyxl' in sys.modules\n"
        f"grids = load_grids(Path({str(path)!r}))\n"
        "print(before, 'openpyxl' in sys.modules, len(grids[0].cells))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["False", "True", "2"]


def test_the_light_door_knows_every_command() -> None:
    # A name missing from the door would open the window on a file called, say, "validate".
    from desktop.cli import COMMANDS
    from desktop.cli_commands import command_names

    assert command_names() == COMMANDS
