"""A process killed in the middle of edits loses no accepted edit and leaves a sound file."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.models.dataset import Dataset

WRITER = """
import sys
from pathlib import Path
from desktop.models.dataset import Dataset
dataset = Dataset.open(Path(sys.argv[1]))
for n in range(1, 100000):
    dataset.set("G05.2010601.basic", f"{n}.01")
    print(n, flush=True)
"""


def _kill_after(path: Path, edits: int) -> int:
    """Run the writer, SIGKILL it after `edits` acknowledged edits; the last one it reported."""
    command = [sys.executable, "-c", WRITER, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        last = 0
        for line in proc.stdout:
            last = int(line)
            if last >= edits:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=30)
    return last


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_edit_keeps_every_accepted_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.jsd"
    Dataset.create(path, "测试", 2020).close()
    for _ in range(3):
        last = _kill_after(path, edits=40)
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
        with Dataset.open(path) as dataset:
            stored = dataset.number("G05.2010601.basic")
            assert stored is not None and stored >= Decimal(f"{last}.01")
            assert dataset.number("G05.total.total") == stored
