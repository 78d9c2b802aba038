"""A tiny file system of its own for the full-disk and read-only tests: a tmpfs mounted by
the test (tests run as root, here and in CI) and removed afterwards."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"mount {' '.join(args)} failed (the hardening tests run as root): {done.stderr}")


@contextmanager
def tiny_fs(folder: Path, size_kb: int) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def set_read_only(folder: Path, read_only: bool = True) -> None:
    _mount("-o", f"remount,{'ro' if read_only else 'rw'}", str(folder))


def fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the file system up to `leave_bytes` free (a filler file the test may remove)."""
    import os

    filler = folder / "filler.bin"
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(free - leave_bytes, 0))
    return filler


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB file system."""
    with tiny_fs(tmp_path / "disk", 8 * 1024) as folder:
        yield folder
