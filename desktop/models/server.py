"""A dataset on a database server (PostgreSQL, through peewee's PostgreSQL backend): the
province's consolidation writes there. The tables are the dataset file's (desktop.models.schema),
created in an empty database and filled from a finished dataset file row for row, in one
transaction: the server holds the same figures as the file, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import peewee as pw
from playhouse.db_url import connect as connect_url

from desktop.models.schema import Schema
from desktop.models.store import StoreError, connect

SCHEMES = ("postgresql://", "postgres://")
_CHUNK = 1000  # rows per INSERT


def is_server_url(target: str) -> bool:
    return target.startswith(SCHEMES)


def _server(url: str) -> tuple[pw.Database, Schema]:
    if not is_server_url(url):
        raise StoreError(f"不支持的数据库地址 {url}：请写成 postgresql://用户@主机:端口/数据库")
    try:
        db = connect_url(url)
        db.connect()
    except pw.OperationalError as exc:
        raise StoreError(f"无法连接数据库 {_shown(url)}：{str(exc).strip()[:300]}") from exc
    return db, Schema(db)


def _shown(url: str) -> str:
    """The address without a password."""
    head, _, tail = url.rpartition("@")
    return f"{head.split(':', 2)[0]}:…@{tail}" if head.count(":") >= 2 else url


def copy_to_server(path: Path, url: str) -> int:
    """Copy the dataset file's every row into the empty database at `url`; the rows copied.
    StoreError when the database cannot be reached or already holds a dataset."""
    source_db, source = connect(path, read_only=True)
    db, target = _server(url)
    try:
        if db.table_exists(target.Meta._meta.table_name):
            raise StoreError(f"数据库 {_shown(url)} 中已有决算数据：请指定一个空数据库，原有数据未被改动。")
        with db.atomic():
            db.create_tables(target.tables)
            return sum(_copy(model, into) for model, into in zip(source.tables, target.tables, strict=True))
    except pw.DatabaseError as exc:
        raise StoreError(f"写入数据库 {_shown(url)} 失败，已撤销：{str(exc).strip()[:300]}") from exc
    finally:
        db.close()
        source_db.close()


def _copy(model: Any, into: Any) -> int:
    rows = list(model.select().dicts())
    for start in range(0, len(rows), _CHUNK):
        into.insert_many(rows[start : start + _CHUNK]).execute()
    if rows and isinstance(model._meta.primary_key, pw.AutoField):  # the next id follows the copied ones
        table, column = into._meta.table_name, into._meta.primary_key.column_name
        sequence = f"pg_get_serial_sequence('\"{table}\"', '{column}')"
        into._meta.database.execute_sql(f'SELECT setval({sequence}, (SELECT MAX("{column}") FROM "{table}"))')
    return len(rows)


def stored_rows(target: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (the change log's times aside), sorted: what comparing a file with
    a server looks at."""
    db, schema = _server(str(target)) if is_server_url(str(target)) else connect(Path(target), read_only=True)
    try:
        return {
            model._meta.table_name: sorted(
                tuple(str(v) for k, v in row.items() if k != "time") for row in model.select().dicts()
            )
            for model in schema.tables
        }
    finally:
        db.close()
