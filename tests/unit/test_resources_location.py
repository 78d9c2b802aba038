"""The data folder is found from the package: inside it when installed or frozen, beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.resources import BUNDLED, RESOURCES, locate
from tests.conftest import ROOT


def test_a_checkout_reads_the_repository_folder() -> None:
    assert RESOURCES == ROOT / "resources"
    assert (RESOURCES / "editions" / "sichuan-2020" / "forms").is_dir()


def test_an_installed_package_reads_its_own_copy_first(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "desktop"
    (package / BUNDLED / "forms").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()  # someone else's folder: never used
    assert locate(package) == package / BUNDLED


def test_a_checkout_without_an_installed_copy_reads_the_folder_beside_the_package(tmp_path: Path) -> None:
    (tmp_path / "desktop").mkdir()
    (tmp_path / "resources").mkdir()
    assert locate(tmp_path / "desktop") == tmp_path / "resources"


def test_no_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "desktop").mkdir()
    (tmp_path / "resources").write_text("a file, not the folder", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="程序的数据文件夹缺失"):
        locate(tmp_path / "desktop")
