"""The sources of a consolidation, read one at a time and let go: a bundle (.zip/.jsz) through
the trust gate's streaming checks (desktop.io.bundle.gate: every integrity and signature check
of `verify`, the signed findings in place of a re-validation), or a dataset (.jsd) through the
`Dataset` facade. Folders are expanded to the sources in them; a file given twice (by any
name, or as a byte-identical copy) is read once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.io.bundle.gate import confirmed_items, read_bundle_data
from desktop.io.bundle.seal import BundleError, findings_record, record_counts
from desktop.io.bundle.signing import signer_of
from desktop.io.bundle.trust import KnownSigners, Sender, sender_of, unit_key
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document
from desktop.models.store import StoreError

BUNDLE_SUFFIXES = (".zip", ".jsz")
DATASET_SUFFIX = ".jsd"
SUFFIXES = (*BUNDLE_SUFFIXES, DATASET_SUFFIX)


class SourceRefused(Exception):
    """A source left out of the consolidation; the message says why (Chinese)."""


@dataclass(frozen=True)
class Refused:
    path: Path
    reason: str  # one line: a list of failed checks is joined

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", " ".join(line.strip() for line in self.reason.splitlines()))


@dataclass(frozen=True)
class Source:
    path: Path
    doc: dict[str, Any]  # the interchange document, computed cells included
    findings: dict[str, int]  # counts by severity, as recorded at export (bundles) or now
    manifest: dict[str, Any] = field(default_factory=dict)  # a bundle's signed manifest

    @property
    def department(self) -> dict[str, Any]:
        return dict(self.doc.get("department") or {})

    @property
    def key(self) -> str:
        """Who the source is: its 单位代码, or its name when it has none."""
        return unit_key(self.department)

    @property
    def code(self) -> str:
        return str(self.department.get("code") or "")

    @property
    def forced(self) -> int:
        """Items the clerk confirmed publishing unfinished (0: not a forced export)."""
        return len(confirmed_items(self.manifest))

    @property
    def signer(self) -> dict[str, str]:
        return signer_of(self.manifest)

    @property
    def sender(self) -> Sender:
        """Whose key signed the bundle (desktop.io.bundle.trust)."""
        return sender_of(dict(self.manifest.get("department") or {}), self.doc.get("units"))


def gather(paths: Iterable[Path]) -> tuple[list[Path], list[Refused]]:
    """The source files named or found in the folders named, each once, in order; what is
    neither a source nor a folder of them is refused with its reason."""
    files: list[Path] = []
    refused: list[Refused] = []
    seen: set[str] = set()
    for path in map(Path, paths):
        for found in _expand(path, refused):
            digest = _digest(found, refused)
            if digest is not None and digest not in seen:
                seen.add(digest)
                files.append(found)
    return files, refused


def _expand(path: Path, refused: list[Refused]) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not found:
            refused.append(Refused(path, "文件夹中没有报送包 (.zip) 或数据文件 (.jsd)"))
        return found
    if not path.exists():
        refused.append(Refused(path, "找不到该文件"))
    elif path.suffix.lower() not in SUFFIXES:
        refused.append(Refused(path, "不是报送包 (.zip/.jsz) 或数据文件 (.jsd)"))
    else:
        return [path]
    return []


def _digest(path: Path, refused: list[Refused]) -> str | None:
    """The file's SHA-256: the same bytes under two names are one source."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        refused.append(Refused(path, f"无法读取：{exc.strerror or exc}"))
        return None


def read_source(path: Path, known: KnownSigners, accepted: frozenset[str] = frozenset()) -> Source:
    """The source's document; SourceRefused saying why it cannot be used."""
    try:
        if path.suffix.lower() in BUNDLE_SUFFIXES:
            doc, manifest = read_bundle_data(path, known, accepted, stream=True)
            return Source(path, doc, dict(manifest.get("findings") or {}), manifest)
        with Dataset.open(path) as dataset:
            counts = record_counts(findings_record(dataset))  # as its bundle would say
            return Source(path, export_document(dataset), counts)
    except (BundleError, StoreError, InterchangeError) as exc:
        raise SourceRefused(str(exc)) from exc
    except OSError as exc:
        raise SourceRefused(f"无法读取 {path}：{exc.strerror or exc}") from exc
