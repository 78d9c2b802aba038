"""Bundles that prove who sealed them: the installation's Ed25519 key (made once, owner-only), the
signed manifest with its signer, `verify` checking the signature, the signer against the unit's
earlier bundles, and that tables.xlsx and report.pdf say what data.json says — against the
attacks a reviewer tried: a PDF swapped for another department's and re-sealed with another
key, a manifest re-hashed without the key, another key for a known unit."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.actions.consolidation import ConsolidationError, consolidate
from desktop.io.bundle.gate import read_bundle_data, verify_bundle
from desktop.io.bundle.keys import KEY_FILE, Signer, installation_signer
from desktop.io.bundle.seal import BundleError, seal, write_bundle
from desktop.io.bundle.signing import SIGNATURE, signature_member
from desktop.io.bundle.trust import KnownSigners, sender_of
from desktop.io.pdf.export import export_pdf
from desktop.io.release import Release
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from tests.conftest import shared_path

OTHER = "xiqu-xzspj-2020.json"  # 攀枝花市西区行政审批局: another department


def doc_of(name: str) -> dict[str, Any]:
    return json.loads(shared_path("datasets", name).read_text(encoding="utf-8"))


def sealed(folder: Path, doc: dict[str, Any], name: str = "bundle.zip") -> Path:
    """A bundle of `doc` as the installation whose data folder is current writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    with Dataset.create(folder / f"{name}.jsd", "x", 2020) as dataset:
        import_document(dataset, doc)
        xlsx = export_xlsx(dataset, folder / f"{name}.xlsx")
        pdf = export_pdf(dataset, folder / f"{name}.pdf", Release())
        return write_bundle(dataset, folder / name, xlsx=xlsx, pdf=pdf, release=Release())


@pytest.fixture
def clerk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The unit's machine: its own data folder, so its own key."""
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / "clerk-data"))
    yield tmp_path / "clerk-data"


def at(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(folder))


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def resealed(source: Path, target: Path, replace: dict[str, bytes], signer: Signer | None) -> Path:
    """The bundle with members replaced, every hash in the manifest recomputed and the zip comment
    sealed again; signed again with `signer` (None: the old signature is left as it was)."""
    content = {**members(source), **replace}
    manifest = json.loads(content["manifest.json"])
    for entry in manifest["members"]:
        payload = content[entry["name"]]
        entry.update(size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    if signer is not None:
        manifest["signer"] = signer.public()
    raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    content["manifest.json"] = raw
    if signer is not None:
        content[SIGNATURE] = signature_member(raw, signer)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in content.items():
            archive.writestr(name, payload)
        archive.comment = seal(raw)
    return target


def failures(path: Path, known: KnownSigners | None = None) -> dict[str, str]:
    report = verify_bundle(path, known)
    return {check.name: check.message for check in report.checks if not check.ok}


def test_the_key_is_made_once_owner_only_and_signs_the_manifest(
    clerk: Path, tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    bundle = sealed(tmp_path / "out", sample_doc)
    key = clerk / KEY_FILE
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    signer = installation_signer()
    manifest = json.loads(members(bundle)["manifest.json"])
    assert manifest["signer"] == signer.public() and signer.fingerprint.startswith("SHA256:")
    assert json.loads(members(bundle)[SIGNATURE])["fingerprint"] == signer.fingerprint
    report = verify_bundle(bundle)
    assert report.ok, report.text()
    assert report.signer == signer.fingerprint and f"签名者密钥指纹：{signer.fingerprint}" in report.text()
    assert report.as_json()["signer"] == signer.fingerprint
    assert sealed(tmp_path / "again", sample_doc) and installation_signer().fingerprint == signer.fingerprint


def test_a_manifest_rehashed_without_the_key_fails(
    clerk: Path, tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    bundle = sealed(tmp_path / "out", sample_doc)
    data = json.loads(members(bundle)["data.json"])
    data["cells"]["G05.2010601.basic"] = "1306.19"  # the figure changed, every hash made to fit
    changed = json.dumps(data, ensure_ascii=False).encode("utf-8")
    forged = resealed(bundle, tmp_path / "forged.zip", {"data.json": changed}, signer=None)
    problems = failures(forged)
    assert "签名" in problems and SIGNATURE in problems["签名"]
    assert not any(name.startswith("文件") for name in problems)  # the hashes themselves fit
    with pytest.raises(BundleError, match="签名"):
        read_bundle_data(forged)


def test_an_unsigned_bundle_fails(clerk: Path, tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    bundle = sealed(tmp_path / "out", sample_doc)
    content = members(bundle)
    content.pop(SIGNATURE)
    manifest = json.loads(content["manifest.json"])
    manifest.pop("signer")
    stripped = tmp_path / "stripped.zip"
    raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    with zipfile.ZipFile(stripped, "w") as archive:
        for name, payload in {**content, "manifest.json": raw}.items():
            archive.writestr(name, payload)
        archive.comment = seal(raw)
    assert "没有签名" in failures(stripped)["签名"]


def test_a_pdf_swapped_for_another_departments_and_resealed_with_another_key_fails(
    clerk: Path, tmp_path: Path, sample_doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = sealed(tmp_path / "out", sample_doc)
    other_pdf = members(sealed(tmp_path / "other", doc_of(OTHER)))["report.pdf"]
    at(monkeypatch, tmp_path / "forger-data")
    forged = resealed(bundle, tmp_path / "forged.zip", {"report.pdf": other_pdf}, installation_signer())
    problems = failures(forged, KnownSigners.load(tmp_path / "bureau"))
    assert set(problems) == {"report.pdf 与数据"}, problems  # a valid signature, by an unknown key …
    assert "不符" in problems["report.pdf 与数据"]  # … but the PDF prints another department's figures
    bureau = KnownSigners.load(tmp_path / "bureau")
    department = sender_of({"name": "攀枝花市西区财政局", "code": ""}, sample_doc["units"])
    bureau.remember(department, json.loads(members(bundle)["manifest.json"])["signer"])
    assert {"签名者", "report.pdf 与数据"} <= set(failures(forged, bureau))


def test_a_workbook_that_disagrees_with_the_data_fails(
    clerk: Path, tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    bundle = sealed(tmp_path / "out", sample_doc)
    other_xlsx = members(sealed(tmp_path / "other", doc_of(OTHER)))["tables.xlsx"]
    forged = resealed(bundle, tmp_path / "forged.zip", {"tables.xlsx": other_xlsx}, installation_signer())
    assert "tables.xlsx 与 data.json 不一致" in failures(forged)["tables.xlsx 与数据"]


def test_another_key_for_a_known_unit_fails_until_accepted(
    tmp_path: Path, sample_doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, tmp_path / "first-pc")
    first = sealed(tmp_path / "first", sample_doc, "first.zip")
    at(monkeypatch, tmp_path / "new-pc")
    second = sealed(tmp_path / "second", sample_doc, "second.zip")
    new_key = installation_signer().fingerprint
    at(monkeypatch, tmp_path / "bureau")
    assert verify_bundle(second).ok  # nothing known yet
    consolidate(tmp_path / "sum1.jsd", [first])  # the unit's key is recorded
    assert "签名者" in failures(second)
    assert verify_bundle(first).ok
    with pytest.raises(ConsolidationError, match="以前的报送包由密钥") as refused:
        consolidate(tmp_path / "sum2.jsd", [second])
    assert new_key in str(refused.value) and not (tmp_path / "sum2.jsd").exists()
    consolidate(tmp_path / "sum3.jsd", [second], accept_keys=[new_key])
    assert verify_bundle(second).ok and "签名者" in failures(first)  # the new key is the unit's now
    known = tmp_path / "bureau" / "known-signers.json"
    assert stat.S_IMODE(known.stat().st_mode) == 0o600
    record = json.loads(known.read_text(encoding="utf-8"))
    (entry,) = record.values()
    assert entry["fingerprint"] == new_key and len(entry["history"]) == 1
