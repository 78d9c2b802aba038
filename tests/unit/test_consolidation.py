"""Issue 13 §4, §7: the bureau's 汇总 of many bundles as a stream — units, projects and texts
carried; a file given twice summed once; a unit given twice refused with both sources; forced
bundles marked; truncated, tampered, badly signed and other-year bundles and a dataset open
elsewhere listed with their reasons and left out; the summary workbook."""

from __future__ import annotations

import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bench.consolidation import unit_copy
from desktop.actions.consolidation import ConsolidationError, consolidate, summary_path
from desktop.io.bundle.seal import write_bundle
from desktop.io.consolidation.accumulate import TEXT_PREFIX
from desktop.io.release import release_for
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from tests.helpers import run_cli, sample_dataset


@pytest.fixture
def units(sample_bundle: Path, tmp_path: Path) -> list[Path]:
    """Three units' bundles of the sample department (codes 001–003), signed here."""
    folder = tmp_path / "in"
    folder.mkdir()
    return [unit_copy(sample_bundle, folder / f"{n}.zip", code=f"00{n}", name=f"单位{n}") for n in (1, 2, 3)]


def number(path: Path, cell: str) -> Decimal:
    with Dataset.open(path) as dataset:
        return dataset.number(cell)


def test_three_units_are_summed_with_their_units_projects_and_texts(
    units: list[Path], tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    out = tmp_path / "sum.jsd"
    report = consolidate(out, [units[0].parent])  # a folder of bundles
    assert [line.code for line in report.lines] == ["001", "002", "003"] and report.ok
    with Dataset.open(out) as total:
        snapshot = total.snapshot()
        assert len(snapshot.units) == 3 * len(sample_doc["units"])
        assert len(snapshot.projects) == 3 * len(sample_doc["projects"])
        assert {p.unit for p in snapshot.projects} <= {u.id for u in snapshot.units}
        texts = [key for key in snapshot.texts if key.startswith(TEXT_PREFIX)]
        assert len(texts) == 3 * len(sample_doc["texts"])
        for cell in ("G01.exp_total.amount", "G05.total.total", "G06.total.amount"):
            assert total.number(cell) == 3 * Decimal(sample_doc["cells"][cell])
        assert total.department.name == "汇总：单位1"
    assert report.totals["G05"] == 3 * Decimal(sample_doc["cells"]["G05.total.total"])


def test_the_summary_workbook_lists_each_unit_and_the_total(units: list[Path], tmp_path: Path) -> None:
    report = consolidate(tmp_path / "sum.jsd", units)
    sheet = openpyxl.load_workbook(summary_path(tmp_path / "sum.jsd"))["汇总情况"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:4] == ["单位", "单位代码", "单位类型", "单位数"] and "公开05表合计" in header
    assert [row[1] for row in rows[1:4]] == ["001", "002", "003"]
    g05 = header.index("公开05表合计")
    assert Decimal(str(rows[4][g05])) == report.totals["G05"] and rows[4][0] == "合计（抵销后）"
    assert [row[header.index("强制导出")] for row in rows[1:4]] == ["否", "否", "否"]


def test_the_same_file_given_twice_is_summed_once(units: list[Path], tmp_path: Path) -> None:
    copy = shutil.copyfile(units[0], tmp_path / "copy.zip")
    report = consolidate(tmp_path / "sum.jsd", [units[0], units[0], copy, units[1]])
    assert len(report.lines) == 2
    single = consolidate(tmp_path / "one.jsd", [units[0]])
    assert report.totals["G05"] == 2 * single.totals["G05"]


def test_a_unit_given_twice_refuses_the_run_naming_both_sources(
    sample_bundle: Path, units: list[Path], tmp_path: Path
) -> None:
    again = unit_copy(sample_bundle, tmp_path / "again.zip", code="002", name="单位2（重报）")
    with pytest.raises(ConsolidationError, match="单位代码 002") as refused:
        consolidate(tmp_path / "sum.jsd", [*units, again])
    assert str(units[1]) in str(refused.value) and str(again) in str(refused.value)
    assert not (tmp_path / "sum.jsd").exists() and not summary_path(tmp_path / "sum.jsd").exists()


def _rezip(source: Path, target: Path, change: dict[str, bytes], *, comment: bytes | None = None) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
        kept = archive.comment
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in {**members, **change}.items():
            archive.writestr(name, payload)
        archive.comment = kept if comment is None else comment
    return target


def test_bad_bundles_are_listed_and_left_out_beside_good_ones(
    sample_bundle: Path, units: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.io.bundle.seal import seal

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(units[0].read_bytes()[:5000])
    with zipfile.ZipFile(units[1]) as archive:
        data, manifest = archive.read("data.json"), archive.read("manifest.json")
    changed = data.replace(b'"G05.total.total": "', b'"G05.total.total": "9', 1).replace(
        b"\n", b"", 1
    )  # same size
    tampered = _rezip(units[1], tmp_path / "tampered.zip", {"data.json": changed})
    resigned = manifest.replace(b'"created": "', b'"created": "1')  # changed after signing, re-sealed
    badly_signed = _rezip(
        units[2], tmp_path / "badsig.zip", {"manifest.json": resigned}, comment=seal(resigned)
    )
    other_year = unit_copy(sample_bundle, tmp_path / "2021.zip", code="009", name="单位9", year=2021)
    out = tmp_path / "sum.jsd"
    code, printed, _ = run_cli(
        capsys, "consolidate", out, *units, truncated, tampered, badly_signed, other_year
    )
    assert code == 1 and out.exists()  # the good ones are summed; the run says some were left out
    assert "未采用 4 个来源" in printed
    lines = {line.split("：", 1)[0].strip(): line for line in printed.splitlines()}
    assert "无法作为 zip 文件读取" in lines[f"{truncated}"]
    assert "SHA-256 与清单不符" in lines[f"{tampered}"]
    assert "签名与清单不符" in lines[f"{badly_signed}"]
    assert "2021 年度" in lines[f"{other_year}"] and "不能汇总在一起" in lines[f"{other_year}"]
    left_out = openpyxl.load_workbook(summary_path(out))["未采用的来源"]
    assert {row[0].value for row in left_out.iter_rows(min_row=2)} == {
        str(p) for p in (truncated, tampered, badly_signed, other_year)
    }


def test_a_forced_bundle_is_marked(units: list[Path], tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(sample_doc))
    doc["department"]["code"] = "777"
    with sample_dataset(tmp_path, doc) as data:
        data.set("G06.30101.amount", "0")  # an error the clerk confirms publishing
        xlsx = export_xlsx(data, tmp_path / "x.xlsx")
        forced = write_bundle(
            data, tmp_path / "forced.zip", xlsx=xlsx, pdf=None, release=release_for(data, force=True)
        )
    report = consolidate(tmp_path / "sum.jsd", [units[0], forced])
    marks = {line.code: line.forced for line in report.lines}
    assert marks["001"] == 0 and marks["777"] >= 1
    assert "强制导出（编制人确认了" in report.text()
    sheet = openpyxl.load_workbook(report.summary)["汇总情况"]
    column = [c.value for c in sheet[1]].index("强制导出")
    assert [row[column].value for row in sheet.iter_rows(min_row=2, max_row=3)] == [
        "否",
        f"是（确认 {marks['777']} 项）",
    ]


def test_a_dataset_open_elsewhere_is_left_out_with_a_message(
    units: list[Path], tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    doc = json.loads(json.dumps(sample_doc))
    doc["department"]["code"] = "555"
    with sample_dataset(tmp_path, doc, "open.jsd"):  # held open: its lock is taken
        report = consolidate(tmp_path / "sum.jsd", [units[0], tmp_path / "open.jsd"])
    [refused] = report.refused
    assert refused.path == tmp_path / "open.jsd" and "已在另一个窗口或程序中打开" in refused.reason
    assert [line.code for line in report.lines] == ["001"]
    closed = consolidate(tmp_path / "sum2.jsd", [units[0], tmp_path / "open.jsd"])
    assert [line.code for line in closed.lines] == ["001", "555"] and not closed.refused


def test_an_existing_out_is_refused_and_kept(units: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "sum.jsd"
    out.write_bytes(b"keep")
    with pytest.raises(ConsolidationError, match="已存在"):
        consolidate(out, units)
    assert out.read_bytes() == b"keep"


def test_a_bundle_with_cells_the_edition_lacks_is_left_out_naming_them(
    units: list[Path], tmp_path: Path
) -> None:
    strange = {"G05.2010601.nope": "1.00", "X99.a.value": "2", "G05.2010601.basic": "3.00"}
    odd = unit_copy(units[0], tmp_path / "odd.zip", change=lambda d: d["cells"].update(strange), code="009")
    report = consolidate(tmp_path / "sum.jsd", [*units, odd])
    assert [line.code for line in report.lines] == ["001", "002", "003"]
    (refused,) = report.refused
    assert refused.path == odd
    assert "2 个本版本没有的单元格（G05.2010601.nope、X99.a.value）" in refused.reason
    assert "重新导出" in refused.reason and "G05.2010601.basic" not in refused.reason


def test_amounts_out_of_range_are_named_the_departments_first_then_each_units(
    units: list[Path], tmp_path: Path
) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["units"][1]["cells"] = {"G05.2010601.basic": "1.1234567"}
        doc["cells"]["G05.2010601.basic"] = "9" * 16

    odd = unit_copy(units[0], tmp_path / "odd.zip", change=change, code="009")
    report = consolidate(tmp_path / "sum.jsd", [*units, odd])
    (refused,) = report.refused
    reason = refused.reason
    department = reason.index("data.json cells.G05.2010601.basic：“9999999999999999”")
    unit = reason.index("data.json units[1].cells.G05.2010601.basic：“1.1234567”")
    assert department < unit and "10¹⁵" in reason and "小数位过多" in reason
