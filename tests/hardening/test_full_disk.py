"""Issue 16 §7: every write path on a tiny file system the test mounts, filled up or made
read-only: a clear message, no corruption, no partial or 0-byte file, and backup rotation
that keeps only good backups."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.models import store
from desktop.models.dataset import Dataset
from desktop.models.store import StoreError
from tests.conftest import shared_path
from tests.hardening.conftest import fill, set_read_only
from tests.helpers import sample_dataset

SAMPLE_JSON = shared_path("datasets", "xiqu-czj-2020.json")


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    sample_dataset(folder, sample_doc).close()
    return folder / "sample.jsd"


@pytest.fixture
def on_disk(small_disk: Path, sample_file: Path) -> Iterator[Path]:
    """The sample copied (closed, no journal) onto the small disk."""
    path = small_disk / "a.jsd"
    shutil.copyfile(sample_file, path)
    yield path


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def sound(path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()


def good_backup(path: Path) -> bool:
    """A whole dataset: SQLite reads it and finds it sound."""
    return path.stat().st_size > 0 and sound(path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Partial files: temporaries, journals, empty files."""
    return sorted(
        p.name for p in folder.rglob("*") if p.is_file() and (p.name.startswith(".") or p.stat().st_size == 0)
    )


def test_a_typed_edit_on_a_full_disk_is_refused_and_loses_nothing(on_disk: Path) -> None:
    with Dataset.open(on_disk) as dataset:
        before = dataset.number("G05.2010601.basic")
        filler = fill(on_disk.parent, 0)
        with pytest.raises(StoreError, match="磁盘空间不足"):
            dataset.set("G05.2010601.basic", "123.45")
        assert dataset.number("G05.2010601.basic") == before  # memory follows the file
        filler.unlink()
        dataset.set("G05.2010601.basic", "7")  # space again: editing goes on
    assert sound(on_disk)
    with Dataset.open(on_disk) as dataset:
        assert dataset.number("G05.2010601.basic") == Decimal(7)


def test_cli_set_on_a_full_disk_exits_2_with_the_reason(
    on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = fill(on_disk.parent, 0)
    code, _out, err = run(capsys, "set", on_disk, "G05.2010601.basic", "1")
    assert code == 2 and "磁盘空间不足" in err and "Traceback" not in err
    with Dataset.open(on_disk) as dataset:  # the disk still full: it opens, as it was
        assert dataset.number("G05.2010601.basic") != 1
    filler.unlink()
    assert sound(on_disk)


def test_new_on_a_full_disk_leaves_no_file(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(small_disk, 0)
    code, _out, err = run(capsys, "new", small_disk / "n.jsd", "--unit", "测试", "--year", "2020")
    assert code == 2 and "Traceback" not in err and err.startswith("错误：")
    assert not list(small_disk.glob("n.jsd*"))


def test_an_import_whose_backup_does_not_fit_is_refused_whole(
    on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(on_disk)
    filler = fill(on_disk.parent, on_disk.stat().st_size // 2)
    code, _out, err = run(capsys, "import", on_disk, SAMPLE_JSON, "--replace")
    assert code == 2 and "无法备份" in err and "磁盘空间不足" in err
    filler.unlink()
    assert digest(on_disk) == before and sound(on_disk)
    assert leftovers(on_disk.parent) == []  # no 0-byte backup, no temporary file


def test_an_import_that_fills_the_disk_after_its_backup_lands_nothing(
    on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Dataset.open(on_disk) as dataset:
        figures = dict(dataset.calc().inputs)
    filler = fill(on_disk.parent, on_disk.stat().st_size + 64 * 1024)  # room for the backup only
    other = shared_path("datasets", "xiqu-xzspj-2020.json")  # another department's: --force
    code, _out, err = run(capsys, "import", on_disk, other, "--replace", "--force")
    assert code == 2 and "磁盘空间不足" in err
    filler.unlink()
    assert sound(on_disk)
    with Dataset.open(on_disk) as dataset:
        assert dict(dataset.calc().inputs) == figures
    assert all(good_backup(b) for b in store.backup_folder(on_disk).glob("*.jsd"))


def test_rotation_keeps_only_good_backups(on_disk: Path) -> None:
    folder = store.backup_folder(on_disk)
    folder.mkdir()
    (folder / "a-00000000-000000-000000-import.jsd").write_bytes(b"")  # a 0-byte one from an old failure
    (folder / "a-00000000-000000-000001-import.jsd").write_bytes(b"SQLite format 3\0" + b"\0" * 50)  # cut off
    with Dataset.open(on_disk) as dataset:
        for _ in range(store.KEEP_BACKUPS + 2):
            dataset.backup("test")
        good = sorted(folder.glob("*.jsd"))
        assert len(good) == store.KEEP_BACKUPS and all(good_backup(b) for b in good)
        filler = fill(on_disk.parent, 0)
        with pytest.raises(StoreError, match="无法备份"):
            dataset.backup("full")
        filler.unlink()
    assert sorted(folder.glob("*.jsd")) == good  # a failed backup pushed nothing out
    assert leftovers(on_disk.parent) == []


@pytest.mark.parametrize("option", ["--json", "--xlsx", "--pdf", "--bundle"])
def test_an_export_on_a_full_disk_keeps_the_earlier_file(
    option: str, sample_file: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = small_disk / f"out{option.replace('--', '.')}"
    target.write_bytes(b"the earlier output")
    fill(small_disk, 0)
    code, _out, err = run(capsys, "export", sample_file, option, target, "--force")
    assert code == 2 and "磁盘空间不足" in err and "Traceback" not in err
    assert target.read_bytes() == b"the earlier output"
    assert leftovers(small_disk) == []


def test_an_export_into_a_read_only_folder_is_a_clear_message(
    sample_file: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_read_only(small_disk)
    code, _out, err = run(capsys, "export", sample_file, "--json", small_disk / "out.json")
    assert code == 2 and "只读" in err and not (small_disk / "out.json").exists()


def test_consolidate_on_a_full_disk_leaves_no_dataset(
    sample_file: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(small_disk, 32 * 1024)
    code, _out, err = run(capsys, "consolidate", small_disk / "sum.jsd", sample_file)
    assert code == 2 and "Traceback" not in err
    assert leftovers(small_disk) == [] and not list(small_disk.glob("sum.jsd*"))
