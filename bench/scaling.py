"""Every in-process figure at 1×, 4× and 16× the large dataset, with its growth exponent.

The 功能分类 list holds 1,015 项, so the item rows stop growing at about 3×; projects and
their indicators grow the full factor. The exponent is therefore taken against the actual
growth of the dataset (its cell count), not the nominal factor: 1.0 is linear, 2.0 quadratic.
The one-shot figures (build, open, exports) are each the median CPU of three runs: a single
run moved by half between bench runs on this shared machine, and the first export in the
process also parses the fonts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.measure import Sample, exponent, quantile, repeat
from bench.paths import edit_samples, new_project_samples
from bench.synthetic import Shape, build
from desktop.models.dataset import Dataset

FACTORS = (1, 4, 16)
RUNS = 3  # of each one-shot figure, per size
ITEMS, PROJECTS, MAX_ITEMS = 320, 30, 1015


def shape(factor: int) -> Shape:
    return Shape(items=min(ITEMS * factor, MAX_ITEMS), projects=PROJECTS * factor)


def _p95_cpu_ms(samples: list[Sample]) -> float:
    return round(quantile([s.cpu for s in samples], 0.95) * 1000, 3)


def _median_cpu_ms(action: Callable[[], object]) -> float:
    return round(quantile([s.cpu for s in repeat(action, RUNS)], 0.5) * 1000, 3)


def at_scale(factor: int, folder: Path, times: int) -> dict[str, Any]:
    from desktop.io.pdf.export import export_pdf
    from desktop.io.release import DRAFT
    from desktop.io.xlsx.export import export_xlsx

    path = folder / f"scale{factor}.jsd"

    def built() -> None:
        path.unlink(missing_ok=True)
        build(path, shape(factor)).close()

    build_ms = _median_cpu_ms(built)
    open_ms = _median_cpu_ms(lambda: Dataset.open(path).close())
    with Dataset.open(path) as dataset:
        figures = {
            "cells": len(dataset.calc().cells),
            "build_cpu_ms": build_ms,
            "open_cpu_ms": open_ms,
            "edit_to_findings_p95_cpu_ms": _p95_cpu_ms(edit_samples(dataset, times)),
            "new_project_row_p95_cpu_ms": _p95_cpu_ms(new_project_samples(dataset, max(times // 4, 3))),
            "excel_export_cpu_ms": _median_cpu_ms(lambda: export_xlsx(dataset, folder / "s.xlsx")),
            "pdf_export_cpu_ms": _median_cpu_ms(lambda: export_pdf(dataset, folder / "s.pdf", DRAFT)),
        }
    path.unlink()
    return figures


def scaling(times: int = 20) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="juesuan-scale-") as scratch:
        sizes = {f"{f}x": at_scale(f, Path(scratch), times) for f in FACTORS}
    first, last = sizes["1x"], sizes[f"{FACTORS[-1]}x"]
    growth = last["cells"] / first["cells"]
    exponents = {name: exponent(first[name], last[name], growth) for name in first if name.endswith("_ms")}
    return {"sizes": sizes, "cell_growth": round(growth, 2), "exponent_vs_cells": exponents}
