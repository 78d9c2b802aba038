"""`juesuan export --pdf/--bundle` for publication: refused while something is unfinished,
`--force` records what was confirmed (manifest, PDF metadata), `--draft` marks every page
草稿; the cover prints the report date the clerk set."""

from __future__ import annotations

import datetime
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.helpers import cli_sample, pdf_pages, poppler, run_cli

run = run_cli


@pytest.fixture
def source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return cli_sample(tmp_path, capsys)


def info(pdf: Path) -> dict[str, str]:
    lines = poppler("pdfinfo", pdf).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def test_unfinished_refuses_the_pdf_and_the_bundle(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for option in ("--pdf", "--bundle"):
        code, _, err = run(capsys, "export", source, option, tmp_path / "out")
        assert code == 1 and "编制日期" in err and "--force" in err and "--draft" in err
        assert not (tmp_path / "out").exists()
    code, _, err = run(capsys, "export", source, "--xlsx", tmp_path / "a.xlsx")
    assert code == 0 and (tmp_path / "a.xlsx").exists() and "1 项未完成" in err


def test_force_records_what_was_confirmed(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "export", source, "--pdf", tmp_path / "a.pdf", "--bundle", tmp_path / "a.zip", "--force"
    )
    assert code == 0 and "强制导出" in out
    meta = info(tmp_path / "a.pdf")
    assert "强制导出" in meta["Subject"] and "gate.date" in meta["Keywords"]
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["forced"] is True and manifest["release"]["draft"] is False
    assert [item["rule"] for item in manifest["release"]["confirmed"]] == ["gate.date"]
    assert not any("草稿" in page for page in pdf_pages(tmp_path / "a.pdf"))


def test_a_draft_is_always_possible_and_marked_on_every_page(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "export", source, "--pdf", tmp_path / "d.pdf", "--draft")
    assert code == 0 and "草稿" in out
    pages = pdf_pages(tmp_path / "d.pdf")
    assert len(pages) > 20
    assert all("草" in page and "稿" in page for page in pages)
    assert info(tmp_path / "d.pdf")["Subject"].startswith("草稿")
    code, _, err = run(capsys, "export", source, "--bundle", tmp_path / "d.zip", "--draft")
    assert code == 2 and "草稿" in err and not (tmp_path / "d.zip").exists()


@pytest.mark.parametrize(
    ("typed", "printed"),
    [("2021-05-20", "2021年5月20日"), ("2021/5/2", "2021年5月2日"), ("20210520", "2021年5月20日"),
     ("2021年5月20日", "2021年5月20日"), ("二〇二一年五月", "二〇二一年五月")],
)  # fmt: skip
def test_the_cover_prints_the_report_date_the_clerk_set(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, printed: str
) -> None:
    assert run(capsys, "set", source, "F00.date.value", typed)[0] == 0
    assert run(capsys, "export", source, "--pdf", tmp_path / "a.pdf")[0] == 0
    cover = pdf_pages(tmp_path / "a.pdf")[0]
    today = datetime.date.today()
    assert f"编制日期：{printed}" in cover.replace(" ", "")
    assert f"{today.year}年{today.month}月{today.day}日" not in cover  # never the export date


def test_consolidate_remembers_each_units_key_and_accepts_a_new_one_only_by_its_fingerprint(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "set", source, "F00.date.value", "2021-05-20")[0] == 0
    for machine in ("old-pc", "new-pc"):
        monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / machine))
        assert run(capsys, "export", source, "--bundle", tmp_path / f"{machine}.zip")[0] == 0
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / "bureau"))
    code, out, _ = run(capsys, "verify", tmp_path / "new-pc.zip")
    assert code == 0 and "签名者密钥指纹：SHA256:" in out
    new_key = re.search(r"签名者密钥指纹：(\S+)", out).group(1)  # type: ignore[union-attr]
    code, _, err = run(capsys, "consolidate", tmp_path / "sum-a.jsd", tmp_path / "old-pc.zip")
    assert code == 0, err
    code, _, err = run(capsys, "consolidate", tmp_path / "sum-b.jsd", tmp_path / "new-pc.zip")
    assert code == 2 and new_key in err and "--accept-key" in err
    assert run(capsys, "verify", tmp_path / "new-pc.zip")[0] == 1
    code, out, _ = run(
        capsys, "consolidate", tmp_path / "sum-b.jsd", tmp_path / "new-pc.zip", "--accept-key", new_key
    )
    assert code == 0 and new_key in out
    assert run(capsys, "verify", tmp_path / "new-pc.zip")[0] == 0
