"""The document model of a 情况说明: parts (第N部分) and their kind, sections in any numbering
(一、 / 1、 / （一） / （1） / 1.), attachments and their kind, paragraphs, sentences, and flattened
tables (tab-prefixed lines) as rows and cells. Every sentence knows its place.

A text without part headings (one section pasted into the editor, a drafted narrative) is read as
情况说明 throughout. Arabic "N、" is a top-level section only when it continues the top-level count
("9、" after "八、") and no open list of items ("6、" after "5、"), so the items of 五（三）
("1、教育支出（类）…") stay items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from desktop.narrative.reader.figures import StatedFigure, bare_amount, figures
from desktop.narrative.reader.tables import Role, Table, bind_table, table_rows
from desktop.narrative.reader.words import Words

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_NUMERAL = r"[一二三四五六七八九十\d]+"
_PART = re.compile(rf"^第\s*({_NUMERAL})\s*部分\s*(.*)$")
_ATTACHMENT = re.compile(rf"^附件\s*({_NUMERAL})?\s*[:：]?\s*(.{{0,40}})$")
_HEADINGS = (
    (1, re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*")),
    (2, re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*[、.．]?\s*")),
    (3, re.compile(r"^[（(]\s*(\d+)\s*[）)]\s*[、.．]?\s*")),
    (1, re.compile(r"^(\d+)\s*、\s*")),
    (3, re.compile(r"^(\d+)\s*[.．、](?!\d)\s*")),
)
SENTENCE_BREAKS = "。！？!?\n"
_TITLE_END = re.compile(r"[。：:]")
_REPORT_TITLE = re.compile(r"^[^。，；,;]{2,40}报告$")


def numeral(text: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20, 12 → 12."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return sum(_CN_DIGITS.get(c, 0) * 10**i for i, c in enumerate(reversed(text)))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


@dataclass(frozen=True)
class Heading:
    level: int  # 0 part or attachment, 1 一、, 2 （一）, 3 （1） or 1.
    number: int
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    part: str = "narrative"
    section: tuple[int, ...] = ()  # the numbers of the open headings, top level first
    attachment: str = ""

    @property
    def top(self) -> int:
        return self.section[0] if self.section else 0


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    place: Place
    paragraph: int
    heading: Heading | None = None  # the heading this sentence opens
    table: int = -1
    cell: tuple[int, int] = (-1, -1)


@dataclass(frozen=True)
class Document:
    text: str
    sentences: tuple[Sentence, ...]
    tables: tuple[Table, ...]

    def role(self, sentence: Sentence) -> Role | None:
        if sentence.table < 0:
            return None
        return self.tables[sentence.table].roles.get(sentence.cell)

    def figures(self, sentence: Sentence) -> list[StatedFigure]:
        """The sentence's figures; in a table that says 万元, a cell holding only a number is one."""
        found = figures(self.text, sentence.start, sentence.end)
        if not found and sentence.table >= 0 and self.tables[sentence.table].money:
            bare = bare_amount(self.text, sentence.start, sentence.end)
            found = [bare] if bare is not None else []
        return found


def _lines(text: str) -> list[tuple[int, int]]:
    lines, start = [], 0
    for m in re.finditer(r"\n", text):
        lines.append((start, m.start()))
        start = m.end()
    lines.append((start, len(text)))
    return lines


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    begin = start
    for i in range(start, end):
        if text[i] in SENTENCE_BREAKS:
            if text[begin:i].strip():
                yield begin, i + 1 if text[i] != "\n" else i
            begin = i + 1
    if text[begin:end].strip():
        yield begin, end


class _Reader:
    def __init__(self, text: str, vocabulary: Words, indicator_names: Mapping[str, str]) -> None:
        self.text, self.words, self.indicator_names = text, vocabulary, indicator_names
        self.lines = _lines(text)
        has_parts = any(_PART.match(text[s:e].strip()) for s, e in self.lines)
        self.place = Place(part="front" if has_parts else "narrative")
        self.top = 0  # the top-level section count, for "N、"
        self.sentences: list[Sentence] = []
        self.tables: list[Table] = []
        self.paragraph = 0
        self.attachment_body = False

    def read(self) -> Document:
        i = 0
        while i < len(self.lines):
            start, end = self.lines[i]
            if self.text.startswith("\t", start) and self.text[start:end].strip():  # "\t" alone is blank
                i = self._table(i)
                continue
            self._line(start, end)
            i += 1
        return Document(self.text, tuple(self.sentences), tuple(self.tables))

    # -- lines -----------------------------------------------------------------------------
    def _line(self, start: int, end: int) -> None:
        raw = self.text[start:end]
        stripped = raw.strip()
        self.paragraph += 1
        if not stripped:
            return
        offset = start + raw.index(stripped[0])
        heading = self._part(stripped, offset) or self._attachment(stripped, offset)
        heading = heading or self._numbered(stripped, offset)
        first = True
        for s, e in split_sentences(self.text, offset, start + len(raw.rstrip())):
            self.sentences.append(Sentence(s, e, self.place, self.paragraph, heading if first else None))
            first = False

    def _open(self, level: int, number: int, title: str, start: int, end: int) -> Heading:
        kept = self.place.section[: level - 1] if level > 0 else ()
        padded = kept + (0,) * (level - 1 - len(kept)) if level > 0 else ()
        section = (*padded, number) if level > 0 else ()
        self.place = replace(self.place, section=section)
        return Heading(level, number, title, start, end)

    def _part(self, line: str, offset: int) -> Heading | None:
        m = _PART.match(line)
        if m is None:
            return None
        title = m.group(2).strip()
        self.place = Place(part=self.words.kind("parts", title, "other"))
        self.top, self.attachment_body = 0, False
        return self._open(0, numeral(m.group(1)), title, offset, offset + len(line))

    def _attachment(self, line: str, offset: int) -> Heading | None:
        if self.place.part != "attachments":
            return None
        labelled = _ATTACHMENT.match(line)
        titled = _REPORT_TITLE.match(line) and (self.attachment_body or not self.place.attachment)
        if not labelled and not titled:
            return None
        title = self._attachment_title(offset)
        self.place = Place(part="attachments", attachment=self.words.kind("attachments", title, "other"))
        self.top, self.attachment_body = 0, False
        return Heading(0, 0, title, offset, offset + len(line))

    def _attachment_title(self, offset: int) -> str:
        """The attachment's first lines (its title often follows the 附件N label)."""
        after = [self.text[s:e].strip() for s, e in self.lines if s >= offset]
        return "".join(line for line in after[:4] if line)

    def _numbered(self, line: str, offset: int) -> Heading | None:
        for level, pattern in _HEADINGS:
            m = pattern.match(line)
            if m is None:
                continue
            number = numeral(m.group(1))
            if level == 1 and m.group(1).isdigit() and not self._next_section(number):
                continue
            if level == 1:
                self.top = number
            self.attachment_body = self.attachment_body or bool(self.place.attachment)
            title = _TITLE_END.split(line[m.end() :], maxsplit=1)[0]
            return self._open(level, number, title, offset + m.end(), offset + len(line))
        return None

    def _next_section(self, number: int) -> bool:
        """Arabic "N、" continues the top-level count unless it continues an open list of items
        (the "6、" after "5、" in 五（三） is an item, though 六 comes next)."""
        section = self.place.section
        continues_items = len(section) == 3 and section[-1] == number - 1
        return number == self.top + 1 and not continues_items

    # -- tables ----------------------------------------------------------------------------
    def _table(self, first: int) -> int:
        """Lines from `first` while they are tab lines, blank lines, or lines continuing a cell."""
        i, previous_blank = first, False
        while i < len(self.lines):
            start, end = self.lines[i]
            line = self.text[start:end]
            blank = not line.startswith("\t") and not line.strip()
            if not line.startswith("\t") and not blank and previous_blank:
                break
            previous_blank = blank
            i += 1
        while i > first and not self.text[slice(*self.lines[i - 1])].strip():
            i -= 1
        rows = table_rows(self.text, self.lines[first:i])
        index = len(self.tables)
        self.tables.append(bind_table(rows, self.words, self.indicator_names))
        self.paragraph += 1
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                for s, e in split_sentences(self.text, cell.start, cell.end):
                    self.sentences.append(Sentence(s, e, self.place, self.paragraph, None, index, (r, c)))
        return i


def read_document(text: str, vocabulary: Words, indicator_names: Mapping[str, str]) -> Document:
    return _Reader(text, vocabulary, indicator_names).read()
