"""`juesuan export FILE --json J --xlsx X --pdf P --bundle Z [--force | --draft]`: the CLI's door to
desktop/actions/exporting.py, saying what was written. The PDF and the bundle are for
publication: with anything unfinished (desktop.io.release) they need --force, which they record;
--draft writes a PDF marked 草稿 on every page instead, always."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.actions.exporting import OUTPUTS, write_outputs
from desktop.atomic import check_distinct, check_target, write_bytes
from desktop.io.bundle.seal import BundleError
from desktop.io.release import NotReady, Release, release_for, unfinished
from desktop.models.dataset import Dataset
from desktop.models.interchange import export_document

OK, DATA_ERRORS, BAD_USAGE = 0, 1, 2


def export_outputs(dataset: Dataset, args: argparse.Namespace) -> int:
    targets = {f"--{kind}": Path(getattr(args, kind)) for kind in ("json", *OUTPUTS) if getattr(args, kind)}
    check_distinct(targets)
    for target in targets.values():  # before any slow work
        check_target(target, dataset.protected())
    if args.json:
        payload = json.dumps(export_document(dataset), ensure_ascii=False, indent=2) + "\n"
        write_bytes(Path(args.json), payload.encode("utf-8"), dataset.protected())
        print(f"已导出 {args.json}")
    return _files(dataset, args) if args.xlsx or args.pdf or args.bundle else OK


def _files(dataset: Dataset, args: argparse.Namespace) -> int:
    draft, force = bool(getattr(args, "draft", False)), bool(args.force)
    if draft and args.bundle:
        print("错误：报送包用于正式报送，不能导出草稿（--draft 只用于 PDF）。", file=sys.stderr)
        return BAD_USAGE
    targets = {kind: Path(getattr(args, kind)) for kind in OUTPUTS if getattr(args, kind)}
    if "xlsx" in targets:
        _note_unfinished(dataset)
    refused: NotReady | None = None
    release = Release()  # the workbook alone needs none
    if args.pdf or args.bundle:
        try:
            release = release_for(dataset, force=force, draft=draft)
        except NotReady as exc:  # the workbook is written all the same
            refused, targets = exc, {k: p for k, p in targets.items() if k == "xlsx"}
    try:
        write_outputs(dataset, targets, release, written=lambda kind, path: _said(kind, path, release))
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return DATA_ERRORS
    if refused is not None:
        print(f"错误：{refused}", file=sys.stderr)
        return DATA_ERRORS
    return OK


def _said(kind: str, path: Path, release: Release) -> None:
    if kind == "xlsx":
        print(f"已导出 Excel：{path}")
    elif kind == "pdf":
        print(f"已导出 {'PDF 草稿' if release.draft else 'PDF'}：{path}{_forced(release)}")
    else:
        print(f"已生成报送包：{path}{_forced(release)}")


def _note_unfinished(dataset: Dataset) -> None:
    count = len(unfinished(dataset))
    if count:
        print(f"注意：还有 {count} 项未完成或有错误，导出的工作簿照实包含。", file=sys.stderr)


def _forced(release: Release) -> str:
    if not release.forced:
        return ""
    return f"（强制导出：含 {len(release.confirmed)} 项未完成内容或错误，已记录）"
