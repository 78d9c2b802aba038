"""Reading a submission bundle (zip) safely, in memory: member names that could escape a
folder (absolute, drive letters, `..`), duplicates, links and folders are refused, and no
member is read beyond the sizes the limits allow (zip bombs). Nothing is extracted to disk
and nothing in the bundle is ever executed."""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_MEMBERS = 16
MAX_TOTAL = 200 * 1024 * 1024  # uncompressed bytes over all members
MAX_RATIO = 200  # uncompressed ÷ compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


class UnsafeBundle(ValueError):
    """A zip that must not be read further; the message is for the clerk."""


def read_problem(exc: BaseException) -> str:
    """Why reading a bundle failed, in the clerk's words: zipfile's, zlib's and the JSON
    parser's own messages are English."""
    if isinstance(exc, UnsafeBundle):
        return str(exc)
    if isinstance(exc, PermissionError):
        return "没有读取该文件的权限"
    if isinstance(exc, OSError):
        return f"文件无法读取（{exc.strerror or exc}）"
    if isinstance(exc, RuntimeError) and not isinstance(exc, RecursionError):
        return "压缩包设置了密码"
    if isinstance(exc, NotImplementedError):
        return "压缩包使用了不支持的压缩方式"
    if isinstance(exc, (ValueError, RecursionError)) and not isinstance(exc, zipfile.BadZipFile):
        return "内容不是有效的 JSON"
    return "不是完整的 zip 压缩包：可能根本不是报送包，或在下载、复制时被截断"


@dataclass(frozen=True)
class Problem:
    member: str
    message: str


def name_problem(name: str) -> str | None:
    """Why a member name is unsafe, or None."""
    if not name or "\x00" in name:
        return "文件名为空或含非法字符"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "使用了绝对路径"
    if "\\" in name:
        return "文件名中含反斜杠"
    if ".." in PurePosixPath(name).parts:
        return "路径中含“..”（可能写到报送包以外的位置）"
    if name.endswith("/"):
        return "是文件夹"
    return None


def member_problems(infos: list[zipfile.ZipInfo]) -> list[Problem]:
    """Every entry-level problem: names, duplicates, links, count, sizes and ratios."""
    problems: list[Problem] = []
    seen: set[str] = set()
    if len(infos) > MAX_MEMBERS:
        problems.append(Problem("", f"包含 {len(infos)} 个文件，超过上限 {MAX_MEMBERS}"))
    for info in infos:
        reason = name_problem(info.filename)
        if reason is None and info.filename in seen:
            reason = "文件名重复"
        if reason is None and stat.S_ISLNK(info.external_attr >> 16):
            reason = "是符号链接"
        if reason is None and _ratio_too_high(info):
            reason = f"压缩比超过 {MAX_RATIO}:1（疑似压缩炸弹）"
        if reason is not None:
            problems.append(Problem(info.filename, reason))
        seen.add(info.filename)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL:
        problems.append(Problem("", f"解压后共 {total} 字节，超过上限 {MAX_TOTAL} 字节"))
    return problems


def _ratio_too_high(info: zipfile.ZipInfo) -> bool:
    return info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, refusing to decompress more than `limit` bytes whatever its
    header claims."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise UnsafeBundle(f"{info.filename} 解压后超过 {limit} 字节")
            chunks.append(chunk)
    return b"".join(chunks)
