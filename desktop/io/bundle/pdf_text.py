"""The text a PDF written by this program shows, read in pure Python (a clerk's or a bureau's
machine has no pdftotext): each page's content stream is decoded (ASCII85, Flate), the strings
its text operators show are mapped to Unicode through their font's ToUnicode CMap, and the
page's text runs come back in drawing order. Only what reportlab writes is understood — indirect
objects, flate/ASCII85 streams, simple fonts with a ToUnicode map; anything else reads as no
text, so a foreign PDF cannot pass for ours."""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator

_OBJECT = re.compile(rb"(\d+)\s+0\s+obj\b(.*?)\bendobj", re.DOTALL)
_STREAM = re.compile(rb"^(.*?)\bstream\r?\n(.*?)\r?\n?endstream", re.DOTALL)
_REF = r"(\d+)\s+0\s+R"
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+", re.DOTALL
)
_ESCAPES = {
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"f": b"\f",
    b"(": b"(",
    b")": b")",
    b"\\": b"\\",
}
MAX_STREAM = 64 * 1024 * 1024  # inflated bytes of one stream: more is no report of ours


class Pdf:
    def __init__(self, data: bytes) -> None:
        self.objects: dict[int, bytes] = {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(data)}

    def dictionary(self, number: int) -> str:
        match = _STREAM.match(self.objects.get(number, b""))
        head = match.group(1) if match else self.objects.get(number, b"")
        return head.decode("latin-1")

    def stream(self, number: int) -> bytes:
        match = _STREAM.match(self.objects.get(number, b""))
        if match is None:
            return b""
        head, data = match.group(1).decode("latin-1"), match.group(2)
        if "ASCII85Decode" in head:
            data = base64.a85decode(data.strip().removesuffix(b"~>"), ignorechars=b" \t\r\n")
        if "FlateDecode" in head:
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, MAX_STREAM)
        return data

    def pages(self) -> list[int]:
        return [n for n in sorted(self.objects) if re.search(r"/Type\s*/Page\b(?!s)", self.dictionary(n))]

    def fonts(self, page: int) -> dict[str, dict[int, str]]:
        """The page's font names → their code-to-text maps."""
        resources = self._inline(self.dictionary(page), "Resources")
        fonts = self._inline(resources, "Font")
        return {
            name: self._unicode_map(int(ref))
            for name, ref in re.findall(r"/([^\s/<>\[\]]+)\s+" + _REF, fonts)
        }

    def _inline(self, text: str, key: str) -> str:
        """The value of /key in `text`: an inline dictionary, or the dictionary it refers to."""
        ref = re.search(rf"/{key}\s+{_REF}", text)
        if ref:
            return self.dictionary(int(ref.group(1)))
        start = text.find(f"/{key}")
        return _balanced(text, text.find("<<", start)) if start >= 0 else ""

    def _unicode_map(self, font: int) -> dict[int, str]:
        ref = re.search(rf"/ToUnicode\s+{_REF}", self.dictionary(font))
        return cmap(self.stream(int(ref.group(1)))) if ref else {}


def _balanced(text: str, start: int) -> str:
    if start < 0:
        return ""
    depth, index = 0, start
    while index < len(text) - 1:
        pair = text[index : index + 2]
        depth += 1 if pair == "<<" else -1 if pair == ">>" else 0
        index += 2 if pair in ("<<", ">>") else 1
        if depth == 0:
            return text[start:index]
    return text[start:]


def cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries."""
    text = data.decode("latin-1")
    found: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for low, high, first in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(first, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code] = chr(start + offset)
    return found


def _literal(token: bytes) -> bytes:
    body, out, index = token[1:-1], bytearray(), 0
    while index < len(body):
        char = body[index : index + 1]
        if char != b"\\":
            out += char
            index += 1
            continue
        following = body[index + 1 : index + 2]
        octal = re.match(rb"[0-7]{1,3}", body[index + 1 : index + 4])
        if octal:
            out.append(int(octal.group(0), 8) & 0xFF)
            index += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(following, following if following not in (b"\n", b"\r") else b"")
            index += 2
    return bytes(out)


def _string(token: bytes) -> bytes:
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode("ascii"))
    return _literal(token)


def _runs(content: bytes, fonts: dict[str, dict[int, str]]) -> Iterator[str]:
    """Each text-showing operation's text, in drawing order."""
    mapping: dict[int, str] = {}
    operands: list[bytes] = []
    pending: list[bytes] = []
    for token in _TOKEN.findall(content):
        if token == b"[" or token.startswith((b"(", b"<")) or token == b"]":
            pending.append(token)
            continue
        if token.startswith(b"/") or re.fullmatch(rb"[-+.\d]+", token):
            operands.append(token)
            continue
        if token == b"Tf" and operands:
            mapping = fonts.get(operands[-2].decode("latin-1").lstrip("/"), {}) if len(operands) > 1 else {}
        elif token in (b"Tj", b"TJ", b"'", b'"'):
            raw = b"".join(_string(t) for t in pending if t not in (b"[", b"]"))
            yield "".join(mapping.get(byte, "") for byte in raw)
        operands, pending = [], []


def page_texts(data: bytes) -> list[list[str]]:
    """The text runs of each page of the PDF `data`."""
    pdf = Pdf(data)
    pages = []
    for page in pdf.pages():
        fonts = pdf.fonts(page)
        refs = re.findall(_REF, _contents(pdf.dictionary(page)))
        content = b"\n".join(pdf.stream(int(ref)) for ref in refs)
        pages.append(list(_runs(content, fonts)))
    return pages


def _contents(dictionary: str) -> str:
    match = re.search(r"/Contents\s+(\[[^\]]*\]|" + _REF + ")", dictionary)
    return match.group(1) if match else ""
