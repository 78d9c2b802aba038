"""Whether a bundle's workbook and report say what its data.json says.

- tables.xlsx: read back as a complete workbook of ours (its official tables checked against its
  全部数据 on the way), it must give the same interchange document as data.json.
- report.pdf: the numbers with two decimals it prints (every amount of the tables, the
  情况说明 and the charts, and the percentages), counted as a multiset, must be those of the PDF
  this program renders from data.json. Read in pure Python (desktop.io.bundle.pdf_text); wording
  and layout are not compared, and a PDF rendered by another version of the program may differ
  in what it prints (the message then says so)."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.io.bundle.pdf_text import page_texts
from desktop.io.release import Release
from desktop.io.temp_dataset import temporary_dataset
from desktop.io.workbook.errors import WorkbookError
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document

_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*\.\d\d(?!\d)")  # 1,295.60, 826.02, 18.11 (of 18.11%)
SHOWN = 5


@dataclass(frozen=True)
class Agreement:
    ok: bool
    message: str


def printed_numbers(pdf: bytes) -> Counter[str]:
    """Every number with two decimals the PDF shows, with how often (grouping ignored)."""
    runs = (run for page in page_texts(pdf) for run in page)
    return Counter(match.replace(",", "") for run in runs for match in _NUMBER.findall(run))


def report_agrees(pdf: bytes, dataset: Dataset, app_version: str) -> Agreement:
    from desktop.io.pdf.export import export_pdf  # reportlab on first use, not at the window's start

    with tempfile.TemporaryDirectory(prefix="juesuan-verify-") as folder:
        expected = export_pdf(dataset, Path(folder) / "expected.pdf", Release()).read_bytes()
    have, want = printed_numbers(pdf), printed_numbers(expected)
    if not have:
        return Agreement(False, "report.pdf 中读不出任何数字：不是本程序生成的公开文本，或已被替换")
    if have == want:
        return Agreement(True, f"report.pdf 印出的 {sum(have.values())} 个数字与 data.json 生成的一致")
    extra, missing = have - want, want - have
    listed = "；".join(
        [*(f"多出 {n}" for n in list(extra)[:SHOWN]), *(f"缺少 {n}" for n in list(missing)[:SHOWN])]
    )
    note = (
        "" if app_version == __version__ else f"（报送包由 {app_version} 版生成，本程序为 {__version__} 版）"
    )
    return Agreement(False, f"report.pdf 印出的数字与 data.json 不符：{listed}{note}")


def tables_agree(xlsx: bytes, dataset: Dataset) -> Agreement:
    from desktop.io.xlsx.readback import read_complete_workbook  # openpyxl on first use

    with tempfile.TemporaryDirectory(prefix="juesuan-verify-") as folder:
        path = Path(folder) / "tables.xlsx"
        path.write_bytes(xlsx)
        try:
            doc = read_complete_workbook(path)
        except WorkbookError as exc:
            return Agreement(False, exc.message)
    try:
        # The input cells, which decide every computed one: a row entered empty (a companion row
        # of a new 项, say) has computed zeros that 全部数据, listing inputs only, cannot carry.
        with temporary_dataset(doc) as again:
            read, stated = export_document(again, computed=False), export_document(dataset, computed=False)
    except (InterchangeError, ValueError) as exc:
        return Agreement(False, f"tables.xlsx 中的数据无法读取：{exc}")
    differences = _differences(read, stated)
    if differences:
        return Agreement(False, "tables.xlsx 与 data.json 不一致：" + "；".join(differences[:SHOWN]))
    return Agreement(True, "tables.xlsx 读回的数据与 data.json 完全一致")


def _differences(read: dict[str, Any], stated: dict[str, Any]) -> list[str]:
    found = []
    for key in sorted(set(read) | set(stated)):
        a, b = read.get(key), stated.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict) and key in ("cells", "prior", "texts"):
            cells = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            found += [
                f"{key}.{k}：表中为 {a.get(k, '空白')}，data.json 为 {b.get(k, '空白')}"
                for k in cells[:SHOWN]
            ]
        else:
            found.append(f"{key} 不同")
    return found
