"""Checks on import: a workbook (or interchange file) of another year or department is refused
until the clerk confirms it (`--force`); the right year and department pass without a word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.actions.importing import import_file
from desktop.cli import main
from desktop.io.import_checks import MismatchError, mismatches
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Department
from tests.conftest import shared_path

XIQU = "攀枝花市西区财政局"


@pytest.mark.parametrize(
    ("year", "name", "prior", "expected"),
    [
        (2020, XIQU, False, []),
        (2019, XIQU, True, []),
        (2020, XIQU, True, [("year", "2020", "2019")]),
        (2019, XIQU, False, [("year", "2019", "2020")]),
        (2018, XIQU, True, [("year", "2018", "2019")]),
        (None, None, False, []),  # a file that states nothing is not held up
        (2020, "攀枝花市西区财政局（本级）", False, []),
        (2020, " 攀枝花市 西区财政局 ", False, []),
        (2020, "西区财政局", False, []),
        (2020, "攀枝花市西区行政审批局", False, [("name", "攀枝花市西区行政审批局", XIQU)]),
        (2021, "昆明市东川区财政局", True, [("year", "2021", "2019"), ("name", "昆明市东川区财政局", XIQU)]),
    ],
)
def test_year_and_department_are_compared(
    year: int | None, name: str | None, prior: bool, expected: list[tuple[str, str, str]]
) -> None:
    found = mismatches(Department(XIQU, "", 2020), year, name, prior=prior)
    assert [(m.what, m.found, m.expected) for m in found] == expected


def test_a_new_dataset_without_a_name_takes_any_department() -> None:
    assert mismatches(Department("", "", 2020), 2020, "任何单位", prior=False) == []


def test_last_years_workbook_imported_as_this_year_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    with Dataset.create(tmp_path / "a.jsd", XIQU, 2020) as dataset:
        with pytest.raises(MismatchError) as raised:
            import_file(dataset, shared_path("workbooks", "xiqu-czj-2019.xlsx"))
        assert "2019 年度" in str(raised.value) and "--force" in str(raised.value)
        step = dataset.next_undo()
        assert not dataset.has_figures() and step is not None and step.source == "system"  # only the creation
        summary = import_file(dataset, shared_path("workbooks", "xiqu-czj-2019.xlsx"), force=True)
        assert [m.what for m in summary.mismatches] == ["year"] and dataset.has_figures()
        assert "已确认导入：文件为 2019 年度，应为 2020 年度" in summary.text()


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prior_of_the_wrong_year_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "b.jsd"
    assert _run(capsys, "new", path, "--unit", XIQU, "--year", "2020")[0] == 0
    code, out, err = _run(capsys, "import", path, shared_path("workbooks", "xiqu-czj-2020.xlsx"), "--prior")
    assert code == 2 and "文件为 2020 年度，应为 2019 年度" in out + err and "--force" in out + err
    code, out, _ = _run(capsys, "import", path, shared_path("workbooks", "xiqu-czj-2019.xlsx"), "--prior")
    assert code == 0 and "已确认导入" not in out
    code, out, _ = _run(
        capsys, "import", path, shared_path("workbooks", "xiqu-czj-2020.xlsx"), "--prior", "--force", "--json"
    )
    report: dict[str, Any] = json.loads(out)
    assert report["mismatches"] == [{"what": "year", "found": "2020", "expected": "2019"}]


def test_cli_another_departments_workbook_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.jsd"
    assert _run(capsys, "new", path, "--unit", "攀枝花市西区行政审批局", "--year", "2020")[0] == 0
    code, out, err = _run(capsys, "import", path, shared_path("workbooks", "xiqu-czj-2020.xlsx"))
    assert code == 2 and XIQU in out + err
    assert _run(capsys, "import", path, shared_path("workbooks", "xiqu-czj-2020.xlsx"), "--force")[0] in (
        0,
        1,
    )


def test_an_interchange_file_of_another_year_replacing_figures_needs_force(
    tmp_path: Path, sample_doc: dict[str, Any]
) -> None:
    source = tmp_path / "other-year.json"
    source.write_text(
        json.dumps({**sample_doc, "department": {**sample_doc["department"], "year": 2021}}), "utf-8"
    )
    with Dataset.create(tmp_path / "d.jsd", XIQU, 2020) as dataset:
        import_file(dataset, shared_path("datasets", "xiqu-czj-2020.json"))
        with pytest.raises(MismatchError):
            import_file(dataset, source, replace=True)
        assert dataset.department.year == 2020
        import_file(dataset, source, replace=True, force=True)
        assert dataset.department.year == 2021
