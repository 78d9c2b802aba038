"""Opening a dataset file safely: pragmas, the single-writer lock, migrations, backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee as pw
from playhouse.migrate import SqliteMigrator, migrate

from desktop.forms.edition import ROOT_EDITION
from desktop.models.schema import SCHEMA_VERSION, Schema

SUFFIX = ".jsd"
EDITION_KEY = "edition"
KEEP_BACKUPS = 10
# Exclusive locking: the first process holds the file until it closes it, so a second
# window or a CLI run is refused instead of writing beside it. The OS releases the lock
# when a process dies, so a crash never leaves a stale lock behind.
PRAGMAS = {
    "locking_mode": "exclusive",
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: an accepted edit survives a power cut
    "busy_timeout": 200,
}


class StoreError(Exception):
    """The file cannot be used; the message tells the clerk why and what to do (Chinese)."""


class FileInUseError(StoreError):
    pass


def connect(path: Path) -> tuple[pw.SqliteDatabase, Schema]:
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
    return db, Schema(db)


def schema_version(schema: Schema) -> int:
    if not schema.db.table_exists("meta"):
        return 0
    row = schema.Meta.get_or_none(schema.Meta.key == "schema_version")
    return int(row.value) if row else 0


def _migrate_1_to_2(schema: Schema) -> None:
    """v2 keeps the values imported files give for computed cells, and links undo to redo."""
    migrator = SqliteMigrator(schema.db)
    schema.db.create_tables([schema.Declared])
    migrate(migrator.add_column("batch", "undo_batch", pw.IntegerField(null=True)))


def _migrate_2_to_3(schema: Schema) -> None:
    """v3 records the dataset's edition; every file made before editions is Sichuan 2020's."""
    schema.Meta.insert(key=EDITION_KEY, value=ROOT_EDITION).on_conflict_ignore().execute()


MIGRATIONS: dict[int, Callable[[Schema], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def initialise(schema: Schema, edition: str) -> None:
    with schema.db.atomic():
        schema.db.create_tables(schema.tables)
        schema.Meta.replace(key="schema_version", value=str(SCHEMA_VERSION)).execute()
        schema.Meta.replace(key=EDITION_KEY, value=edition).execute()


def edition_id(schema: Schema) -> str:
    row = schema.Meta.get_or_none(schema.Meta.key == EDITION_KEY)
    return str(row.value) if row else ROOT_EDITION


def upgrade(schema: Schema, path: Path) -> None:
    """Bring an older file up to date, after a backup."""
    version = schema_version(schema)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path.name} 由更新版本的决算填报助手创建（格式 {version}），请升级本软件后再打开。"
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        raise StoreError(f"{path.name} 不是决算填报助手的数据文件。")
    backup(schema.db, path, reason=f"v{version}")
    with schema.db.atomic():
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](schema)
        schema.Meta.replace(key="schema_version", value=str(SCHEMA_VERSION)).execute()


def backup_folder(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def backup(db: pw.SqliteDatabase, path: Path, reason: str = "") -> Path:
    """Copy the open database with SQLite's backup API; keep the newest KEEP_BACKUPS."""
    folder = backup_folder(path)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{'-' + reason if reason else ''}{SUFFIX}"
    dest = sqlite3.connect(target)
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    for old in sorted(folder.glob(f"*{SUFFIX}"))[:-KEEP_BACKUPS]:
        old.unlink()
    return target
