"""The submission bundle: a zip with the Excel workbook, the PDF (when made), `data.json`
(the interchange document), `findings.json` (validation at export time: the department's
findings, then each unit's own, marked with the unit), `manifest.json`
(each member's name, size and SHA-256, the app version, the time, the department, the finding
counts, what the clerk confirmed publishing unfinished, the signer) and `signature.json` (the
manifest signed with the installation's key, desktop.io.bundle.signing). Reading one back goes
through `gate.py`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.atomic import Protected, replacing
from desktop.io.bundle.keys import SigningKeyError, installation_signer
from desktop.io.bundle.signing import SIGNATURE, signature_member
from desktop.io.release import Release
from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document
from desktop.rules.finding import SEVERITIES

FORMAT = "juesuan-bundle"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
FINDINGS = "findings.json"
XLSX = "tables.xlsx"
PDF = "report.pdf"
# The zip comment carries the manifest's own SHA-256, so a changed byte there shows too.
_SEAL = "juesuan-bundle manifest sha256="


class BundleError(Exception):
    """An export the clerk must act on (errors in the data, an unwritable path)."""


# --- writing --------------------------------------------------------------------------------


def check_submittable(errors: int, *, force: bool) -> None:
    """Data with errors is not bundled unless the clerk confirms (force)."""
    if errors and not force:
        raise BundleError(
            f"数据中还有 {errors} 个错误，未生成报送包：请先修正错误；"
            "如确需带错误报送，请确认后使用 --force 重新导出（清单中会记录为强制导出）。"
        )


def findings_record(dataset: Dataset) -> list[dict[str, Any]]:
    """What findings.json records: the department's findings, then, for a department entered
    unit by unit, each unit's own (its code and name added), so that a unit's error the total
    hides is signed, confirmed and re-checked like the department's."""
    units = [
        finding.as_json() | {"unit": unit.code, "unit_name": unit.name}
        for unit in dataset.units
        for finding in dataset.unit_findings(unit.id)
    ]
    return [finding.as_json() for finding in dataset.findings()] + units


def record_counts(record: list[dict[str, Any]]) -> dict[str, int]:
    """The manifest's `findings`: how many of each severity the record holds."""
    return dict.fromkeys(SEVERITIES, 0) | Counter(str(item["severity"]) for item in record)


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _entry(name: str, payload: bytes) -> dict[str, Any]:
    return {"name": name, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}


def write_bundle(dataset: Dataset, path: Path, *, xlsx: Path, pdf: Path | None, release: Release) -> Path:
    """Write the bundle for submission: never a draft; with error findings it is refused unless
    the release confirms them, and a forced bundle records in its manifest what was confirmed."""
    findings = findings_record(dataset)
    counts = record_counts(findings)
    if release.draft:
        raise BundleError("报送包用于正式报送，不能是草稿：请去掉“草稿”后导出。")
    check_submittable(counts["error"], force=release.forced)
    try:
        signer = installation_signer()
    except SigningKeyError as exc:
        raise BundleError(str(exc)) from exc
    members = [(XLSX, Path(xlsx).read_bytes())]
    if pdf is not None:
        members.append((PDF, Path(pdf).read_bytes()))
    members += [
        (DATA, _json_bytes(export_document(dataset))),
        (FINDINGS, _json_bytes(findings)),
    ]
    department = dataset.department
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "created": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "department": {"name": department.name, "code": department.code, "year": department.year},
        "findings": counts,
        "forced": release.forced,
        "release": release.as_json(),
        "signer": signer.public(),
        "members": [_entry(name, payload) for name, payload in members],
    }
    sealed = _json_bytes(manifest)
    signature = signature_member(sealed, signer)
    return _write_zip(Path(path), [*members, (MANIFEST, sealed), (SIGNATURE, signature)], dataset.protected())


def seal(manifest: bytes) -> bytes:
    return (_SEAL + hashlib.sha256(manifest).hexdigest()).encode("ascii")


def _write_zip(path: Path, members: list[tuple[str, bytes]], protected: Protected) -> Path:
    """Written beside the target and moved into place: never a half-written bundle."""
    with (
        replacing(path, protected) as temp,
        zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, payload in members:
            archive.writestr(name, payload)
            if name == MANIFEST:
                archive.comment = seal(payload)
    return path
