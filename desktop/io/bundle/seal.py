"""The submission bundle: a zip with the Excel workbook, the PDF (when made), `data.json`
(the interchange document), `findings.json` (validation at export time), `manifest.json`
(each member's name, size and SHA-256, the app version, the time, the department, the finding
counts, what was confirmed, the signer) and `signature.json` (the manifest signed with the
installation's key, desktop.io.bundle.signing). `verify_bundle` checks every byte of it in
memory, the signature and the signer the unit's earlier bundles came with, re-validates the data
in a temporary dataset and checks that the workbook and the PDF say what the data says."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.io.bundle.agreement import report_agrees, tables_agree
from desktop.io.bundle.keys import SigningKeyError, installation_signer
from desktop.io.bundle.safe_zip import MAX_TOTAL, UnsafeBundle, member_problems, name_problem, read_member
from desktop.io.bundle.signing import SIGNATURE, check_signature, check_signer, signature_member, signer_of
from desktop.io.bundle.trust import KnownSigners
from desktop.io.release import Release
from desktop.io.temp_dataset import temporary_dataset
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document
from desktop.models.store import StoreError
from desktop.rules.finding import count_by_severity

FORMAT = "juesuan-bundle"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
FINDINGS = "findings.json"
XLSX = "tables.xlsx"
PDF = "report.pdf"
_MANIFEST_LIMIT = 1024 * 1024
# The zip comment carries the manifest's own SHA-256, so a changed byte there shows too.
_SEAL = "juesuan-bundle manifest sha256="
# What reading a member can raise: damage, encryption (RuntimeError), unknown compression.
_READ_ERRORS = (
    UnsafeBundle, zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
)  # fmt: skip


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


def write_bundle(dataset: Dataset, path: Path, *, xlsx: Path, pdf: Path | None, release: Release) -> Path:
    """Write the bundle for submission: never a draft; with error findings it is refused unless
    the release confirms them, and a forced bundle records in its manifest what was confirmed."""
    findings = dataset.findings()
    counts = count_by_severity(findings)
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
        "forced": release.forced,
        "release": release.as_json(),
        "signer": signer.public(),
        "members": [_entry(name, payload) for name, payload in members],
    }
    sealed = _json_bytes(manifest)
    return _write_zip(
        Path(path), [*members, (MANIFEST, sealed), (SIGNATURE, signature_member(sealed, signer))]
    )


def seal(manifest: bytes) -> bytes:
    return (_SEAL + hashlib.sha256(manifest).hexdigest()).encode("ascii")


def _write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    """Written beside the target and moved into place: never a half-written bundle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".bundle-", suffix=".zip", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, payload in members:
                archive.writestr(name, payload)
                if name == MANIFEST:
                    archive.comment = seal(payload)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


# --- verifying ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str


@dataclass
class VerifyReport:
    path: Path
    checks: list[Check] = field(default_factory=list)
    readable: bool = True  # False: not a bundle at all (bad input)
    signer: str = ""  # the fingerprint of the key that signed the manifest

    @property
    def ok(self) -> bool:
        return self.readable and all(check.ok for check in self.checks)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1 if self.readable else 2

    def add(self, name: str, ok: bool, message: str) -> bool:
        self.checks.append(Check(name, ok, message))
        return ok

    def text(self) -> str:
        lines = [f"{'通过' if c.ok else '失败'}  {c.name}：{c.message}" for c in self.checks]
        verdict = "报送包完整，数据已重新审核。" if self.ok else "报送包未通过校验。"
        signer = [f"签名者密钥指纹：{self.signer}"] if self.signer else []
        return "\n".join([f"校验 {self.path}", *lines, *signer, verdict])

    def as_json(self) -> dict[str, Any]:
        checks = [{"name": c.name, "ok": c.ok, "message": c.message} for c in self.checks]
        return {"file": str(self.path), "ok": self.ok, "checks": checks, "signer": self.signer}


def verify_bundle(path: Path, known: KnownSigners | None = None) -> VerifyReport:
    """Every check of the bundle at `path`; the signer against `known` (the record of this
    installation's data folder unless given)."""
    report = VerifyReport(Path(path))
    try:
        if Path(path).stat().st_size > MAX_TOTAL:
            report.add("打开报送包", False, f"文件大于 {MAX_TOTAL} 字节，不像是报送包，未读取")
            return report
        with zipfile.ZipFile(path) as archive:
            _verify_archive(archive, report, known or KnownSigners.load())
    except _READ_ERRORS as exc:  # the central directory itself is damaged
        report.readable = False
        report.add("打开报送包", False, f"无法作为 zip 文件读取：{exc}")
    return report


def _verify_archive(archive: zipfile.ZipFile, report: VerifyReport, known: KnownSigners) -> None:
    infos = archive.infolist()
    problems = member_problems(infos)
    for problem in problems:
        report.add(f"文件 {problem.member or '（整体）'}", False, problem.message)
    if problems:
        return
    report.add("文件名与大小", True, f"{len(infos)} 个文件，名称安全，解压后大小在限制以内")
    manifest = _manifest(archive, report)
    if manifest is None:
        return
    payloads = dict(_members(archive, manifest, report))
    listed = {entry["name"] for entry in manifest["members"]} | {MANIFEST, SIGNATURE}
    extra = sorted(info.filename for info in infos if info.filename not in listed)
    report.add("多余文件", not extra, "、".join(extra) + " 不在清单中" if extra else "没有清单以外的文件")
    _signed(archive, manifest, report, known)
    if DATA in payloads and FINDINGS in payloads:
        _revalidate(payloads, manifest, report)
    else:
        report.add("数据重新审核", False, f"清单中缺少 {DATA} 或 {FINDINGS}，或其内容已损坏")


def _manifest(archive: zipfile.ZipFile, report: VerifyReport) -> dict[str, Any] | None:
    try:
        raw = read_member(archive, archive.getinfo(MANIFEST), _MANIFEST_LIMIT)
        sealed = archive.comment == seal(raw)
        data = json.loads(raw)
    except KeyError:
        report.readable = False
        report.add("清单", False, f"缺少 {MANIFEST}：这不是决算报送包")
        return None
    except (*_READ_ERRORS, ValueError) as exc:
        report.add("清单", False, f"{MANIFEST} 无法读取：{exc}")
        return None
    if not _manifest_shape(data):
        report.add("清单", False, f"{MANIFEST} 不是 {FORMAT} 第 {VERSION} 版的清单")
        return None
    if not sealed:
        report.add(f"文件 {MANIFEST}", False, "清单的 SHA-256 与报送包记录的不符：清单已被改动")
        return None
    manifest: dict[str, Any] = data
    report.add("清单", True, f"{FORMAT} 第 {VERSION} 版，由 决算填报助手 {data.get('app_version', '?')} 生成")
    return manifest


def _manifest_shape(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return False
    members = data.get("members")
    if not isinstance(members, list):
        return False
    names = [m.get("name") for m in members if isinstance(m, dict)]
    return (
        len(names) == len(members) == len(set(names))
        and all(isinstance(m.get("size"), int) and isinstance(m.get("sha256"), str) for m in members)
        and all(isinstance(name, str) and name_problem(name) is None for name in names)
    )


def _members(
    archive: zipfile.ZipFile, manifest: dict[str, Any], report: VerifyReport
) -> Iterator[tuple[str, bytes]]:
    """Each listed member whose size and SHA-256 match the manifest."""
    for entry in manifest["members"]:
        name, size, digest = entry["name"], entry["size"], entry["sha256"]
        try:
            payload = read_member(archive, archive.getinfo(name), min(size, MAX_TOTAL))
        except KeyError:
            report.add(f"文件 {name}", False, "清单中列出，但报送包中没有")
            continue
        except _READ_ERRORS as exc:
            report.add(f"文件 {name}", False, f"内容已被改动或损坏：{exc}")
            continue
        if len(payload) != size or hashlib.sha256(payload).hexdigest() != digest:
            report.add(f"文件 {name}", False, "大小或 SHA-256 与清单不符：内容已被改动")
            continue
        report.add(f"文件 {name}", True, f"{size} 字节，SHA-256 一致")
        yield name, payload


def _signed(
    archive: zipfile.ZipFile, manifest: dict[str, Any], report: VerifyReport, known: KnownSigners
) -> None:
    """The signature over the manifest's bytes, then its key against the unit's earlier bundles."""
    raw = read_member(archive, archive.getinfo(MANIFEST), _MANIFEST_LIMIT)
    signed = check_signature(manifest, raw, _signature(archive))
    report.add("签名", signed.ok, signed.message)
    if signed.ok:
        report.signer = signer_of(manifest)["fingerprint"]
        trusted = check_signer(manifest, known)
        report.add("签名者", trusted.ok, trusted.message)


def _signature(archive: zipfile.ZipFile) -> bytes | None:
    try:
        return read_member(archive, archive.getinfo(SIGNATURE), _MANIFEST_LIMIT)
    except KeyError:
        return None


def _revalidate(payloads: dict[str, bytes], manifest: dict[str, Any], report: VerifyReport) -> None:
    """Import data.json into a throwaway dataset: compare the error count with the one recorded
    at export time, and the workbook and the PDF with the data."""
    try:
        doc = json.loads(payloads[DATA])
        recorded = sum(1 for f in json.loads(payloads[FINDINGS]) if f.get("severity") == "error")
        with temporary_dataset(doc) as dataset:
            errors = count_by_severity(dataset.findings())["error"]
            _agree(dataset, payloads, str(manifest.get("app_version", "?")), report)
    except (ValueError, TypeError, AttributeError, InterchangeError, StoreError) as exc:
        report.add("数据重新审核", False, f"{DATA} 无法导入：{exc}")
        return
    stated = manifest.get("findings", {}).get("error") if isinstance(manifest.get("findings"), dict) else None
    same = errors == recorded and stated in (None, recorded)
    report.add("数据重新审核", same, f"重新审核得到 {errors} 个错误，报送时记录 {recorded} 个")
    if errors:
        forced = "（报送时已确认强制导出）" if manifest.get("forced") else ""
        report.add("数据无错误", False, f"数据中有 {errors} 个错误{forced}")


def _agree(dataset: Dataset, payloads: dict[str, bytes], app_version: str, report: VerifyReport) -> None:
    if XLSX in payloads:
        tables = tables_agree(payloads[XLSX], dataset)
        report.add(f"{XLSX} 与数据", tables.ok, tables.message)
    if PDF in payloads:
        printed = report_agrees(payloads[PDF], dataset, app_version)
        report.add(f"{PDF} 与数据", printed.ok, printed.message)


def read_bundle_data(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The interchange document and the manifest of an intact, validly signed bundle (every
    member checked against the manifest, the manifest against its signature); BundleError
    naming the first problem otherwise. Whose key signed it is the caller's to judge."""
    report = VerifyReport(Path(path))
    try:
        with zipfile.ZipFile(path) as archive:
            problems = member_problems(archive.infolist())
            manifest = None if problems else _manifest(archive, report)
            payloads = dict(_members(archive, manifest, report)) if manifest else {}
            if manifest:
                raw = read_member(archive, archive.getinfo(MANIFEST), _MANIFEST_LIMIT)
                signed = check_signature(manifest, raw, _signature(archive))
                report.add("签名", signed.ok, signed.message)
    except _READ_ERRORS as exc:
        raise BundleError(f"无法读取报送包 {path}：{exc}") from exc
    failed = [f"{p.member} {p.message}" for p in problems] + [
        f"{c.name}：{c.message}" for c in report.checks if not c.ok
    ]
    if failed or DATA not in payloads:
        raise BundleError(f"报送包 {path} 未通过校验：{failed[0] if failed else '缺少 ' + DATA}")
    try:
        doc = json.loads(payloads[DATA])
    except ValueError as exc:
        raise BundleError(f"报送包 {path} 中的 {DATA} 无法读取：{exc}") from exc
    if not isinstance(doc, dict) or manifest is None:
        raise BundleError(f"报送包 {path} 中的 {DATA} 不是数据交换文件")
    return doc, manifest
