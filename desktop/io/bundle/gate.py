"""The one trust gate for bundles: `verify` reports its checks, and `consolidate` (or any
other reader of a bundle's data) gets the data only when every one of the same checks
passed. The checks run in order over what the earlier ones established; a later check (a
signature) is one more entry in CHECKS.

Every byte is read in memory within the safe_zip limits; the manifest's signature is checked
and its signer against the key the unit's earlier bundles came with (desktop.io.bundle.trust);
data.json is checked against the interchange schema, then re-validated in a throwaway dataset,
where the workbook and the PDF are compared with it (desktop.io.bundle.agreement)."""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.io.bundle import safe_zip
from desktop.io.bundle.agreement import report_agrees, tables_agree
from desktop.io.bundle.safe_zip import MAX_TOTAL, UnsafeBundle, member_problems, name_problem, read_member
from desktop.io.bundle.seal import (
    DATA,
    FINDINGS,
    FORMAT,
    MANIFEST,
    PDF,
    VERSION,
    XLSX,
    BundleError,
    findings_record,
    seal,
)
from desktop.io.bundle.signing import SIGNATURE, check_signature, check_signer, signer_of
from desktop.io.bundle.trust import KnownSigners
from desktop.io.temp_dataset import temporary_dataset
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, check_document
from desktop.models.store import StoreError

_MANIFEST_LIMIT = 1024 * 1024
# What reading a member can raise: damage, encryption (RuntimeError), unknown compression.
_READ_ERRORS = (
    UnsafeBundle, zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError,
)  # fmt: skip


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
    forced: int = 0  # items the clerk confirmed publishing unfinished (a forced export)

    @property
    def ok(self) -> bool:
        return self.readable and bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1 if self.readable else 2

    def add(self, name: str, ok: bool, message: str) -> bool:
        self.checks.append(Check(name, ok, message))
        return ok

    def failures(self) -> list[str]:
        return [f"{c.name}：{c.message}" for c in self.checks if not c.ok]

    def text(self) -> str:
        lines = [f"{'通过' if c.ok else '失败'}  {c.name}：{c.message}" for c in self.checks]
        verdict = "报送包完整，数据已重新审核。" if self.ok else "报送包未通过校验。"
        signer = [f"签名者密钥指纹：{self.signer}"] if self.signer else []
        forced = [f"强制导出：编制人确认了 {self.forced} 项未完成内容或错误"] if self.forced else []
        return "\n".join([f"校验 {self.path}", *lines, *signer, *forced, verdict])

    def as_json(self) -> dict[str, Any]:
        checks = [{"name": c.name, "ok": c.ok, "message": c.message} for c in self.checks]
        return {
            "file": str(self.path),
            "ok": self.ok,
            "checks": checks,
            "signer": self.signer,
            "forced": self.forced,
        }


@dataclass
class _Bundle:
    """What the checks have established so far."""

    archive: zipfile.ZipFile
    report: VerifyReport
    infos: list[zipfile.ZipInfo]
    known: KnownSigners  # the keys units' earlier bundles came with
    accepted: frozenset[str] = frozenset()  # new keys the reader accepts (by fingerprint)
    manifest: dict[str, Any] = field(default_factory=dict)
    payloads: dict[str, bytes] = field(default_factory=dict)
    doc: dict[str, Any] | None = None
    raw_manifest: bytes = b""
    out_of_range: list[str] = field(default_factory=list)  # data.json's values that are no amounts


# --- the checks, in order; each returns whether the later ones can run ---------------------------


def _entries(bundle: _Bundle) -> bool:
    problems = member_problems(bundle.infos)
    for problem in problems:
        bundle.report.add(f"文件 {problem.member or '（整体）'}", False, problem.message)
    if problems:
        return False
    count = len(bundle.infos)
    return bundle.report.add("文件名与大小", True, f"{count} 个文件，名称安全，解压后大小在限制以内")


def _manifest(bundle: _Bundle) -> bool:
    archive, report = bundle.archive, bundle.report
    try:
        raw = read_member(archive, archive.getinfo(MANIFEST), _MANIFEST_LIMIT)
        sealed = archive.comment == seal(raw)
        data = json.loads(raw)
    except KeyError:
        report.readable = False
        return report.add("清单", False, f"缺少 {MANIFEST}：这不是决算报送包")
    except (*_READ_ERRORS, ValueError, RecursionError) as exc:
        return report.add("清单", False, f"{MANIFEST} 无法读取：{safe_zip.read_problem(exc)}")
    if not _manifest_shape(data):
        return report.add("清单", False, f"{MANIFEST} 不是 {FORMAT} 第 {VERSION} 版的清单")
    if not sealed:
        return report.add(f"文件 {MANIFEST}", False, "清单的 SHA-256 与报送包记录的不符：清单已被改动")
    bundle.manifest = data
    bundle.raw_manifest = raw
    version = str(data.get("app_version", "?"))[:40]
    return report.add("清单", True, f"{FORMAT} 第 {VERSION} 版，由 决算填报助手 {version} 生成")


def _manifest_shape(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return False
    members = data.get("members")
    if not isinstance(members, list) or not isinstance(data.get("findings", {}), dict):
        return False
    names = [m.get("name") for m in members if isinstance(m, dict)]
    return (
        len(names) == len(members) == len(set(map(str, names)))
        and all(isinstance(m.get("size"), int) and isinstance(m.get("sha256"), str) for m in members)
        and all(isinstance(name, str) and name_problem(name) is None for name in names)
    )


def _members(bundle: _Bundle) -> bool:
    """Each listed member whose size and SHA-256 match the manifest."""
    archive, report = bundle.archive, bundle.report
    all_ok = True
    for entry in bundle.manifest["members"]:
        name, size, digest = entry["name"], entry["size"], entry["sha256"]
        try:
            payload = read_member(archive, archive.getinfo(name), max(0, min(size, MAX_TOTAL)))
        except KeyError:
            all_ok = report.add(f"文件 {name}", False, "清单中列出，但报送包中没有")
            continue
        except _READ_ERRORS as exc:
            all_ok = report.add(f"文件 {name}", False, f"内容已被改动或损坏：{safe_zip.read_problem(exc)}")
            continue
        if len(payload) != size or hashlib.sha256(payload).hexdigest() != digest:
            all_ok = report.add(f"文件 {name}", False, "大小或 SHA-256 与清单不符：内容已被改动")
            continue
        report.add(f"文件 {name}", True, f"{size} 字节，SHA-256 一致")
        bundle.payloads[name] = payload
    return all_ok


def _no_extra(bundle: _Bundle) -> bool:
    listed = {entry["name"] for entry in bundle.manifest["members"]} | {MANIFEST, SIGNATURE}
    extra = sorted(info.filename for info in bundle.infos if info.filename not in listed)
    message = "、".join(extra) + " 不在清单中" if extra else "没有清单以外的文件"
    return bundle.report.add("多余文件", not extra, message)


def _signed(bundle: _Bundle) -> bool:
    """The manifest's signature, by the key it names."""
    archive = bundle.archive
    try:
        signature: bytes | None = read_member(archive, archive.getinfo(SIGNATURE), _MANIFEST_LIMIT)
    except KeyError:
        signature = None
    except _READ_ERRORS as exc:
        return bundle.report.add("签名", False, f"{SIGNATURE} 无法读取：{safe_zip.read_problem(exc)}")
    signed = check_signature(bundle.manifest, bundle.raw_manifest, signature)
    if signed.ok:
        bundle.report.signer = signer_of(bundle.manifest)["fingerprint"]
    return bundle.report.add("签名", signed.ok, signed.message)


def _signer(bundle: _Bundle) -> bool:
    """The key the sender's earlier bundles came with (or one the reader accepts); nothing to
    judge when the signature itself failed. The sender is a unit when data.json carries one
    unit of its own code, so this runs once data.json is read."""
    if not bundle.report.signer or bundle.doc is None:
        return False
    trusted = check_signer(bundle.manifest, bundle.doc.get("units"), bundle.known, bundle.accepted)
    return bundle.report.add("签名者", trusted.ok, trusted.message)


def _data_schema(bundle: _Bundle) -> bool:
    if DATA not in bundle.payloads or FINDINGS not in bundle.payloads:
        return bundle.report.add("数据格式", False, f"清单中缺少 {DATA} 或 {FINDINGS}，或其内容已损坏")
    try:
        doc = json.loads(bundle.payloads[DATA])
        check_document(doc, DATA, amounts=bundle.out_of_range)
    except InterchangeError as exc:
        for message in [f"{DATA} {problem}" for problem in exc.problems] or [str(exc)]:
            bundle.report.add("数据格式", False, message)
        return False
    except (ValueError, RecursionError):
        return bundle.report.add("数据格式", False, f"{DATA} 不是有效的 JSON，无法读取")
    bundle.doc = doc
    return bundle.report.add("数据格式", True, f"{DATA} 符合数据交换格式")


def _revalidate(bundle: _Bundle) -> bool:
    """Import data.json into a throwaway dataset; compare the error count (the department's and
    its units') with the one recorded at export time, and the workbook and the PDF with the data."""
    report = bundle.report
    try:
        recorded = _recorded_errors(json.loads(bundle.payloads[FINDINGS]))
        with temporary_dataset(bundle.doc or {}) as dataset:
            dataset_errors = [item for item in findings_record(dataset) if item["severity"] == "error"]
            agreed = _agree(bundle, dataset)
        errors = len(dataset_errors)
    except (ValueError, RecursionError, InterchangeError, StoreError) as exc:
        return report.add("数据重新审核", False, f"{DATA} 无法导入：{str(exc)[:500]}")
    stated = bundle.manifest.get("findings", {}).get("error")
    same = errors == recorded and stated in (None, recorded)
    report.add("数据重新审核", same, f"重新审核得到 {errors} 个错误，报送时记录 {recorded} 个")
    confirmed = confirmed_items(bundle.manifest)
    report.forced = len(confirmed)
    return same and (not errors or _errors_confirmed(report, dataset_errors, confirmed)) and agreed


def confirmed_items(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """What the (signed) manifest records the clerk confirmed publishing unfinished."""
    release = manifest.get("release")
    listed = release.get("confirmed") if isinstance(release, dict) and manifest.get("forced") else None
    return [item for item in listed if isinstance(item, dict)] if isinstance(listed, list) else []


def _errors_confirmed(
    report: VerifyReport, errors: list[dict[str, Any]], confirmed: list[dict[str, Any]]
) -> bool:
    """Errors (as findings.json lists them) pass only as a forced export: each one among the
    confirmed items."""
    keys = {_finding_key(item) for item in confirmed}
    missing = sum(1 for f in errors if _finding_key(f) not in keys)
    if missing:
        return report.add(
            "数据无错误", False, f"数据中有 {len(errors)} 个错误，其中 {missing} 个报送时未经确认"
        )
    message = f"数据中有 {len(errors)} 个错误，报送时已由编制人确认强制导出（记录在已签名的清单中）"
    return report.add("强制导出", True, message)


def _finding_key(item: dict[str, Any]) -> tuple[str, str, str]:
    return str(item.get("rule")), str(item.get("severity")), str(item.get("cells"))


def _agree(bundle: _Bundle, dataset: Dataset) -> bool:
    """tables.xlsx and report.pdf (when the bundle has one) say what data.json says."""
    ok = True
    if XLSX in bundle.payloads:
        tables = tables_agree(bundle.payloads[XLSX], dataset)
        ok = bundle.report.add(f"{XLSX} 与数据", tables.ok, tables.message)
    if PDF in bundle.payloads:
        version = str(bundle.manifest.get("app_version", "?"))[:40]
        printed = report_agrees(bundle.payloads[PDF], dataset, version)
        ok = bundle.report.add(f"{PDF} 与数据", printed.ok, printed.message) and ok
    return ok


def _amounts(bundle: _Bundle) -> bool:
    """The stream's part of the import's checks: every amount of data.json (the department's
    and each unit's, both years) lies in the documented range, as the schema's pass over the
    same values found (the department's listed first)."""
    problems = sorted(bundle.out_of_range, key=lambda problem: problem.startswith("units["))
    for problem in problems[:20]:
        bundle.report.add("数据范围", False, f"{DATA} {problem}")
    return not problems


def _recorded(bundle: _Bundle) -> bool:
    """The stream's stand-in for `_revalidate`: the signed findings.json agrees with the signed
    manifest, and its errors, if any, are among what the clerk confirmed (a forced export)."""
    report = bundle.report
    try:
        findings = json.loads(bundle.payloads[FINDINGS])
        recorded = _recorded_errors(findings)
    except (ValueError, RecursionError) as exc:
        return report.add("审核结果", False, f"{FINDINGS} 无法读取：{safe_zip.read_problem(exc)}")
    stated = bundle.manifest.get("findings", {}).get("error")
    if stated not in (None, recorded):
        return report.add("审核结果", False, f"{FINDINGS} 记录 {recorded} 个错误，清单却写 {stated} 个")
    confirmed = confirmed_items(bundle.manifest)
    report.forced = len(confirmed)
    errors = [f for f in findings if f.get("severity") == "error"]
    return report.add("审核结果", True, f"报送时记录 {recorded} 个错误") and (
        not errors or _errors_confirmed(report, errors, confirmed)
    )


def _recorded_errors(findings: Any) -> int:
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        raise ValueError(f"{FINDINGS} 不是审核结果列表")
    return sum(1 for f in findings if f.get("severity") == "error")


CHECKS: tuple[Callable[[_Bundle], bool], ...] = (
    _entries, _manifest, _members, _no_extra, _signed, _data_schema, _signer, _revalidate,
)  # fmt: skip
# Consolidation streams many bundles: the same checks, with the signed findings in place of
# a re-validation in a throwaway dataset (`juesuan verify` still re-validates).
STREAM_CHECKS = (*CHECKS[:-1], _amounts, _recorded)
# The data and findings must be whole for the last checks; the others report and go on.
_GATING = {_entries, _manifest, _data_schema}


# --- the gate -----------------------------------------------------------------------------------


def _inspect(
    path: Path,
    known: KnownSigners | None,
    accepted: frozenset[str],
    checks: tuple[Callable[[_Bundle], bool], ...] = CHECKS,
) -> tuple[VerifyReport, dict[str, Any] | None, dict[str, Any]]:
    report = VerifyReport(Path(path))
    try:
        if Path(path).stat().st_size > MAX_TOTAL:
            report.add("打开报送包", False, f"文件大于 {MAX_TOTAL} 字节，不像是报送包，未读取")
            return report, None, {}
        with zipfile.ZipFile(path) as archive:
            signers = known or KnownSigners.load()
            bundle = _Bundle(archive, report, archive.infolist(), signers, accepted)
            for check in checks:
                if not check(bundle) and check in _GATING:
                    break
    except _READ_ERRORS as exc:  # the central directory itself is damaged
        report.readable = False
        why = f"无法作为 zip 文件读取：{safe_zip.read_problem(exc)}。请确认选的是报送包，或向报送单位重新索取"
        report.add("打开报送包", False, why)
        return report, None, {}
    return report, bundle.doc, bundle.manifest


def verify_bundle(path: Path, known: KnownSigners | None = None) -> VerifyReport:
    """Every check, reported (`juesuan verify`); the signer against `known` (this installation's
    record unless given)."""
    return _inspect(path, known, frozenset())[0]


def read_bundle_data(
    path: Path,
    known: KnownSigners | None = None,
    accepted: frozenset[str] = frozenset(),
    *,
    stream: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The interchange document and the manifest of a bundle that passes every check
    `verify_bundle` makes (a unit's new key passes when `accepted`; with `stream`, the signed
    findings stand in for the re-validation); BundleError naming the bundle and each failed
    check otherwise."""
    report, doc, manifest = _inspect(path, known, accepted, STREAM_CHECKS if stream else CHECKS)
    if not report.ok or doc is None:
        failed = "\n".join(f"  - {line}" for line in report.failures()[:20])
        raise BundleError(f"报送包 {path} 未通过校验（与 juesuan verify 的检查相同），未使用：\n{failed}")
    return doc, manifest
