"""`juesuan export --xlsx/--bundle [--force]`, `juesuan verify` and `juesuan consolidate`,
end to end on the sample dataset."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.dataset import Dataset
from tests.conftest import shared_path

SUMMED = ("G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09", "X01")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def make(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, year: int = 2020) -> Path:
    path = tmp_path / name
    assert run(capsys, "new", path, "--department", "测试", "--year", year)[0] == 0
    assert run(capsys, "import", path, shared_path("datasets", "xiqu-czj-2020.json"))[0] == 0
    assert run(capsys, "set", path, "F00.date.value", "2021年5月20日")[0] == 0  # the cover's date
    return path


def inputs(path: Path) -> dict[str, dict[str, Decimal]]:
    with Dataset.open(path) as dataset:
        return {
            year: {
                cell: value
                for cell, value in dataset.calc(year).inputs.items()
                if isinstance(value, Decimal) and cell[:3] in SUMMED
            }
            for year in ("current", "prior")
        }


def test_export_xlsx_and_bundle_then_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make(tmp_path, capsys, "a.jsd")
    code, out, _ = run(
        capsys, "export", source, "--xlsx", tmp_path / "a.xlsx", "--bundle", tmp_path / "a.zip"
    )
    assert code == 0, out
    assert "已导出 Excel" in out and "已生成报送包" in out
    assert (tmp_path / "a.xlsx").stat().st_size > 0
    code, out, _ = run(capsys, "verify", tmp_path / "a.zip")
    assert code == 0, out
    assert "通过  文件 data.json" in out and "报送包完整" in out
    code, out, _ = run(capsys, "verify", tmp_path / "a.zip", "--json")
    assert json.loads(out)["ok"] is True


def test_bundle_with_errors_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make(tmp_path, capsys, "a.jsd")
    run(capsys, "set", source, "G06.30101.amount", "0")
    code, _, err = run(capsys, "export", source, "--bundle", tmp_path / "a.zip")
    assert code == 1 and "--force" in err
    assert not (tmp_path / "a.zip").exists()
    code, out, _ = run(capsys, "export", source, "--bundle", tmp_path / "a.zip", "--force")
    assert code == 0 and "强制导出" in out
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert json.loads(archive.read("manifest.json"))["forced"] is True
    code, out, _ = run(capsys, "verify", tmp_path / "a.zip")  # passes, saying it was forced
    assert code == 0 and "通过  强制导出" in out and "强制导出：编制人确认了" in out


def test_verify_a_file_that_is_no_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_text("hello", encoding="utf-8")
    code, out, _ = run(capsys, "verify", junk)
    assert code == 2 and "失败" in out


def test_consolidate_a_dataset_and_its_own_bundle_is_one_unit_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make(tmp_path, capsys, "a.jsd")
    assert run(capsys, "export", source, "--bundle", tmp_path / "a.zip")[0] == 0
    code, _, err = run(capsys, "consolidate", tmp_path / "sum.jsd", source, tmp_path / "a.zip")
    assert code == 2 and "出现两次" in err and str(source) in err and str(tmp_path / "a.zip") in err
    assert not (tmp_path / "sum.jsd").exists()
    code, out, _ = run(capsys, "consolidate", tmp_path / "sum.jsd", tmp_path / "a.zip")
    assert code == 0, out
    single, total = inputs(source), inputs(tmp_path / "sum.jsd")
    assert single["current"] and total == single
    with Dataset.open(tmp_path / "sum.jsd") as dataset:
        assert dataset.department.name == "汇总：攀枝花市西区财政局" and dataset.department.year == 2020
        assert dataset.number("G01.grand_in.amount") == Decimal("1349.95")


def test_consolidate_refuses_different_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = make(tmp_path, capsys, "a.jsd")
    other = tmp_path / "b.jsd"
    assert run(capsys, "new", other, "--department", "另一单位", "--year", 2021)[0] == 0
    code, out, _ = run(capsys, "consolidate", tmp_path / "sum.jsd", first, other)
    assert code == 1 and "2021 年度" in out and "不同年度或版本的数据不能汇总在一起" in out
    assert inputs(tmp_path / "sum.jsd") == inputs(first)  # the other year left out


def test_consolidate_refuses_a_tampered_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make(tmp_path, capsys, "a.jsd")
    assert run(capsys, "export", source, "--bundle", tmp_path / "a.zip")[0] == 0
    raw = bytearray((tmp_path / "a.zip").read_bytes())
    raw[300] ^= 0xFF
    (tmp_path / "b.zip").write_bytes(bytes(raw))
    code, out, _ = run(capsys, "consolidate", tmp_path / "sum.jsd", source, tmp_path / "b.zip")
    assert code == 1 and f"{tmp_path / 'b.zip'}：报送包" in out and "未采用 1 个来源" in out
