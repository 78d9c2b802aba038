"""`juesuan export FILE --xlsx X --pdf P --bundle Z [--force]`: write the requested outputs
and say what was written. The PDF writer is loaded only when asked for."""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop.io.bundle import PDF, XLSX, BundleError, check_submittable, write_bundle
from desktop.io.export_xlsx import export_xlsx
from desktop.models.dataset import Dataset
from desktop.rules.finding import count_by_severity

OK, DATA_ERRORS, BAD_INPUT = 0, 1, 2
PdfWriter = Callable[[Dataset, Path], Path]


def pdf_writer() -> PdfWriter | None:
    """`desktop.io.export_pdf.export_pdf`, or None while that module is absent."""
    try:
        module = importlib.import_module("desktop.io.export_pdf")
    except ImportError:
        return None
    writer: PdfWriter = module.export_pdf
    return writer


def _no_pdf() -> None:
    print("错误：本版本尚不能导出 PDF（缺少 PDF 导出模块），未生成 PDF。", file=sys.stderr)


def export_outputs(dataset: Dataset, args: argparse.Namespace) -> int:
    code = OK
    errors = count_by_severity(dataset.findings())["error"]
    if errors and (args.xlsx or args.pdf):
        print(f"注意：数据中还有 {errors} 个错误，导出的表格与 PDF 含有这些错误。", file=sys.stderr)
    if args.xlsx:
        print(f"已导出 Excel：{export_xlsx(dataset, Path(args.xlsx))}")
    if args.pdf:
        writer = pdf_writer()
        if writer is None:
            _no_pdf()
            code = BAD_INPUT
        else:
            print(f"已导出 PDF：{writer(dataset, Path(args.pdf))}")
    if args.bundle:
        code = max(code, _bundle(dataset, Path(args.bundle), force=bool(args.force)))
    return code


def _bundle(dataset: Dataset, target: Path, *, force: bool) -> int:
    """Workbook and PDF made afresh in a temporary folder, then zipped with the data."""
    errors = count_by_severity(dataset.findings())["error"]
    writer = pdf_writer()
    try:
        check_submittable(errors, force=force)  # before the slow part
        with tempfile.TemporaryDirectory(prefix="juesuan-bundle-") as folder:
            xlsx = export_xlsx(dataset, Path(folder) / XLSX)
            pdf = writer(dataset, Path(folder) / PDF) if writer is not None else None
            path = write_bundle(dataset, target, xlsx=xlsx, pdf=pdf, force=force)
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return DATA_ERRORS
    forced = f"（强制导出：含 {errors} 个错误，已记录在清单中）" if errors else ""
    missing = "" if pdf is not None else "（本版本不能导出 PDF，报送包中没有 PDF）"
    print(f"已生成报送包：{path}{forced}{missing}")
    return OK
