"""`juesuan export FILE --xlsx X --pdf P --bundle Z [--force | --draft]`: write the requested
outputs and say what was written. The PDF and the bundle are for publication: with anything
unfinished (desktop.io.release) they need --force, which they record; --draft writes a PDF
marked 草稿 on every page instead, always."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from desktop.io.bundle.seal import PDF, XLSX, BundleError, write_bundle
from desktop.io.pdf.export import export_pdf
from desktop.io.release import NotReady, Release, release_for, unfinished
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset

OK, DATA_ERRORS, BAD_USAGE = 0, 1, 2


def export_outputs(dataset: Dataset, args: argparse.Namespace) -> int:
    draft, force = bool(getattr(args, "draft", False)), bool(args.force)
    if draft and args.bundle:
        print("错误：报送包用于正式报送，不能导出草稿（--draft 只用于 PDF）。", file=sys.stderr)
        return BAD_USAGE
    if args.xlsx:
        _note_unfinished(dataset)
        print(f"已导出 Excel：{export_xlsx(dataset, Path(args.xlsx))}")
    if not (args.pdf or args.bundle):
        return OK
    try:
        release = release_for(dataset, force=force, draft=draft)
    except NotReady as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return DATA_ERRORS
    if args.pdf:
        kind = "PDF 草稿" if release.draft else "PDF"
        print(f"已导出 {kind}：{export_pdf(dataset, Path(args.pdf), release)}{_forced(release)}")
    return _bundle(dataset, Path(args.bundle), release) if args.bundle else OK


def _note_unfinished(dataset: Dataset) -> None:
    count = len(unfinished(dataset))
    if count:
        print(f"注意：还有 {count} 项未完成或有错误，导出的工作簿照实包含。", file=sys.stderr)


def _forced(release: Release) -> str:
    if not release.forced:
        return ""
    return f"（强制导出：含 {len(release.confirmed)} 项未完成内容或错误，已记录）"


def _bundle(dataset: Dataset, target: Path, release: Release) -> int:
    """Workbook and PDF made afresh in a temporary folder, then zipped with the data."""
    try:
        with tempfile.TemporaryDirectory(prefix="juesuan-bundle-") as folder:
            xlsx = export_xlsx(dataset, Path(folder) / XLSX)
            pdf = export_pdf(dataset, Path(folder) / PDF, release)
            path = write_bundle(dataset, target, xlsx=xlsx, pdf=pdf, release=release)
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return DATA_ERRORS
    print(f"已生成报送包：{path}{_forced(release)}")
    return OK
