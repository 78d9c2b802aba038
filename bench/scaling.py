"""Every in-process figure at 1×, 4× and 16× the large dataset, with its growth exponent.

The 功能分类 list holds 1,015 项, so the item rows stop growing at about 3×; projects and
their indicators grow the full factor. The exponent is therefore taken against the actual
growth of the dataset (its cell count), not the nominal factor: 1.0 is linear, 2.0 quadratic.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.measure import Sample, exponent, measure, quantile
from bench.paths import edit_samples, new_project_samples
from bench.synthetic import Shape, build
from desktop.models.dataset import Dataset

FACTORS = (1, 4, 16)
ITEMS, PROJECTS, MAX_ITEMS = 320, 30, 1015


def shape(factor: int) -> Shape:
    return Shape(items=min(ITEMS * factor, MAX_ITEMS), projects=PROJECTS * factor)


def _p95_cpu_ms(samples: list[Sample]) -> float:
    return round(quantile([s.cpu for s in samples], 0.95) * 1000, 3)


def _cpu_ms(sample: Sample) -> float:
    return round(sample.cpu * 1000, 3)


def at_scale(factor: int, folder: Path, times: int) -> dict[str, Any]:
    from desktop.io.pdf.export import export_pdf
    from desktop.io.release import DRAFT
    from desktop.io.xlsx.export import export_xlsx

    path = folder / f"scale{factor}.jsd"
    built = measure(lambda: build(path, shape(factor)).close())
    opened: list[Dataset] = []
    open_sample = measure(lambda: opened.append(Dataset.open(path)))
    with opened[0] as dataset:
        figures = {
            "cells": len(dataset.calc().cells),
            "build_cpu_ms": _cpu_ms(built),
            "open_cpu_ms": _cpu_ms(open_sample),
            "edit_to_findings_p95_cpu_ms": _p95_cpu_ms(edit_samples(dataset, times)),
            "new_project_row_p95_cpu_ms": _p95_cpu_ms(new_project_samples(dataset, max(times // 4, 3))),
            "excel_export_cpu_ms": _cpu_ms(measure(lambda: export_xlsx(dataset, folder / "s.xlsx"))),
            "pdf_export_cpu_ms": _cpu_ms(measure(lambda: export_pdf(dataset, folder / "s.pdf", DRAFT))),
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
