"""Figures measured in a fresh process each: a cold start to the first shown window (ours
through the real `juesuan` door, and a bare PySide6 window as its floor), the large dataset
opened headless (and, as its floor, the same file's rows read with bare sqlite3), the window
on the large dataset, and the PDF fonts registered once.

Each child reports its own CPU time since the interpreter started (`time.process_time`), its
wall time since the parent launched it, and its peak memory (VmHWM). The page cache is warm:
"cold" means a new process, not a cold disk (bench/startup.py does the disk-cold starts).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import Sample

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 600

_PRELUDE = """
import json, os, sys, time
T0 = float(os.environ["BENCH_T0"])

def report(end=None, **figures):
    # end: (cpu, perf_counter) of the moment measured; default now.
    cpu, wall = time.process_time(), time.time() - T0
    if end is not None:
        wall -= time.perf_counter() - end[1]
        cpu = end[0]
    status = open("/proc/self/status").read().splitlines()
    peak = next(int(l.split()[1]) / 1024 for l in status if l.startswith("VmHWM"))
    figures |= {"cpu_s": cpu, "wall_s": wall, "peak_mb": round(peak, 1)}
    sys.stdout.write(json.dumps(figures) + "\\n")
    sys.stdout.flush()
    os._exit(0)

def window_shown(*_args):
    # Replaces QApplication.exec: the first window has been shown; wait for its paint.
    from desktop.ui.timing import until_idle
    report(until_idle())
"""

_BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QLayout, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
window.resize(1366, 768)
window.show()
window_shown()
"""

_OUR_WINDOW = """
import PySide6.QtWidgets
PySide6.QtWidgets.QApplication.exec = window_shown
from desktop.cli import main
main(sys.argv[1:])
raise SystemExit("the window was never shown")
"""

_OPEN = """
from pathlib import Path
start = (time.process_time(), time.perf_counter())
from desktop.models.dataset import Dataset
imported = (time.process_time(), time.perf_counter())
dataset = Dataset.open(Path(sys.argv[1]))
opened = (time.process_time(), time.perf_counter())
report(imports_cpu_s=imported[0] - start[0], open_cpu_s=opened[0] - imported[0],
       open_wall_s=opened[1] - imported[1], findings=len(dataset.findings()))
"""

_READ_ROWS = """
import sqlite3
imported = (time.process_time(), time.perf_counter())
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
rows = sum(len(db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in tables)
done = (time.process_time(), time.perf_counter())
report(open_cpu_s=done[0] - imported[0], open_wall_s=done[1] - imported[1], rows=rows)
"""

_FONTS = """
start = (time.process_time(), time.perf_counter())
from desktop.io.pdf.fonts import register_fonts
imported = (time.process_time(), time.perf_counter())
register_fonts()
done = (time.process_time(), time.perf_counter())
report(open_cpu_s=done[0] - imported[0], open_wall_s=done[1] - imported[1],
       imports_cpu_s=imported[0] - start[0])
"""

CHILDREN = {
    "bare_window": _BARE_WINDOW,
    "our_window": _OUR_WINDOW,
    "open": _OPEN,
    "read_rows": _READ_ROWS,
    "fonts": _FONTS,
}


def run_child(kind: str, folder: Path, *args: str) -> dict[str, Any]:
    """One fresh process; its report. Its settings, recent files and data stay in `folder`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env |= {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home),
            "XDG_DATA_HOME": str(home), "JUESUAN_DATA_DIR": str(home), "PYTHONPATH": str(ROOT)}  # fmt: skip
    env["BENCH_T0"] = repr(time.time())
    done = subprocess.run(
        [sys.executable, "-c", _PRELUDE + CHILDREN[kind], *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench child {kind} failed ({done.returncode}): {done.stderr[-600:]}")
    report: dict[str, Any] = json.loads(lines[-1])
    return report


def whole(report: dict[str, Any]) -> Sample:
    """The child's whole life up to the moment measured."""
    return Sample(report["cpu_s"], report["wall_s"])


def part(report: dict[str, Any]) -> Sample:
    """The one step the child timed (an open, a registration), without its imports."""
    return Sample(report["open_cpu_s"], report["open_wall_s"])


def runs(kind: str, folder: Path, times: int, *args: str) -> list[dict[str, Any]]:
    return [run_child(kind, folder, *args) for _ in range(times)]
