"""Making a new dataset file and opening an existing one: every check before the file is
used, the read-only fallback, the migration of older files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee as pw

from desktop.atomic import reason
from desktop.models.schema import Schema
from desktop.models.store.files import (
    FileInUseError,
    StoreError,
    cannot_write,
    check_header,
    check_sound,
    connect,
    damaged,
    writable,
)
from desktop.models.store.migrations import fill_unjournaled, initialise, upgrade, use_wal


def new_file(path: Path, edition: str, *, scratch: bool = False) -> tuple[pw.SqliteDatabase, Schema]:
    """An empty dataset file of `edition`; nothing left behind when making it fails. `scratch`:
    one the caller renames into place only when whole (`fill_unjournaled`)."""
    if path.exists():
        raise StoreError(f"文件 {path} 已存在，请换一个文件名。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db, schema = connect(path)
    except OSError as exc:
        raise StoreError(f"无法新建 {path}：{reason(exc)}。") from exc
    except StoreError:
        remove_file(path)
        raise
    try:
        if scratch:
            fill_unjournaled(schema)
        else:
            use_wal(schema)
        initialise(schema, edition)
    except BaseException as exc:
        db.close()
        remove_file(path)
        if isinstance(exc, (pw.DatabaseError, sqlite3.Error)):
            raise StoreError(f"无法新建 {path}：{exc}。未留下不完整的文件。") from exc
        raise
    return db, schema


def open_file(path: Path) -> tuple[pw.SqliteDatabase, Schema, bool]:
    """The file's database, checked and brought up to date, and whether it is read-only
    (the file or its folder cannot be written). StoreError for a file that is missing,
    damaged, foreign, from a newer version or in use."""
    if not path.is_file():
        raise StoreError(f"找不到数据文件 {path}。" if not path.exists() else f"{path} 不是文件。")
    check_header(path)
    read_only = not writable(path)
    try:
        db, schema = connect(path, read_only=read_only)
    except FileInUseError:
        raise
    except StoreError as exc:
        if read_only or not cannot_write(exc.__cause__ or exc):
            raise
        read_only = True
        db, schema = connect(path, read_only=True)
    try:
        check_sound(schema, path)
        upgrade(schema, path, read_only=read_only)
        if not read_only:
            use_wal(schema)
    except StoreError:
        db.close()
        raise
    except Exception as exc:  # whatever a damaged file makes the checks trip over
        db.close()
        raise damaged(path, exc) from exc
    return db, schema, read_only


def remove_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
