"""Backups: copies of a dataset taken with SQLite's backup API before anything risky."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import peewee as pw

from desktop.atomic import OutputError, Protected, replacing
from desktop.models.store.files import SQLITE_HEADER, SUFFIX, StoreError, backup_folder, sqlite_reason

KEEP_BACKUPS = 10


def is_good_backup(path: Path) -> bool:
    """A backup worth keeping: a whole SQLite file, not an empty or cut-off one."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return False
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        return False
    raw_page = int.from_bytes(head[16:18], "big")
    page = 65536 if raw_page == 1 else raw_page
    pages = int.from_bytes(head[28:32], "big")
    return path.stat().st_size >= page * max(pages, 1)


def backup(db: pw.SqliteDatabase, path: Path, reason: str = "", protected: Protected | None = None) -> Path:
    """Copy the open database with SQLite's backup API into a temporary file, flushed and
    renamed into place; then keep the newest KEEP_BACKUPS good backups. A failed backup
    (a full disk) leaves nothing behind and removes no good backup: StoreError."""
    folder = backup_folder(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{'-' + reason if reason else ''}{SUFFIX}"
    try:
        with replacing(target, protected) as temp:
            dest = sqlite3.connect(temp)
            try:
                db.connection().backup(dest)
            finally:
                dest.close()
    except sqlite3.Error as exc:
        raise StoreError(f"无法备份 {path.name}：{sqlite_reason(exc)}。未做任何修改。") from exc
    except OutputError as exc:
        raise StoreError(f"无法备份 {path.name}（{exc}）未做任何修改。") from exc
    _rotate(folder)
    return target


def _rotate(folder: Path) -> None:
    """Only good backups count: a broken one never pushes a good one out of the rotation."""
    backups = sorted(folder.glob(f"*{SUFFIX}"))
    good = [b for b in backups if is_good_backup(b)]
    for old in [b for b in backups if b not in good] + good[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
