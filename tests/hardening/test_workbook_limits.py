"""Issue 16 §4: crafted workbooks get a clear message in seconds, never a traceback, a hang
or a memory blow-up; every reader-library failure becomes the Chinese message (exit 2)."""

from __future__ import annotations

import resource
import time
from decimal import Decimal
from pathlib import Path

import pytest

from bench.big_workbook import write_big_workbook
from desktop.cli import main
from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.io.workbook.reader import WorkbookError, read_workbook
from desktop.models.dataset import Dataset
from tests.hardening.crafted import SAMPLE, flipped, with_last_row, with_merge, with_value


def refused(path: Path, match: str, seconds: float = 10.0) -> str:
    start = time.perf_counter()
    with pytest.raises(WorkbookError, match=match) as caught:
        read_workbook(path, load_edition(ROOT_EDITION))
    assert time.perf_counter() - start < seconds
    return caught.value.message


def cli_import(tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    dataset = tmp_path / "a.jsd"
    if not dataset.exists():
        Dataset.create(dataset, "测试", 2020).close()
    code = main(["import", str(dataset), str(source), "--force"])  # the sample is another department's
    _out, err = capsys.readouterr()
    return code, err


def test_a_bit_flip_in_compressed_data_is_a_damaged_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for offset in (10, 200, 900):
        damaged = flipped(SAMPLE, tmp_path / f"flip{offset}.xlsx", "xl/worksheets/sheet5.xml", offset)
        refused(damaged, "已损坏|不是可读取")
        code, err = cli_import(tmp_path, damaged, capsys)
        assert code == 2 and "Traceback" not in err and "错误：" in err


def test_a_number_beyond_any_amount_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = with_value(tmp_path / "huge.xlsx", "公开05表", "D8", 1e26)
    assert "超出金额范围" in refused(huge, "1e\\+26")
    code, err = cli_import(tmp_path, huge, capsys)
    assert code == 2 and "Traceback" not in err


def test_a_figure_beyond_the_amount_range_is_refused_naming_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = with_value(tmp_path / "big.xlsx", "公开05表", "D8", 1e16)  # within what a sheet holds, not 万元
    code, err = cli_import(tmp_path, big, capsys)
    assert code == 2 and "G05.201.basic" in err and "10¹⁵" in err
    with Dataset.open(tmp_path / "a.jsd") as dataset:
        assert not dataset.has_figures()  # nothing was imported


def test_a_value_at_the_last_cell_is_refused_quickly(tmp_path: Path) -> None:
    far = with_last_row(tmp_path / "far.xlsx", '<c r="XFD1048576"><v>1</v></c>', 1048576)
    assert "XFD1048576" in refused(far, "超出可读取的范围")
    text = with_last_row(
        tmp_path / "far_text.xlsx", '<c r="IW70000" t="inlineStr"><is><t>x</t></is></c>', 70000
    )
    refused(text, "IW70000")


def test_a_sheet_wide_merged_range_in_a_small_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    merged = with_merge(tmp_path / "merged.xlsx", "A1:XFD1048576")
    assert merged.stat().st_size < 64 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    refused(merged, "合并区域")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200


def test_a_workbook_beyond_the_unpacked_size_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = write_big_workbook(tmp_path / "big.xlsx", rows=45_000)
    refused(big, "解压后有", seconds=2.0)


def test_too_many_cells_are_refused_while_streaming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.io.workbook import limits

    monkeypatch.setattr(limits, "MAX_CELLS", 2_000)  # a smaller ceiling, the same check
    many = write_big_workbook(tmp_path / "many.xlsx", rows=400, cols=10)
    refused(many, "超过 2000 个非空单元格")


def test_too_many_sheets_and_too_long_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.io.workbook import limits

    monkeypatch.setattr(limits, "MAX_SHEETS", 5)
    refused(SAMPLE, "有 9 张工作表")
    monkeypatch.setattr(limits, "MAX_SHEETS", 100)
    cell = f'<c r="B60" t="inlineStr"><is><t>{"长" * (limits.MAX_TEXT + 1)}</t></is></c>'
    refused(with_last_row(tmp_path / "long.xlsx", cell, 60), "超过 32767 个字符")


def test_the_sample_still_reads_within_the_limits() -> None:
    reading = read_workbook(SAMPLE, load_edition(ROOT_EDITION))
    assert len(reading.tables) == 9 and reading.values["G05.201.basic"] == Decimal("467.57")
