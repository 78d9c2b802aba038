"""The import limits measured: the 52 MB workbook (refused before it is read) and a workbook
just inside the cell limit (read whole), each in a fresh process so its peak memory is its
own. Ceiling: 500 MB peak for either."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from bench.big_workbook import write_big_workbook

CEILING_MB = 500.0
_CHILD = """
import json, sys, time
from pathlib import Path
from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.io.workbook.reader import WorkbookError, read_workbook
edition = load_edition(ROOT_EDITION)
start = time.perf_counter()
try:
    read_workbook(Path(sys.argv[1]), edition)
    outcome = "read"
except WorkbookError as exc:
    outcome = "refused: " + exc.message[:80]
ms = round((time.perf_counter() - start) * 1000, 1)
# VmHWM is this program's own peak (ru_maxrss would carry the parent's across exec).
status = Path("/proc/self/status").read_text().splitlines()
peak = next((round(int(l.split()[1]) / 1024, 1) for l in status if l.startswith("VmHWM")), None)
print(json.dumps({"ms": ms, "peak_rss_mb": peak, "outcome": outcome}, ensure_ascii=False))
"""


def _read_in_child(path: Path, root: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return {"ms": None, "reason": done.stderr[-300:]}
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def _sizes(path: Path) -> dict[str, float]:
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    return {"file_mb": round(path.stat().st_size / 2**20, 1), "unpacked_mb": round(unpacked / 2**20, 1)}


def measure(folder: Path, root: Path) -> dict[str, Any]:
    """Figures for bench/run.py: each workbook's size, the reading time and peak memory."""
    figures: dict[str, Any] = {"ceiling_mb": CEILING_MB}
    for name, rows in (("big_52mb", None), ("near_cell_limit", 8_000)):
        start = time.perf_counter()
        path = (
            write_big_workbook(folder / f"{name}.xlsx")
            if rows is None
            else write_big_workbook(folder / f"{name}.xlsx", rows=rows)
        )
        made_s = round(time.perf_counter() - start, 1)
        reading = _read_in_child(path, root)
        peak = reading.get("peak_rss_mb")
        figures[name] = (
            _sizes(path)
            | {"written_s": made_s}
            | reading
            | {"under_ceiling": None if peak is None else peak < CEILING_MB}
        )
        path.unlink()
    return figures


if __name__ == "__main__":
    import tempfile

    ROOT = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="juesuan-limits-") as scratch:
        print(json.dumps(measure(Path(scratch), ROOT), ensure_ascii=False))
