"""The submission bundle: a zip with the Excel workbook, the PDF (when made), `data.json`
(the interchange document), `findings.json` (validation at export time) and
`manifest.json` (each member's name, size and SHA-256, the app version, the time, the
department and the finding counts). Reading one back goes through `gate.py`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.atomic import Protected, replacing
from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document
from desktop.rules.finding import count_by_severity

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


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _entry(name: str, payload: bytes) -> dict[str, Any]:
    return {"name": name, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}


def write_bundle(dataset: Dataset, path: Path, *, xlsx: Path, pdf: Path | None, force: bool) -> Path:
    """Write the bundle; with error findings it is refused unless `force`, and a forced
    bundle says so in its manifest."""
    findings = dataset.findings()
    counts = count_by_severity(findings)
    check_submittable(counts["error"], force=force)
    members = [(XLSX, Path(xlsx).read_bytes())]
    if pdf is not None:
        members.append((PDF, Path(pdf).read_bytes()))
    members += [
        (DATA, _json_bytes(export_document(dataset))),
        (FINDINGS, _json_bytes([f.as_json() for f in findings])),
    ]
    department = dataset.department
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "created": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "department": {"name": department.name, "code": department.code, "year": department.year},
        "findings": counts,
        "forced": bool(counts["error"]),
        "members": [_entry(name, payload) for name, payload in members],
    }
    return _write_zip(Path(path), [*members, (MANIFEST, _json_bytes(manifest))], dataset.protected())


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
