"""`juesuan new --edition`, the default edition of a year, an unknown edition, and the CLI doors on
a dataset of the 上海 2024 edition (import of its workbook, validate, narrative)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from tests.shanghai_data import shanghai_doc
from tests.shanghai_workbook import write_shanghai_workbook


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("year", "edition", "expected"),
    [
        ("2024", None, "shanghai-2024"),
        ("2020", None, "sichuan-2020"),
        ("2024", "sichuan-2020", "sichuan-2020"),
    ],
)
def test_new_records_the_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str, edition: str | None, expected: str
) -> None:
    path = tmp_path / "a.jsd"
    extra = ["--edition", edition] if edition else []
    code, out, _ = run(capsys, "new", path, "--department", "测试局", "--year", year, *extra)
    assert code == 0 and f"（{expected}）" in out
    with Dataset.open(path) as dataset:
        assert dataset.edition.id == expected


def test_an_unknown_edition_is_refused_with_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "new", tmp_path / "a.jsd", "--department", "测试局", "--year", "2024", "--edition", "x-1"
    )
    assert code == 2
    assert "未知的版本“x-1”" in err and "shanghai-2024" in err and "sichuan-2020" in err
    assert not (tmp_path / "a.jsd").exists()


def test_a_shanghai_workbook_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Dataset.create(tmp_path / "source.jsd", "上海市示例局", 2024, edition="shanghai-2024") as source:
        import_document(source, shanghai_doc())
        workbook = write_shanghai_workbook(source, tmp_path / "sh.xlsx", split=True)
    path = tmp_path / "sh.jsd"
    assert run(capsys, "new", path, "--department", "上海市示例局", "--year", "2024")[0] == 0
    code, out, _ = run(capsys, "import", path, workbook)
    assert code == 0 and "未识别" not in out and "未找到" not in out and "不一致" not in out
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    code, out, err = run(capsys, "narrative", path)
    assert code == 0 and out.startswith("第三部分 上海市示例局2024年度部门决算情况说明")
    assert "十一、其他重要事项的情况说明" in out and "尚缺" in err  # the texts were not imported
