"""`juesuan export FILE --xlsx X --pdf P --bundle Z [--force]`: write the requested outputs
and say what was written."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from desktop.io.bundle.seal import PDF, XLSX, BundleError, check_submittable, write_bundle
from desktop.io.pdf.export import export_pdf
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from desktop.rules.finding import count_by_severity

OK, DATA_ERRORS = 0, 1


def export_outputs(dataset: Dataset, args: argparse.Namespace) -> int:
    code = OK
    errors = count_by_severity(dataset.findings())["error"]
    if errors and (args.xlsx or args.pdf):
        print(f"注意：数据中还有 {errors} 个错误，导出的表格与 PDF 含有这些错误。", file=sys.stderr)
    if args.xlsx:
        print(f"已导出 Excel：{export_xlsx(dataset, Path(args.xlsx))}")
    if args.pdf:
        print(f"已导出 PDF：{export_pdf(dataset, Path(args.pdf))}")
    if args.bundle:
        code = max(code, _bundle(dataset, Path(args.bundle), force=bool(args.force)))
    return code


def _bundle(dataset: Dataset, target: Path, *, force: bool) -> int:
    """Workbook and PDF made afresh in a temporary folder, then zipped with the data."""
    errors = count_by_severity(dataset.findings())["error"]
    try:
        check_submittable(errors, force=force)  # before the slow part
        with tempfile.TemporaryDirectory(prefix="juesuan-bundle-") as folder:
            xlsx = export_xlsx(dataset, Path(folder) / XLSX)
            pdf = export_pdf(dataset, Path(folder) / PDF)
            path = write_bundle(dataset, target, xlsx=xlsx, pdf=pdf, force=force)
    except BundleError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return DATA_ERRORS
    forced = f"（强制导出：含 {errors} 个错误，已记录在清单中）" if errors else ""
    print(f"已生成报送包：{path}{forced}")
    return OK
