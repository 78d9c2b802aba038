"""Office files (.xlsx, .docx) are zips of XML parts. None that Excel, WPS or Word writes declares
a DTD; a part that does is the vehicle of XML entity attacks (external entities that read local
files, “billion laughs” that expand to gigabytes). Such a file is refused before any parser sees
it, so nothing is ever expanded or fetched."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

# The prolog, where a DTD must stand, fits well within this many bytes of a part.
_PROLOG = 64 * 1024
_MARKS = tuple(
    word.encode(encoding)
    for word in ("<!DOCTYPE", "<!ENTITY", "<!doctype")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


class UnsafeXml(Exception):
    """A part declares a DTD; `part` names it."""

    def __init__(self, path: Path, part: str) -> None:
        self.part = part
        super().__init__(
            f"“{path.name}”中的 {part} 含有 XML 文档类型定义（DTD/实体声明）。正常的 Excel、WPS 或 Word 文件"
            "不会有这种内容，它可被用来读取本机文件或耗尽内存，因此已拒绝读取（未展开任何内容）。"
            "如确信文件来源可靠，请在 Excel、WPS 或 Word 中打开并另存为新文件后再试。"
        )


def check_parts(path: Path) -> None:
    """Raise UnsafeXml when any XML part of the zip at `path` declares a DTD; a file that is not
    a zip is left to the caller's reader to refuse."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels", ".vml")) and _declares_dtd(archive, info):
                raise UnsafeXml(path, info.filename)


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(info) as part:
            head = part.read(_PROLOG)
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError):
        return False  # damaged or encrypted: the reader says so
    return any(mark in head for mark in _MARKS)
