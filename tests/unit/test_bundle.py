"""The submission bundle: what it holds, its manifest, the refusal of data with errors
unless forced, and `verify_bundle` against tampering (a changed byte in any member, the
manifest included), unsafe names, duplicates, extra members and zip bombs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop import __version__
from desktop.actions.consolidation import ConsolidationError, consolidate
from desktop.io.bundle.gate import read_bundle_data, verify_bundle
from desktop.io.bundle.safe_zip import MAX_RATIO
from desktop.io.bundle.seal import BundleError, write_bundle
from desktop.io.pdf.export import export_pdf
from desktop.io.release import Release, release_for
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from tests.helpers import sample_dataset

MEMBERS = ["tables.xlsx", "report.pdf", "data.json", "findings.json", "manifest.json", "signature.json"]


@pytest.fixture(scope="module")
def dataset(module_dataset: Dataset) -> Dataset:
    return module_dataset


@pytest.fixture(scope="module")
def bundle(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parts")
    xlsx = export_xlsx(dataset, folder / "x.xlsx")
    pdf = export_pdf(dataset, folder / "p.pdf", Release())
    return write_bundle(dataset, folder / "bundle.zip", xlsx=xlsx, pdf=pdf, release=Release())


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rebuild(
    source: Path, target: Path, change: Callable[[dict[str, bytes]], list[tuple[str, bytes]]]
) -> Path:
    """A copy of the bundle with its members changed (CRCs recomputed, comment kept)."""
    with zipfile.ZipFile(source) as archive:
        comment = archive.comment
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are the point of one test
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, payload in change(members(source)):
                archive.writestr(name, payload)
            archive.comment = comment
    return target


def failed(path: Path) -> dict[str, str]:
    report = verify_bundle(path)
    return {check.name: check.message for check in report.checks if not check.ok}


def test_bundle_holds_the_outputs_and_the_manifest_describes_them(bundle: Path, dataset: Dataset) -> None:
    content = members(bundle)
    assert list(content) == MEMBERS
    manifest = json.loads(content["manifest.json"])
    assert (manifest["format"], manifest["version"], manifest["app_version"]) == (
        "juesuan-bundle",
        1,
        __version__,
    )
    assert dt.datetime.fromisoformat(manifest["created"]).tzinfo is not None
    assert manifest["department"] == {"name": "攀枝花市西区财政局", "code": "", "year": 2020}
    assert manifest["findings"]["error"] == 0 and manifest["forced"] is False
    for entry in manifest["members"]:
        payload = content[entry["name"]]
        assert entry["size"] == len(payload)
        assert entry["sha256"] == hashlib.sha256(payload).hexdigest()
    assert [m["name"] for m in manifest["members"]] == MEMBERS[:-2]
    assert json.loads(content["data.json"])["cells"]["G05.2010601.basic"] == "306.19"
    assert json.loads(content["findings.json"]) == [f.as_json() for f in dataset.findings()]


def test_an_intact_bundle_verifies(bundle: Path) -> None:
    report = verify_bundle(bundle)
    assert report.ok and report.exit_code == 0, report.text()
    assert "数据重新审核" in report.text()
    assert read_bundle_data(bundle)[0]["department"]["year"] == 2020


@pytest.mark.parametrize("name", MEMBERS)
def test_a_changed_byte_in_any_member_is_named(bundle: Path, tmp_path: Path, name: str) -> None:
    def flip(content: dict[str, bytes]) -> list[tuple[str, bytes]]:
        payload = bytearray(content[name])
        payload[len(payload) // 2] ^= 0x01
        return [(n, bytes(payload) if n == name else p) for n, p in content.items()]

    tampered = rebuild(bundle, tmp_path / "t.zip", flip)
    report = verify_bundle(tampered)
    assert report.exit_code == 1
    assert any(name in check.name or name in check.message for check in report.checks if not check.ok)
    with pytest.raises(BundleError):
        read_bundle_data(tampered)


@pytest.mark.parametrize("fraction", [0.01, 0.2, 0.5, 0.8, 0.95])
def test_a_flipped_byte_anywhere_in_the_zip_is_caught(bundle: Path, tmp_path: Path, fraction: float) -> None:
    raw = bytearray(bundle.read_bytes())
    raw[int(len(raw) * fraction)] ^= 0xFF
    damaged = tmp_path / "d.zip"
    damaged.write_bytes(bytes(raw))
    report = verify_bundle(damaged)
    assert report.exit_code in (1, 2) and not report.ok
    with pytest.raises(BundleError):
        read_bundle_data(damaged)


@pytest.mark.parametrize(
    "evil", ["../evil.txt", "/tmp/evil.txt", "a/../../evil.txt", "C:/evil.txt", "a\\..\\evil"]
)
def test_unsafe_names_are_refused_and_nothing_is_written(bundle: Path, tmp_path: Path, evil: str) -> None:
    tampered = rebuild(bundle, tmp_path / "t.zip", lambda c: [*c.items(), (evil, b"x")])
    problems = failed(tampered)
    assert f"文件 {evil}" in problems
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()


def test_duplicate_names_are_refused(bundle: Path, tmp_path: Path) -> None:
    tampered = rebuild(bundle, tmp_path / "t.zip", lambda c: [*c.items(), ("data.json", c["data.json"])])
    assert failed(tampered) == {"文件 data.json": "文件名重复"}


def test_an_extra_member_is_refused(bundle: Path, tmp_path: Path) -> None:
    tampered = rebuild(bundle, tmp_path / "t.zip", lambda c: [*c.items(), ("readme.txt", b"hello")])
    assert "readme.txt" in failed(tampered)["多余文件"]


def test_a_missing_member_is_named(bundle: Path, tmp_path: Path) -> None:
    tampered = rebuild(
        bundle, tmp_path / "t.zip", lambda c: [(n, p) for n, p in c.items() if n != "report.pdf"]
    )
    assert "文件 report.pdf" in failed(tampered)


def test_a_zip_bomb_is_refused_without_reading_it(bundle: Path, tmp_path: Path) -> None:
    bomb = b"\0" * (8 * 1024 * 1024)
    tampered = rebuild(bundle, tmp_path / "t.zip", lambda c: [*c.items(), ("bomb.bin", bomb)])
    assert f"{MAX_RATIO}:1" in failed(tampered)["文件 bomb.bin"]


def test_not_a_bundle_is_bad_input(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    assert verify_bundle(junk).exit_code == 2
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("data.json", "{}")
    assert verify_bundle(plain).exit_code == 2


def test_errors_refuse_the_bundle_unless_forced(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with sample_dataset(tmp_path, sample_doc) as data:
        data.set("G06.30101.amount", "0")  # 公开05表 基本支出 ≠ 公开06表 合计: an error
        xlsx = export_xlsx(data, tmp_path / "x.xlsx")
        with pytest.raises(BundleError, match="--force"):
            write_bundle(data, tmp_path / "no.zip", xlsx=xlsx, pdf=None, release=Release())
        assert not (tmp_path / "no.zip").exists()
        release = release_for(data, force=True)
        forced = write_bundle(data, tmp_path / "yes.zip", xlsx=xlsx, pdf=None, release=release)
    manifest = json.loads(members(forced)["manifest.json"])
    assert manifest["forced"] is True and manifest["findings"]["error"] >= 1
    confirmed = {item["rule"] for item in manifest["release"]["confirmed"]}
    assert {"G05.basic_vs_G06", "gate.date"} <= confirmed  # the error and the publishing gate
    assert "report.pdf" not in members(forced)
    report = verify_bundle(forced)
    checks = {c.name: c.ok for c in report.checks}
    assert checks["数据重新审核"] is True  # the error count is the recorded one …
    assert checks["强制导出"] is True  # … and each error is among what the clerk confirmed
    assert report.ok and report.forced == len(manifest["release"]["confirmed"])
    assert "强制导出：编制人确认了" in report.text()
    summed = consolidate(tmp_path / "sum.jsd", [forced])  # the bureau takes it, marked as forced
    assert "强制导出（编制人确认了" in summed.text()


def test_an_error_the_clerk_did_not_confirm_fails(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    with sample_dataset(tmp_path, sample_doc) as data:
        gates_only = release_for(data, force=True).confirmed[:1]  # the first gate, not the error
        data.set("G06.30101.amount", "0")
        xlsx = export_xlsx(data, tmp_path / "x.xlsx")
        bundle = write_bundle(
            data, tmp_path / "b.zip", xlsx=xlsx, pdf=None, release=Release(confirmed=gates_only)
        )
    report = verify_bundle(bundle)
    checks = {c.name: c.message for c in report.checks if not c.ok}
    assert "个报送时未经确认" in checks["数据无错误"] and report.exit_code == 1
    with pytest.raises(ConsolidationError, match="数据无错误"):
        consolidate(tmp_path / "sum.jsd", [bundle])


def test_a_new_row_left_empty_still_agrees_with_the_workbook(tmp_path: Path) -> None:
    """A 项 entered in 公开05表 alone adds empty rows to 公开01表 and 公开03表: their computed
    zeros are in data.json but not in 全部数据 (inputs only); the inputs agree, so the bundle does."""
    with Dataset.create(tmp_path / "d.jsd", "西区财政局", 2020) as data:
        data.set("G05.2010601.basic", "10.00")
        assert data.number("G03.201.basic") == 0  # the empty companion row is there
        xlsx = export_xlsx(data, tmp_path / "x.xlsx")
        bundle = write_bundle(
            data, tmp_path / "b.zip", xlsx=xlsx, pdf=None, release=release_for(data, force=True)
        )
    checks = {c.name: c for c in verify_bundle(bundle).checks}
    assert checks["tables.xlsx 与数据"].ok, checks["tables.xlsx 与数据"].message
    assert verify_bundle(bundle).ok
