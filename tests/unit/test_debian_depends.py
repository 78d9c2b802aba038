"""installer/debian_depends.py: the .deb's Depends read from real ELF files with ldd and dpkg."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import ModuleType

import PySide6
import pytest

from tests.conftest import ROOT
from tests.helpers import load_script

LS = Path(shutil.which("ls") or "/usr/bin/ls")


@pytest.fixture(scope="module")
def debian() -> ModuleType:
    return load_script(ROOT / "installer" / "debian_depends.py")


def glibc_versions(path: Path) -> set[str]:
    return {m.decode() for m in re.findall(rb"GLIBC_(\d+\.\d+(?:\.\d+)?)\x00", path.read_bytes())}


def test_a_program_depends_on_the_packages_of_the_libraries_it_links(
    debian: ModuleType, tmp_path: Path
) -> None:
    shutil.copy2(LS, tmp_path / "ls")
    newest = max(glibc_versions(LS), key=lambda v: tuple(map(int, v.split("."))))
    assert debian.depends(tmp_path) == f"libc6 (>= {newest}), libpcre2-8-0, libselinux1"


def test_a_library_carried_in_the_folder_is_no_dependency(debian: ModuleType, tmp_path: Path) -> None:
    shutil.copy2(LS, tmp_path / "ls")
    (selinux,) = (p for p in debian.external_libraries(tmp_path) if p.name == "libselinux.so.1")
    (tmp_path / "lib").mkdir()
    shutil.copy2(selinux.resolve(), tmp_path / "lib" / "libselinux.so.1")
    assert debian.depends(tmp_path).split(", ")[1:] == ["libpcre2-8-0"]  # what the carried copy links to


def test_a_library_missing_from_folder_and_machine_is_an_error(debian: ModuleType, tmp_path: Path) -> None:
    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore.*.so"))
    shutil.copy2(qtcore, tmp_path / qtcore.name)  # without libpyside6 and Qt beside it
    with pytest.raises(debian.DependsError, match=r"QtCore.*not found"):
        debian.depends(tmp_path)


def test_text_files_are_not_read_as_programs(debian: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "notes.so.txt").write_text("not a library", encoding="utf-8")
    shutil.copy2(LS, tmp_path / "ls")
    assert debian.elf_files(tmp_path) == [tmp_path / "ls"]
