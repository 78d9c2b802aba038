"""Writing a file so that it never destroys what was there: every output (Excel, PDF, JSON,
bundle, consolidated dataset, backup) is written to a temporary file in the target's folder,
flushed to disk and renamed over the target. A failure at any point (a full disk, no
permission, a crash) leaves the earlier file as it was and no partial file behind.

A target that is an input of the same run (the open dataset, its backups, a source) is
refused before anything is written, compared by file identity, not by name.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

# path → what it is, for the message ("打开的数据文件", "备份文件夹", "汇总的来源" …)
Protected = Mapping[Path, str]
PART = ".part"

_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已满",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.EISDIR: "目标是一个文件夹",
    errno.ENAMETOOLONG: "文件名太长",
}


class OutputError(Exception):
    """A file that was not written; the message (Chinese) says why and that nothing changed."""


def reason(exc: OSError) -> str:
    """Why a write failed, in the clerk's words."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def write_failed(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"无法写入 {target}：{reason(exc)}。原有文件未被改动，也没有留下不完整的文件。")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _inside(target: Path, folder: Path) -> bool:
    return folder.is_dir() and target.resolve().is_relative_to(folder.resolve())


def check_target(target: Path, protected: Protected | None = None) -> None:
    """Refuse a target that is a folder, or that is (or lies in) one of `protected`."""
    target = Path(target)
    for path, what in (protected or {}).items():
        if _same_file(target, path) or target.resolve() == Path(path).resolve() or _inside(target, path):
            raise OutputError(
                f"不能写入 {target}：它是{what}（{path}），写入会毁掉它。请换一个文件名或位置。"
            )
    if target.is_dir():
        raise OutputError(f"不能写入 {target}：它是一个文件夹。请指定文件名。")


def check_distinct(targets: Mapping[str, Path]) -> None:
    """Outputs of one run must be different files (`--xlsx a.x --pdf a.x` would lose one)."""
    seen: dict[Path, str] = {}
    for name, target in targets.items():
        key = Path(target).resolve()
        if key in seen:
            raise OutputError(
                f"{seen[key]} 与 {name} 指向同一个文件 {target}：请为每种输出指定不同的文件名。"
            )
        seen[key] = name


def _fsync(path: Path, *, folder: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        if folder:  # some systems cannot open a folder: the rename is still atomic
            return
        raise
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _temporary(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART, dir=target.parent)
    os.close(handle)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
    return Path(name)


@contextmanager
def replacing(target: Path, protected: Protected | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `target` for the caller to write; then flush it and
    rename it over `target`. OutputError (nothing changed, nothing left) on an OS failure."""
    target = Path(target)
    check_target(target, protected)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = _temporary(target)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
        _fsync(target.parent, folder=True)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise write_failed(target, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, payload: bytes, protected: Protected | None = None) -> Path:
    """Write `payload` to `target` atomically (see `replacing`)."""
    with replacing(target, protected) as temp:
        temp.write_bytes(payload)
    return Path(target)
