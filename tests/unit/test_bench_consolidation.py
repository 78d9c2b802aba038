"""The consolidation bench runs end to end on a few bundles and prints one JSON object with
the figures the issue asks for (time, peak memory, output size)."""

from __future__ import annotations

import json

import pytest

from bench.consolidation import main


def test_the_bench_prints_its_figures_for_a_small_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--sizes", "3"]) == 0
    figures = json.loads(capsys.readouterr().out)["consolidation"]["3"]
    assert figures["bundles"] == 3 and figures["refused"] == 0
    assert figures["cpu_s"] > 0 and figures["wall_s"] > 0 and figures["output_mb"] > 0
    assert figures["peak_rss_mb"] >= figures["rss_before_mb"] > 0
