"""The CLI doors, end to end, as the foundation issue's acceptance states them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import shared_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "a.jsd"
    assert run(capsys, "new", path, "--department", "测试", "--year", "2020")[0] == 0
    code, out, _ = run(capsys, "import", path, shared_path("datasets", "xiqu-czj-2020.json"))
    assert code == 0, out
    assert "未识别的键：notes" in out
    return path


def test_get_prints_the_published_totals(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = {
        "G01.grand_in.amount": "1349.95", "G01.inc_total.amount": "737.28", "G01.exp_total.amount": "1199.53",
        "G04.grand_in.amount": "1295.60", "G05.total.total": "826.02", "G05.total.basic": "755.92",
        "G06.staff_total.amount": "702.00", "G06.public_total.amount": "53.92", "G07.actual.total": "4.59",
        "G08.total.total": "357.12", "G01.carry_out.amount": "150.42",
    }  # fmt: skip
    for cell, value in expected.items():
        code, out, _ = run(capsys, "get", imported, cell)
        assert code == 0
        assert Decimal(out.strip()) == Decimal(value), cell


@pytest.mark.parametrize("typed", ["1,234.50", "１２３４.５", " 1234.5 "])
def test_set_accepts_what_clerks_type(imported: Path, capsys: pytest.CaptureFixture[str], typed: str) -> None:
    assert run(capsys, "set", imported, "G05.2010601.basic", typed)[0] == 0
    assert Decimal(run(capsys, "get", imported, "G05.2010601.basic")[1]) == Decimal("1234.5")


@pytest.mark.parametrize("typed", ["abc", "1.2.3"])
def test_set_refuses_and_leaves_the_file_unchanged(
    imported: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    before = imported.read_bytes()
    code, _, err = run(capsys, "set", imported, "G05.2010601.basic", typed)
    assert code == 2
    assert "不是有效的数字" in err
    assert imported.read_bytes() == before
    assert run(capsys, "get", imported, "G05.2010601.basic")[1].strip() == "306.19"


def test_validate_exit_codes_and_json(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", imported, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["counts"]["error"] == 0
    assert {f["rule"] for f in data["findings"]} >= {"yoy.total", "X01.admin_cost_vs_public", "budget.G05"}
    run(capsys, "set", imported, "G06.30101.amount", "0")
    code, out, _ = run(capsys, "validate", imported)
    assert code == 1
    assert "G05.basic_vs_G06" in out


def test_export_json_and_reimport_is_identical(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "b.json"
    assert run(capsys, "export", imported, "--json", first)[0] == 0
    copy = tmp_path / "copy.jsd"
    run(capsys, "new", copy, "--department", "x", "--year", "2000")
    assert run(capsys, "import", copy, first)[0] == 0
    second = tmp_path / "c.json"
    run(capsys, "export", copy, "--json", second)
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    for key in ("cells", "prior", "texts", "projects", "department", "units"):
        assert a[key] == b[key], key


def test_bad_usage_exits_2_with_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", tmp_path / "x.jsd")
    assert code == 2
    assert "用法错误" in err and "usage error" in err
    code, _, err = run(capsys, "get", tmp_path / "missing.jsd", "G01.grand_in.amount")
    assert code == 2
    assert "找不到数据文件" in err
    code, _, err = run(capsys, "export", tmp_path / "missing.jsd")
    assert code == 2


def test_demo_headless_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--headless")
    assert code == 0
    assert "攀枝花市西区财政局" in out and "1349.95" in out
