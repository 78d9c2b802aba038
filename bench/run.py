"""The benchmark: `python -m bench.run` prints ONE JSON object on stdout.

Every figure is CPU time and wall time (median, p95, worst) set against a floor measured in
the same run, with the ratio of the two (bench/measure.py). On the large synthetic dataset
(bench/synthetic.py) and the sample workbook: edit → findings on an existing cell and on a
new 项 row, keystroke → the last repaint in the real window, cold start to the first shown
window and the large dataset opened (fresh processes, bench/fresh.py), workbook import end to
end, Excel and PDF exports, peak memory; then every in-process figure at 1×, 4× and 16× with
its growth exponent (bench/scaling.py). The 1-minute load average before and after says how
busy the machine was. The installers' sizes and disk-cold starts are bench/startup.py.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "tests" / "fixtures" / "shared"  # the sample data, copied into the repository
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import fresh, paths, scaling, ui_paths  # noqa: E402
from bench.measure import figure, load_1min  # noqa: E402
from bench.synthetic import Shape, build, classified_item_rows  # noqa: E402
from desktop.models.dataset import Dataset  # noqa: E402

LINEAR = 1.2  # the growth exponent a linear path stays under, allowing for noise
EDITS = 60
FRESH = 3
EXPORTS = 3
WORKBOOK = SHARED / "workbooks" / "xiqu-czj-2020.xlsx"
# The targets, each a ratio of CPU p95 to the floor's (or CPU milliseconds).
TARGETS = {
    "edit_to_findings": ("ratio", 1.5),
    "new_row_edit": ("cpu_ms", 5.0),
    "keystroke": ("ratio", 2.0),
    "cold_start": ("ratio", 2.0),
    "open_large": ("cpu_ms", 300.0),
    "pdf_export": ("ratio", 1.5),
    "excel_export": ("ratio", 1.5),
    "workbook_import": ("ratio", 2.0),
}


def dataset_figures(path: Path, folder: Path) -> dict[str, Any]:
    with Dataset.open(path) as dataset:
        shape = {"cells": len(dataset.calc().cells), "input_cells": len(dataset.calc().inputs),
                 "item_rows": classified_item_rows(dataset), "findings": len(dataset.findings())}  # fmt: skip
        return (
            {"dataset": shape}
            | paths.edit_figures(dataset, folder, EDITS)
            | paths.export_figures(dataset, folder, EXPORTS)
        )


def fresh_figures(path: Path, folder: Path) -> dict[str, Any]:
    ours, bare = fresh.runs("our_window", folder, FRESH), fresh.runs("bare_window", folder, FRESH)
    opened, rows = (
        fresh.runs("open", folder, FRESH, str(path)),
        fresh.runs("read_rows", folder, FRESH, str(path)),
    )
    return {
        "cold_start": figure([fresh.whole(r) for r in ours], [fresh.whole(r) for r in bare],
                             "bare PySide6 window, fresh process") | {"peak_mb": ours[-1]["peak_mb"]},
        "open_large": figure([fresh.part(r) for r in opened], [fresh.part(r) for r in rows],
                             "bare sqlite3 read of every row, fresh process")
        | {"peak_mb": opened[-1]["peak_mb"], "imports_cpu_ms": round(opened[-1]["imports_cpu_s"] * 1000, 1)},
    }  # fmt: skip


def peak_mb() -> float:
    status = Path("/proc/self/status").read_text().splitlines()
    return round(next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024, 1)


def verdicts(result: dict[str, Any]) -> dict[str, Any]:
    """Each target against its figure (CPU p95): met or not, with the figure compared."""
    found = {}
    for name, (kind, limit) in TARGETS.items():
        fig = result[name]
        value = fig["ratio"]["cpu_p95"] if kind == "ratio" else fig["cpu_ms"]["p95"]
        found[name] = {kind: value, "target": limit, "met": value is not None and value <= limit}
    known = [e for e in result["scaling"]["exponent_vs_cells"].values() if e is not None]
    worst = max(known, default=None)
    found["linear_growth"] = {
        "worst_exponent": worst,
        "target": LINEAR,
        "met": worst is not None and worst <= LINEAR,
    }
    return found


def main() -> None:
    start, load_before = time.perf_counter(), load_1min()
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as scratch:
        folder = Path(scratch)
        large = folder / "large.jsd"
        build(large, Shape()).close()
        result: dict[str, Any] = dataset_figures(large, folder)
        result["workbook_import"] = paths.import_figure(WORKBOOK, EXPORTS)
        result["keystroke"] = ui_paths.keystroke_figure(large, EDITS // 2)
        result |= fresh_figures(large, folder)
        result["peak_mb"] = {"bench_process": peak_mb()}
        result["scaling"] = scaling.scaling()
    result["targets"] = verdicts(result)
    result["load_1min"] = {"before": load_before, "after": load_1min(), "cpus": os.cpu_count()}
    result["elapsed_s"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
