"""Issue 13 §6: the same consolidation written into a real PostgreSQL server (started here on
loopback) holds the same rows as the SQLite file; a server that already holds a dataset, or
cannot be reached, is a clear message with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.consolidation import template_bundle, unit_copy
from desktop.actions.consolidation import consolidate, summary_path
from desktop.models.server import stored_rows
from desktop.models.store import StoreError
from tests.consolidation_support import split_doc, unit_files
from tests.helpers import run_cli
from tests.postgres import Server, postgres_server

__all__ = ["split_doc"]  # the fixture, shared with the SQLite tests of units


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with postgres_server() as running:
        yield running


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Iterator[list[Path]]:
    folder = tmp_path_factory.mktemp("bundles")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUESUAN_DATA_DIR", str(folder / "appdata"))
        template = template_bundle(folder, sample_doc)
        yield [unit_copy(template, folder / f"{n}.zip", code=f"00{n}", name=f"单位{n}") for n in (1, 2, 3)]


def test_postgresql_holds_the_same_figures_as_sqlite(
    server: Server, bundles: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.create_database("same_figures")
    on_file = consolidate(tmp_path / "sum.jsd", bundles)
    code, printed, err = run_cli(
        capsys, "consolidate", tmp_path / "server" / "sum.jsd", *bundles, "--db", url
    )
    assert code == 0 and not err and f"数据库 {url}" in printed
    assert (
        not (tmp_path / "server" / "sum.jsd").exists()
        and summary_path(tmp_path / "server" / "sum.jsd").exists()
    )
    in_file, on_server = stored_rows(tmp_path / "sum.jsd"), stored_rows(url)
    assert len(in_file["cell"]) > 1000 and len(in_file["unit"]) == len(on_file.lines) * 4
    assert on_server == in_file


def test_a_department_entered_by_unit_is_the_same_on_postgresql(
    server: Server, split_doc: dict[str, Any], tmp_path: Path
) -> None:
    sources = unit_files(tmp_path, split_doc)
    url = server.create_database("by_unit")
    consolidate(tmp_path / "sum.jsd", sources)
    consolidate(tmp_path / "server" / "sum.jsd", sources, db=url)
    in_file, on_server = stored_rows(tmp_path / "sum.jsd"), stored_rows(url)
    assert len(in_file["unit_cell"]) > 1000  # each unit's own figures
    assert on_server == in_file


def test_a_database_that_holds_a_dataset_is_refused_unchanged(
    server: Server, bundles: list[Path], tmp_path: Path
) -> None:
    url = server.create_database("taken")
    consolidate(tmp_path / "a" / "sum.jsd", bundles[:1], db=url)
    before = stored_rows(url)
    with pytest.raises(StoreError, match="已有决算数据"):
        consolidate(tmp_path / "b" / "sum.jsd", bundles, db=url)
    assert stored_rows(url) == before and not summary_path(tmp_path / "b" / "sum.jsd").exists()


def test_an_unreachable_server_is_a_clear_message(bundles: list[Path], tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="无法连接数据库"):
        consolidate(tmp_path / "sum.jsd", bundles[:1], db="postgresql://nobody@127.0.0.1:1/none")
