"""`juesuan check-text FILE TEXT [--json]` end to end: findings with their kind and scope, the summary
and every unchecked figure with its reason; exit 1 when the text disagrees, 0 when it agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import shared_path

WRONG = "2020年度收、支总计1350.95万元。全年完成39个财评项目评审工作，审减金额4,935万元。\n"
RIGHT = "2020年度收、支总计1349.95万元。\n"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


@pytest.fixture
def dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "sample.jsd"
    assert run(capsys, "new", path, "--department", "测试", "--year", 2020)[0] == 0
    assert run(capsys, "import", path, shared_path("datasets", "xiqu-czj-2020.json"))[0] == 0
    return path


def test_json_names_kind_scope_summary_and_unchecked(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "说明.txt"
    text.write_text(WRONG, encoding="utf-8")
    code, out = run(capsys, "check-text", dataset, text, "--json")
    assert code == 1
    doc = json.loads(out)
    (finding,) = doc["findings"]
    assert {"rule", "sentence", "stated", "expected", "cells", "message", "start", "end"} <= set(finding)
    assert (finding["rule"], finding["kind"], finding["stated"]) == ("narrative.amount", "amount", "1350.95")
    assert finding["scope"] == {
        "part": "narrative", "section": "", "unit": "department", "year": "current", "measure": "actual",
        "fund": "all",
    }  # fmt: skip
    assert doc["summary"]["figures"] == 3 and doc["summary"]["checked"] == 1
    assert doc["summary"]["unchecked"] == 2 and doc["summary"]["inconsistent"] == 0
    assert doc["summary"]["unchecked_reasons"] == [
        {"reason": "no_subject", "message": "找不到这个数字说的是哪个科目或项目", "figures": 2}
    ]
    assert {u["text"]: u["reason"] for u in doc["unchecked"]} == {
        "39个": "no_subject",
        "4,935万元": "no_subject",
    }
    assert all(u["message"] for u in doc["unchecked"])


def test_text_output_and_exit_code_when_the_text_agrees(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "说明.txt"
    text.write_text(RIGHT, encoding="utf-8")
    code, out = run(capsys, "check-text", dataset, text)
    assert code == 0
    assert "文字中的数字与数据一致" in out and "数字 1 个：已核对 1 个，未核对 0 个" in out
