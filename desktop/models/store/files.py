"""Opening a dataset file safely: pragmas, the single-writer lock, read-only files, damage checks."""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

import peewee as pw

from desktop.models.schema import Schema

SUFFIX = ".jsd"
# Exclusive locking: the first process holds the file until it closes it, so a second
# window or a CLI run is refused instead of writing beside it. The OS releases the lock
# when a process dies, so a crash never leaves a stale lock behind. WAL is switched on
# (`use_wal`) only once the file is known to be ours: a refused file is left as it was.
PRAGMAS = {
    "locking_mode": "exclusive",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: an accepted edit survives a power cut
    "busy_timeout": 200,
}
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "query_only": 1}
SQLITE_HEADER = b"SQLite format 3\x00"
# Errors SQLite gives when the file or its folder cannot be written.
_READ_ONLY_SIGNS = ("readonly", "read-only", "disk i/o error", "unable to open")


class StoreError(Exception):
    """The file cannot be used; the message tells the clerk why and what to do (Chinese)."""


class FileInUseError(StoreError):
    pass


class ReadOnlyError(StoreError):
    """A change asked of a dataset opened read-only."""


def read_only_message(path: Path) -> str:
    return (
        f"数据文件 {path.name} 是只读的（文件或所在文件夹不可写入），已以只读方式打开：可以查看和导出，"
        "不能修改。如需修改，请把它复制到可写的文件夹后再打开。"
    )


def damaged(path: Path, detail: object = "") -> StoreError:
    extra = f"（{detail}）" if detail else ""
    return StoreError(
        f"数据文件 {path.name} 已损坏或不完整{extra}，无法打开。"
        f"可在文件夹 {backup_folder(path).name} 中找到自动备份，复制一份改名后打开。"
    )


def writable(path: Path) -> bool:
    """Whether the file and its folder can be written (SQLite writes its journal beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect(path: Path, *, read_only: bool = False) -> tuple[pw.SqliteDatabase, Schema]:
    if read_only:
        return _connect_read_only(path)
    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        # Take the write lock now, not at the first edit.
        db.execute_sql("BEGIN IMMEDIATE")
        db.execute_sql("COMMIT")
    except pw.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise FileInUseError(
                f"数据文件 {path.name} 已在另一个窗口或程序中打开。请先关闭那里的文件，再重试。"
            ) from exc
        raise StoreError(f"无法打开数据文件 {path.name}：{exc}") from exc
    except pw.DatabaseError as exc:
        db.close()
        raise StoreError(f"{path.name} 不是有效的决算数据文件（{exc}）。") from exc
    except (UnicodeError, ValueError) as exc:  # a damaged header's text encoding
        db.close()
        raise damaged(path, exc) from exc
    return db, Schema(db)


def sqlite_reason(exc: BaseException) -> str:
    """Why SQLite could not write, in the clerk's words. A full disk makes SQLite roll back by
    itself, so the error seen last may be the failed rollback: the whole chain is read."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__context__ or current.__cause__
    text = " ".join(str(e).lower() for e in chain)
    for sign, reason in (("full", "磁盘空间不足"), ("readonly", "文件不可写入"), ("i/o", "磁盘读写出错")):
        if sign in text:
            return reason
    return str(exc)


def cannot_write(exc: BaseException) -> bool:
    """Whether an error opening a file says that it cannot be written."""
    return any(sign in str(exc).lower() for sign in _READ_ONLY_SIGNS)


def _connect_read_only(path: Path) -> tuple[pw.SqliteDatabase, Schema]:
    """Read-only: SQLite's `mode=ro`, or `immutable` where even its journal cannot be made
    (a read-only disk)."""
    uri = "file:" + urllib.parse.quote(str(path.resolve()))
    last: Exception | None = None
    for query in ("mode=ro", "mode=ro&immutable=1"):
        db = pw.SqliteDatabase(f"{uri}?{query}", uri=True, pragmas=READ_ONLY_PRAGMAS)
        try:
            db.connect()
            db.execute_sql("SELECT count(*) FROM sqlite_master")
            return db, Schema(db)
        except (pw.DatabaseError, UnicodeError, ValueError) as exc:
            db.close()
            last = exc
    raise StoreError(f"无法以只读方式打开数据文件 {path.name}：{last}")


def check_header(path: Path) -> None:
    """Refuse, before SQLite sees it, a file that cannot be a dataset: SQLite would take an
    empty or tiny file for a new database and write into it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise StoreError(f"无法读取数据文件 {path.name}：{exc.strerror or exc}") from exc
    if not head:
        raise StoreError(f"数据文件 {path.name} 是一个空文件（0 字节），不是决算数据。")
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        raise StoreError(f"{path.name} 不是决算填报助手的数据文件，或已损坏（文件开头不对）。")


def check_sound(schema: Schema, path: Path) -> None:
    """SQLite's own page check: a damaged file is refused at the door, not mid-edit."""
    try:
        rows = schema.db.execute_sql("PRAGMA quick_check").fetchall()
    except pw.DatabaseError as exc:
        raise damaged(path, exc) from exc
    if rows != [("ok",)]:
        raise damaged(path, rows[0][0] if rows else "")


def backup_folder(path: Path) -> Path:
    return path.with_name(path.name + ".backups")
