"""The bench's arithmetic: percentiles, ratios to the floor, growth exponents."""

from __future__ import annotations

from bench.measure import Sample, exponent, figure, quantile


def test_a_figure_sets_its_p95_against_the_floor() -> None:
    ours = [Sample(cpu=0.001 * n, wall=0.002 * n) for n in range(1, 21)]
    floor = [Sample(cpu=0.010, wall=0.010)] * 20
    found = figure(ours, floor, "bare")
    assert found["cpu_ms"]["p95"] == 19.0
    assert found["cpu_ms"]["max"] == 20.0
    assert found["ratio"] == {"cpu_p95": 1.9, "wall_p95": 3.8}
    assert found["floor"]["what"] == "bare"
    assert figure(ours, [Sample(0.0, 0.0)], "nothing")["ratio"]["cpu_p95"] is None


def test_exponents_tell_linear_from_quadratic() -> None:
    assert exponent(1.0, 16.0, 16) == 1.0
    assert exponent(1.0, 256.0, 16) == 2.0
    assert exponent(0.0, 5.0, 16) is None
    assert quantile([3.0, 1.0, 2.0], 0.5) == 2.0
