"""Versioned schema migrations: an older file is brought up to date after a backup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee as pw
from playhouse.migrate import SqliteMigrator, migrate

from desktop.forms.edition import ROOT_EDITION
from desktop.models import perf_tree
from desktop.models.schema import SCHEMA_VERSION, Schema
from desktop.models.store.backups import backup
from desktop.models.store.files import ReadOnlyError, StoreError

EDITION_KEY = "edition"


def schema_version(schema: Schema) -> int:
    if not schema.db.table_exists("meta"):
        return 0
    row = schema.Meta.get_or_none(schema.Meta.key == "schema_version")
    text = str(row.value) if row else ""
    return int(text) if text.isascii() and text.isdigit() else 0


def _migrate_1_to_2(schema: Schema) -> None:
    """v2 keeps the values imported files give for computed cells, and links undo to redo."""
    migrator = SqliteMigrator(schema.db)
    schema.db.create_tables([schema.Declared])
    migrate(migrator.add_column("batch", "undo_batch", pw.IntegerField(null=True)))


def _migrate_2_to_3(schema: Schema) -> None:
    """v3 records the dataset's edition; every file made before editions is Sichuan 2020's."""
    schema.Meta.insert(key=EDITION_KEY, value=ROOT_EDITION).on_conflict_ignore().execute()


def _migrate_3_to_4(schema: Schema) -> None:
    """v4 stores the department's own 整体绩效评价 tree: a file with scores keeps the tree it was
    scored against, one without starts from the common framework."""
    perf_tree.ensure(schema, {m.key: m.value for m in schema.Meta.select()})


def _migrate_4_to_5(schema: Schema) -> None:
    """v5 gives each unit its 单位代码 and its own figures (a department entered unit by unit);
    an older file keeps its department-level figures and gains empty units' tables."""
    if "code" not in {c.name for c in schema.db.get_columns("unit")}:
        migrate(SqliteMigrator(schema.db).add_column("unit", "code", pw.TextField(default="")))
    schema.db.create_tables([schema.UnitCell], safe=True)


MIGRATIONS: dict[int, Callable[[Schema], None]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
    4: _migrate_4_to_5,
}


def use_wal(schema: Schema) -> None:
    schema.db.execute_sql("PRAGMA journal_mode=wal")


def fill_unjournaled(schema: Schema) -> None:
    """The journal in memory (a failed write still rolls back) and no syncs, for a file filled
    once and renamed into place only when whole (a consolidation's output): a crash leaves a
    temporary file that is removed, never a dataset, so what a journal on disk and syncs guard
    against cannot happen to it. Neither setting stays with the file: opening it makes it a
    dataset like any other (WAL, synced writes)."""
    schema.db.execute_sql("PRAGMA journal_mode=memory")
    schema.db.execute_sql("PRAGMA synchronous=off")


def initialise(schema: Schema, edition: str) -> None:
    with schema.db.atomic():
        schema.db.create_tables(schema.tables)
        schema.Meta.replace(key="schema_version", value=str(SCHEMA_VERSION)).execute()
        schema.Meta.replace(key=EDITION_KEY, value=edition).execute()
        perf_tree.ensure(schema, {})  # a new file starts from the common framework


def edition_id(schema: Schema) -> str:
    row = schema.Meta.get_or_none(schema.Meta.key == EDITION_KEY)
    return str(row.value) if row else ROOT_EDITION


def upgrade(schema: Schema, path: Path, *, read_only: bool = False) -> None:
    """Bring an older file up to date, after a backup (a read-only file must be current)."""
    version = schema_version(schema)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path.name} 由更新版本的决算填报助手创建（格式 {version}），请升级本软件后再打开。"
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        raise StoreError(f"{path.name} 不是决算填报助手的数据文件。")
    if read_only:
        raise ReadOnlyError(
            f"{path.name} 由旧版本创建，需要升级格式才能打开，但它是只读的："
            "请把它复制到可写的文件夹后再打开。"
        )
    assert isinstance(schema.db, pw.SqliteDatabase)  # a file's (a server's tables are only copied into)
    backup(schema.db, path, reason=f"v{version}")
    with schema.db.atomic():
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](schema)
        schema.Meta.replace(key="schema_version", value=str(SCHEMA_VERSION)).execute()
