"""A department entered unit by unit: its bundle records each unit's own findings (marked with
the unit), so a unit's error that the total hides is held back, confirmed, signed and
re-checked by the bureau like the department's own."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.io.bundle.gate import read_bundle_data, verify_bundle
from desktop.io.bundle.seal import BundleError, write_bundle
from desktop.io.release import Release, release_for
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from tests.hardening.crafted import resealed
from tests.unit.test_org_unit_findings import basic_spending
from tests.unit.test_org_units import three_units


def cancelling_units(data: Dataset) -> None:
    """监督检查局 and 投资评审中心 each disagree between 公开05表 and 公开06表; the total agrees."""
    basic_spending(data, "u2", "10.00", "8.00")
    basic_spending(data, "u3", "5.00", "7.00")


def bundled(data: Dataset, folder: Path, release: Release) -> Path:
    xlsx = export_xlsx(data, folder / "t.xlsx")
    return write_bundle(data, folder / "b.zip", xlsx=xlsx, pdf=None, release=release)


def member(path: Path, name: str) -> Any:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(name))


def units_with(findings: list[dict[str, Any]], rule: str) -> list[tuple[str, str, str]]:
    return [(f["unit"], f["unit_name"], f["severity"]) for f in findings if "unit" in f and f["rule"] == rule]


def test_each_units_errors_are_recorded_with_the_unit(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        cancelling_units(data)
        assert not [f for f in data.findings() if f.rule == "G05.basic_vs_G06"]
        path = bundled(data, tmp_path, release_for(data, force=True))
    findings, manifest = member(path, "findings.json"), member(path, "manifest.json")
    assert units_with(findings, "G05.basic_vs_G06") == [
        ("101002", "监督检查局", "error"),
        ("101003", "投资评审中心", "error"),
    ]
    assert manifest["findings"]["error"] == sum(f["severity"] == "error" for f in findings)
    confirmed = [item["message"] for item in manifest["release"]["confirmed"]]
    assert any(message.startswith("监督检查局：") for message in confirmed)


def test_a_forced_bundle_with_unit_errors_passes_verify_and_the_stream(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        cancelling_units(data)
        path = bundled(data, tmp_path, release_for(data, force=True))
    report = verify_bundle(path)
    assert report.ok, report.failures()
    assert report.forced >= 2  # the units' errors are among what the clerk confirmed
    assert "重新审核得到" in report.text()
    doc, _manifest = read_bundle_data(path, stream=True)
    assert len(doc["units"]) == 3


def test_unconfirmed_unit_errors_are_not_bundled(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        cancelling_units(data)
        with pytest.raises(BundleError, match="错误，未生成报送包"):
            bundled(data, tmp_path, Release())
    assert not (tmp_path / "b.zip").exists()


def test_a_bundle_that_leaves_out_its_units_errors_fails_the_recheck(tmp_path: Path) -> None:
    with three_units(tmp_path) as data:
        cancelling_units(data)
        path = bundled(data, tmp_path, release_for(data, force=True))
    findings = member(path, "findings.json")
    department_only = [f for f in findings if "unit" not in f]
    left_out = sum(f["severity"] == "error" for f in findings if "unit" in f)
    crafted = resealed(
        path, tmp_path / "crafted.zip", {"findings.json": json.dumps(department_only).encode()}
    )
    checks = {check.name: check for check in verify_bundle(crafted).checks}
    recheck = checks["数据重新审核"]
    errors = sum(f["severity"] == "error" for f in findings)
    assert not recheck.ok
    assert recheck.message == f"重新审核得到 {errors} 个错误，报送时记录 {errors - left_out} 个"
    with pytest.raises(BundleError, match=r"findings\.json 记录"):
        read_bundle_data(crafted, stream=True)
