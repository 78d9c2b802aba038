"""Issue 16 §2: an output never destroys an input. A target that is the open dataset (by file
identity, not by name), one of its backups, or a source of the same run is refused; every
output is written beside its target and renamed into place, so a failure leaves the earlier
file intact and no partial file behind."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.dataset import Dataset
from tests.conftest import shared_path


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def dataset_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "a.jsd"
    assert run(capsys, "new", path, "--department", "测试", "--year", "2020")[0] == 0
    assert run(capsys, "import", path, shared_path("datasets", "xiqu-czj-2020.json"))[0] == 0
    return path


@pytest.mark.parametrize("option", ["--xlsx", "--json", "--pdf", "--bundle"])
def test_export_over_the_open_dataset_is_refused(
    dataset_file: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    before = digest(dataset_file)
    code, out, err = run(capsys, "export", dataset_file, option, dataset_file)
    assert code == 2 and "打开的数据文件" in err and "已导出" not in out
    assert digest(dataset_file) == before
    with Dataset.open(dataset_file) as dataset:
        assert dataset.has_figures()


def test_the_same_file_under_another_name_is_refused(
    dataset_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hard = tmp_path / "other-name.xlsx"
    os.link(dataset_file, hard)
    soft = tmp_path / "sub" / "link.pdf"
    soft.parent.mkdir()
    soft.symlink_to(dataset_file)
    before = digest(dataset_file)
    for target, option in ((hard, "--xlsx"), (soft, "--pdf"), (tmp_path / "." / "a.jsd", "--json")):
        code, _out, err = run(capsys, "export", dataset_file, option, target)
        assert code == 2 and "打开的数据文件" in err, err
    assert digest(dataset_file) == before


def test_a_backup_is_refused_as_a_target(dataset_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backups = sorted((dataset_file.parent / "a.jsd.backups").glob("*.jsd"))
    assert backups
    before = digest(backups[0])
    code, _out, err = run(capsys, "export", dataset_file, "--xlsx", backups[0])
    assert code == 2 and "备份文件夹" in err
    code, _out, err = run(capsys, "export", dataset_file, "--json", backups[0].parent / "new.json")
    assert code == 2 and "备份文件夹" in err
    assert digest(backups[0]) == before


def test_two_outputs_of_one_run_cannot_share_a_file(
    dataset_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "export", dataset_file, "--xlsx", tmp_path / "x", "--pdf", tmp_path / "x")
    assert code == 2 and "同一个文件" in err and not (tmp_path / "x").exists()


def test_consolidate_refuses_to_write_over_a_source(
    dataset_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(dataset_file)
    code, _out, err = run(capsys, "consolidate", dataset_file, dataset_file)
    assert code == 2 and "已存在" in err
    link = tmp_path / "link.jsd"
    link.symlink_to(dataset_file)
    code, _out, err = run(capsys, "consolidate", link, dataset_file)
    assert code == 2
    assert digest(dataset_file) == before


def test_outputs_replace_an_earlier_file_whole(
    dataset_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.json"
    target.write_text("earlier", encoding="utf-8")
    assert run(capsys, "export", dataset_file, "--json", target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failing_writer_leaves_the_earlier_file_and_no_partial_one(tmp_path: Path) -> None:
    from desktop.atomic import replacing

    target = tmp_path / "report.pdf"
    target.write_bytes(b"the earlier report")
    with pytest.raises(RuntimeError), replacing(target) as temp:
        temp.write_bytes(b"half a rep")
        raise RuntimeError("the writer failed halfway")
    assert target.read_bytes() == b"the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_folder_target_and_an_unwritable_folder_are_clear_messages(tmp_path: Path) -> None:
    from desktop.atomic import OutputError, write_bytes

    with pytest.raises(OutputError, match="文件夹"):
        write_bytes(tmp_path, b"x")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="无法写入"):
        write_bytes(blocker / "inside.json", b"x")


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    from desktop.atomic import write_bytes

    target = write_bytes(tmp_path / "a.json", b"{}")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_during_an_export_never_leaves_a_broken_file_under_the_name(
    dataset_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the earlier report")
    command = [sys.executable, "-m", "desktop", "export", str(dataset_file), "--pdf", str(target)]
    for delay in (1.0, 2.5, 4.0):
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        content = target.read_bytes()
        assert content == b"the earlier report" or (content.startswith(b"%PDF") and b"%%EOF" in content[-64:])
