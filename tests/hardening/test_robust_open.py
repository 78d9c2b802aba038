"""Issue 16 §6: a damaged, truncated, foreign, future-version or read-only .jsd gives a clear
message; a read-only file opens read-only with editing disabled, and says so; the CLI never
prints a traceback for a user's file (`--debug` does)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.dataset import Dataset
from desktop.models.store import StoreError
from tests.hardening.conftest import set_read_only, tiny_fs
from tests.helpers import sample_dataset


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, object]) -> Path:
    folder = tmp_path_factory.mktemp("good")
    sample_dataset(folder, sample_doc).close()  # type: ignore[arg-type]
    return folder / "sample.jsd"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 3]


def _pages_overwritten(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + bytes(range(256)) * 16 + raw[middle + 4096 :]


def _header_broken(raw: bytes) -> bytes:
    return b"SQLite format 2\0" + raw[16:]


def _page_size_broken(raw: bytes) -> bytes:
    return raw[:16] + b"\x00\x03" + raw[18:]


def _schema_text_broken(raw: bytes) -> bytes:
    """A byte of the stored table definitions that is no UTF-8 (found by the fuzzer)."""
    at = raw.index(b"REFERENCES")
    return raw[:at] + b"\xff" + raw[at + 1 :]


BYTE_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "schema text broken": _schema_text_broken,
    "truncated": _truncated,
    "pages overwritten": _pages_overwritten,
    "header broken": _header_broken,
    "page size broken": _page_size_broken,
    "empty": lambda raw: b"",
    "a zip": lambda raw: b"PK\x03\x04" + raw[4:200],
    "text": lambda raw: "这不是数据文件".encode(),
}


@pytest.mark.parametrize("damage", sorted(BYTE_DAMAGE))
def test_a_damaged_file_is_a_clear_message(
    damage: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.jsd"
    path.write_bytes(BYTE_DAMAGE[damage](good.read_bytes()))
    with pytest.raises(StoreError):
        Dataset.open(path).close()
    for command in ("validate", "get"):
        args = [command, path] + (["G05.201.basic"] if command == "get" else [])
        code, _out, err = run(capsys, *args)
        assert code == 2 and err.startswith("错误：") and "Traceback" not in err


def _sql(statement: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        connection = sqlite3.connect(path)
        connection.executescript(statement)
        connection.close()

    return change


CONTENT_DAMAGE = {
    "future version": (_sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'"), "更新版本"),
    "version garbage": (_sql("UPDATE meta SET value = 'x' WHERE key = 'schema_version'"), "不是决算填报助手"),
    "foreign": (_sql("DROP TABLE meta"), "不是决算填报助手"),
    "table gone": (_sql("DROP TABLE cell"), "已损坏"),
    "unit table changed": (_sql("ALTER TABLE unit DROP COLUMN kind"), "已损坏"),
    "row position garbage": (_sql("UPDATE row_entry SET position = 'x'"), "已损坏"),
    "unit blob": (_sql("UPDATE unit SET name = x'00ff'"), "已损坏"),
}


@pytest.mark.parametrize("damage", sorted(CONTENT_DAMAGE))
def test_damaged_content_is_a_clear_message_or_opens(
    damage: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "changed.jsd"
    shutil.copyfile(good, path)
    change, message = CONTENT_DAMAGE[damage]
    change(path)
    code, _out, err = run(capsys, "validate", path)
    assert "Traceback" not in err
    if code == 2:
        assert message in err, err
    else:  # what it could read, it shows: the findings of what is there
        with Dataset.open(path) as dataset:
            assert dataset.findings() is not None


@pytest.mark.parametrize("edition", ["beijing-2030", "../../etc", ""])
def test_an_edition_this_app_lacks_is_a_clear_message(
    edition: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "other.jsd"
    shutil.copyfile(good, path)
    _sql(f"UPDATE meta SET value = '{edition}' WHERE key = 'edition'")(path)
    before = path.read_bytes()
    code, _out, err = run(capsys, "validate", path)
    assert code == 2 and f"未知的版本“{edition}”" in err and "更新版本" in err and "Traceback" not in err
    with pytest.raises(StoreError, match="可用的版本：shanghai-2024、sichuan-2020"):
        Dataset.open(path)
    assert path.read_bytes() == before
    _sql("UPDATE meta SET value = 'sichuan-2020' WHERE key = 'edition'")(path)
    with Dataset.open(path) as dataset:
        assert dataset.edition.id == "sichuan-2020"


def test_stored_values_that_are_no_amounts_open_as_findings_and_can_be_fixed(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "values.jsd"
    shutil.copyfile(good, path)
    _sql(
        "UPDATE cell SET value = '111111111111111111111111111' WHERE cell = 'G05.2010601.basic';"
        "UPDATE cell SET value = 'NaN' WHERE cell = 'G05.2010601.project';"
        "UPDATE declared SET value = 'Infinity';"
        "INSERT OR REPLACE INTO meta VALUES ('threshold', '1e999');"
        "UPDATE meta SET value = '二〇二〇' WHERE key = 'year';"
    )(path)
    code, out, err = run(capsys, "validate", path)
    assert code == 1 and "Traceback" not in err
    assert out.count("stored.invalid") == 1 and "111111111111111111111111111" in out and "NaN" in out
    for command in ("narrative",):
        code, _out, err = run(capsys, command, path)
        assert code == 0 and "Traceback" not in err
    assert run(capsys, "export", path, "--xlsx", tmp_path / "x.xlsx")[0] == 0
    for year in ([], ["--prior"]):  # the damage is in both years
        assert run(capsys, "set", path, "G05.2010601.basic", "12.5", *year)[0] == 0
        assert run(capsys, "set", path, "G05.2010601.project", "", *year)[0] == 0
    code, out, _err = run(capsys, "validate", path)
    assert "stored.invalid" not in out


def test_a_typed_27_digit_amount_is_refused_and_the_file_keeps_opening(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typed.jsd"
    shutil.copyfile(good, path)
    code, _out, err = run(capsys, "set", path, "G05.2010601.basic", "1" * 27)
    assert code == 2 and "10¹⁵" in err
    with Dataset.open(path) as dataset:
        with pytest.raises(ValueError, match="10¹⁵"):
            dataset.set_many({"G05.2010601.basic": "1", "G05.2010601.project": "9" * 16})
        assert dataset.number("G05.2010601.basic") != 1  # a paste is all or nothing
    assert run(capsys, "narrative", path)[0] == 0


def test_a_read_only_file_opens_read_only_and_says_so(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_fs(tmp_path / "ro", 8 * 1024) as folder:
        path = folder / "sample.jsd"
        shutil.copyfile(good, path)
        set_read_only(folder)
        with Dataset.open(path) as dataset:
            assert dataset.read_only and dataset.has_figures()
            with pytest.raises(StoreError, match="只读"):
                dataset.set("G05.2010601.basic", "1")
        code, out, err = run(capsys, "get", path, "G05.201.basic")
        assert code == 0 and out.strip() and "只读" in err
        code, _out, err = run(capsys, "set", path, "G05.2010601.basic", "1")
        assert code == 2 and "只读" in err
        code, _out, err = run(capsys, "export", path, "--json", tmp_path / "out.json")
        assert code == 0 and (tmp_path / "out.json").exists()
        code, _out, err = run(capsys, "import", path, tmp_path / "out.json", "--replace")
        assert code == 2 and "只读" in err


def test_debug_shows_the_traceback_and_the_default_never_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "zero.jsd"
    path.write_bytes(b"x" * 5000)
    code, _out, err = run(capsys, "validate", path)
    assert code == 2 and "Traceback" not in err
    with pytest.raises(StoreError):
        main(["--debug", "validate", str(path)])
