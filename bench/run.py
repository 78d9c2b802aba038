"""The benchmark: `.venv/bin/python bench/run.py` prints ONE JSON object on stdout.

It builds a large synthetic dataset (bench/synthetic.py) in a temporary folder and measures:
edit → updated findings (300 random edits: end to end through `Dataset.set`, and the
recalculation + re-check part alone), the full validation pass, loading the file, peak
memory; and, where the modules exist, reading the sample workbook (tests/fixtures/shared), exporting the
sample dataset to Excel and PDF, the UI figures of `desktop.ui.timing`, and the import limits
(bench/workbook_limits.py: the 52 MB workbook and one near the cell limit, peak memory each).
Targets: incremental p95 ≤ 2 ms, full pass ≤ 150 ms.
The installers' sizes and start-up times are a separate object: bench/startup.py.
"""

from __future__ import annotations

import importlib
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "tests" / "fixtures" / "shared"  # the sample data, copied into the repository
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import workbook_limits  # noqa: E402
from bench.synthetic import Shape, build, classified_item_rows  # noqa: E402
from desktop.forms.edition import ROOT_EDITION, load_edition  # noqa: E402
from desktop.models.dataset import Dataset, EditResult  # noqa: E402

EDITS = 300
REPEATS = 5
TARGETS = {"edit_p95_ms": 2.0, "full_pass_ms": 150.0, "open_ms": 1500.0, "keystroke_p95_ms": 50.0}


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[round(q * (len(ordered) - 1))]

    return {"p50": ms(at(0.5)), "p95": ms(at(0.95)), "max": ms(ordered[-1]), "n": len(ordered)}


def amount_inputs(dataset: Dataset) -> list[str]:
    calc = dataset.calc()
    return sorted(
        c for c, v in calc.inputs.items() if isinstance(v, Decimal) and calc.cells[c].kind == "amount"
    )


def measure_edits(dataset: Dataset, seed: int = 7) -> tuple[dict[str, float], dict[str, float]]:
    """Random edits: the whole `Dataset.set` (SQLite transaction and change log included) and
    the in-memory part that recalculates and re-checks (timed around `Memory.after`)."""
    rng = random.Random(seed)
    cells = amount_inputs(dataset)
    engine: list[float] = []
    memory = dataset._memory
    after = memory.after

    def timed_after(*args: Any, **kwargs: Any) -> EditResult:
        start = time.perf_counter()
        result = after(*args, **kwargs)
        engine.append(time.perf_counter() - start)
        return result

    memory.after = timed_after  # type: ignore[method-assign]
    edits = [(rng.choice(cells), f"{rng.randint(0, 999_999) / 100:.2f}") for _ in range(EDITS)]
    total = []
    for cell, value in edits:
        start = time.perf_counter()
        dataset.set(cell, value)
        total.append(time.perf_counter() - start)
    del memory.after
    return percentiles(total), percentiles(engine)


def median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    return ms(statistics.median(timed(action) for _ in range(repeats)))


def load_ms(path: Path) -> float:
    def load() -> None:
        Dataset.open(path).close()

    return median_ms(load)


def optional(module: str, name: str, call: Callable[[Any], object]) -> dict[str, Any]:
    """Time `call(module.name)`; null with the reason when the module or the call is missing."""
    try:
        function = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        return {"ms": None, "reason": f"{module}.{name} 不可用：{exc}"}
    try:
        return {"ms": ms(timed(lambda: call(function)))}
    except Exception as exc:
        return {"ms": None, "reason": f"{module}.{name} 失败：{exc!r}"}


def sample_dataset(folder: Path) -> Dataset:
    source = SHARED / "datasets" / "xiqu-czj-2020.json"
    from desktop.models.interchange import import_document

    doc = json.loads(source.read_text(encoding="utf-8"))
    dataset = Dataset.create(folder / "sample.jsd", doc["department"]["name"], int(doc["department"]["year"]))
    import_document(dataset, doc)
    return dataset


def io_figures(folder: Path) -> dict[str, Any]:
    workbook = SHARED / "workbooks" / "xiqu-czj-2020.xlsx"
    figures: dict[str, Any] = {
        "read_workbook": optional(
            "desktop.io.workbook.reader", "read_workbook", lambda f: f(workbook, load_edition(ROOT_EDITION))
        )
    }
    with sample_dataset(folder) as sample:
        figures["export_xlsx"] = optional(
            "desktop.io.xlsx.export", "export_xlsx", lambda f: f(sample, folder / "sample.xlsx")
        )
        figures["export_pdf"] = optional(
            "desktop.io.pdf.export", "export_pdf", lambda f: f(sample, folder / "sample.pdf")
        )
    return figures


def ui_figures(large: Path) -> dict[str, Any]:
    # HOOK(ui): desktop.ui.timing.bench() returns the window-open and keystroke figures
    # (milliseconds); wired here, recorded as null with the reason when unavailable.
    try:
        bench = importlib.import_module("desktop.ui.timing").bench
    except (ImportError, AttributeError) as exc:
        return {"ms": None, "reason": f"desktop.ui.timing.bench 不可用：{exc}"}
    try:
        return dict(bench(large))
    except Exception as exc:
        return {"ms": None, "reason": f"desktop.ui.timing.bench 失败：{exc!r}"}


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def engine_figures(folder: Path) -> dict[str, Any]:
    path = folder / "bench.jsd"
    build_s = timed(lambda: build(path, Shape()).close())
    dataset = Dataset.open(path)
    calc = dataset.calc()
    figures: dict[str, Any] = {
        "cells": len(calc.cells),
        "input_cells": len(calc.inputs),
        "item_rows": classified_item_rows(dataset),
        "rule_instances": len(dataset._memory.validator.instances),
        "build_s": round(build_s, 3),
    }
    figures["edit_ms"], figures["edit_engine_ms"] = measure_edits(dataset)
    figures["full_pass_ms"] = median_ms(dataset._memory.validator.full_pass)
    figures["findings"] = len(dataset._memory.validator.findings)
    dataset.close()
    figures["load_ms"] = load_ms(path)
    return figures


def _at_most(value: float | None, target: float) -> bool | None:
    return None if value is None else value <= target


def main() -> None:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as folder:
        result = engine_figures(Path(folder))
        result["peak_rss_mb"] = peak_rss_mb()
        result["io"] = io_figures(Path(folder))
        result["ui"] = ui_figures(Path(folder) / "bench.jsd")
        result["workbook_limits"] = workbook_limits.measure(Path(folder), ROOT)
    result["targets"] = {
        **TARGETS,
        "edit_p95_met": result["edit_ms"]["p95"] <= TARGETS["edit_p95_ms"],
        "edit_engine_p95_met": result["edit_engine_ms"]["p95"] <= TARGETS["edit_p95_ms"],
        "full_pass_met": result["full_pass_ms"] <= TARGETS["full_pass_ms"],
        "open_met": _at_most(result["ui"].get("total_ms"), TARGETS["open_ms"]),
        "large_keystroke_p95_met": _at_most(
            result["ui"].get("large_keystroke_p95_ms"), TARGETS["keystroke_p95_ms"]
        ),
        "workbook_memory_met": all(
            result["workbook_limits"][name].get("under_ceiling") for name in ("big_52mb", "near_cell_limit")
        ),
    }
    result["elapsed_s"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
