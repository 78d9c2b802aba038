"""Clocks for the bench: every figure is CPU time and wall time, summarised as percentiles and
set against a floor measured in the same run.

CPU time is the process's own (`time.process_time`: every thread of this process, none of the
machine's other load); wall time is what the clerk waits. On a shared, loaded machine the wall
figures move a lot between runs; the CPU figures and the ratios to the floor hold still.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Sample:
    cpu: float  # seconds
    wall: float  # seconds


def clock() -> Sample:
    return Sample(time.process_time(), time.perf_counter())


def since(start: Sample) -> Sample:
    now = clock()
    return Sample(now.cpu - start.cpu, now.wall - start.wall)


def measure(action: Callable[[], object]) -> Sample:
    start = clock()
    action()
    return since(start)


def repeat(action: Callable[[], object], times: int) -> list[Sample]:
    return [measure(action) for _ in range(times)]


def quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _spread(values: Sequence[float]) -> dict[str, float]:
    return {"p50": _ms(quantile(values, 0.5)), "p95": _ms(quantile(values, 0.95)), "max": _ms(max(values))}


def summary(samples: Sequence[Sample]) -> dict[str, Any]:
    """CPU and wall milliseconds of repeated samples: median, 95th percentile, worst."""
    return {
        "cpu_ms": _spread([s.cpu for s in samples]),
        "wall_ms": _spread([s.wall for s in samples]),
        "n": len(samples),
    }


def _ratio(ours: float, floor: float) -> float | None:
    return round(ours / floor, 2) if floor > 0 else None


def figure(
    samples: Sequence[Sample], floor: Sequence[Sample], floor_name: str, at: str = "p95"
) -> dict[str, Any]:
    """Our samples, the floor's, and the ratios of their `at` percentiles (CPU and wall)."""
    ours, bare = summary(samples), summary(floor)
    return ours | {
        "floor": {"what": floor_name} | bare,
        "ratio": {
            f"cpu_{at}": _ratio(ours["cpu_ms"][at], bare["cpu_ms"][at]),
            f"wall_{at}": _ratio(ours["wall_ms"][at], bare["wall_ms"][at]),
        },
    }


def load_1min() -> float:
    """The machine's 1-minute load average (how busy the other processes kept it)."""
    return round(os.getloadavg()[0], 2)


def exponent(small: float, large: float, factor: float) -> float | None:
    """Growth exponent from size 1 to `factor`: 1.0 is linear, 2.0 quadratic."""
    if small <= 0 or large <= 0:
        return None
    return round(math.log(large / small) / math.log(factor), 2)
