"""The code lists: 支出功能分类科目 and 部门预算支出经济分类科目, one file per kind and year.

Loaded from `resources/codes/<kind>-<year>.csv` (columns `code,name,aliases`) into immutable
`CodeList` objects; an edition names the year of each list it uses (`Edition.codes`).
Forms, the importer and the UI look subjects up here by code, by the name a workbook
prints, or by what a clerk types into a search box.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.resources import RESOURCES

CODES_DIR = RESOURCES / "codes"

_LEVELS = {3: 1, 5: 2, 7: 3}
KINDS = ("functional", "economic")
_YEAR_FILE = re.compile(r"(functional|economic)-(\d{4})\.csv")
_HEADER = ("code", "name", "aliases")

# Row labels in workbooks carry list numbering and "其中：" in front of the subject name
# (after NFKC: "一、", "(一)", "1.", "其中:"); any mix of them may be stacked.
_CN_NUM = "一二三四五六七八九十百零〇"
_LABEL_PREFIX = re.compile(
    rf"^(?:[{_CN_NUM}]+[、.]|\([{_CN_NUM}\d]+\)[、.]?|\d+[、.](?!\d)|其中:?)",
)


class CodeListError(ValueError):
    """A code list file that cannot be loaded; the message names the file and the line."""


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    level: int  # 1 类 (3 digits), 2 款 (5), 3 项 (7)
    parent: str | None
    aliases: tuple[str, ...] = ()


def code_level(code: str) -> int | None:
    """1 for a 类 (3 digits), 2 for a 款 (5), 3 for a 项 (7); None for anything else."""
    if not (code.isascii() and code.isdigit()):
        return None
    return _LEVELS.get(len(code))


def normalise_name(name: str) -> str:
    """The form of a name used for matching: NFKC, no spaces, no leading numbering."""
    text = "".join(unicodedata.normalize("NFKC", name).split())
    while True:
        stripped = _LABEL_PREFIX.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def _initials(text: str) -> str:
    # Imported here: pypinyin loads its dictionaries on import (~0.3 s), which only a
    # search needs, never start-up.
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(text, style=Style.FIRST_LETTER)
    return "".join(ch for part in letters for ch in part.lower() if ch.isascii() and ch.isalnum())


class CodeList:
    """An immutable, ordered list of subjects with lookups by code, name and pinyin."""

    __slots__ = (
        "_by_code",
        "_by_name",
        "_children",
        "_kind",
        "_search_keys",
        "_subjects",
        "_year",
    )

    def __init__(self, kind: str, year: int | None, subjects: list[Subject]) -> None:
        self._kind = kind
        self._year = year
        self._subjects = tuple(subjects)
        self._by_code = {s.code: s for s in self._subjects}
        self._children: dict[str, list[Subject]] = {}
        self._by_name: dict[str, list[Subject]] = {}
        for subject in self._subjects:
            if subject.parent is not None:
                self._children.setdefault(subject.parent, []).append(subject)
        # Names are indexed before aliases so that, per key, exact names come first.
        for subject in self._subjects:
            self._by_name.setdefault(normalise_name(subject.name), []).append(subject)
        for subject in self._subjects:
            for alias in subject.aliases:
                self._by_name.setdefault(normalise_name(alias), []).append(subject)
        self._search_keys: tuple[tuple[str, str], ...] | None = None

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def year(self) -> int | None:
        return self._year

    def __repr__(self) -> str:
        return f"CodeList({self._kind!r}, {self._year!r}, {len(self._subjects)} subjects)"

    def __len__(self) -> int:
        return len(self._subjects)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[Subject]:
        return iter(self._subjects)

    def get(self, code: str) -> Subject | None:
        return self._by_code.get(code)

    def children(self, code: str) -> list[Subject]:
        return list(self._children.get(code, ()))

    def path(self, code: str) -> list[Subject]:
        """[类, 款, 项] down to `code`; for an unknown code, its known ancestors only."""
        if code_level(code) is None:
            return []
        prefixes = (code[:length] for length in _LEVELS if length <= len(code))
        return [self._by_code[p] for p in prefixes if p in self._by_code]

    def by_name(self, name: str, parent: str | None = None) -> Subject | None:
        """The one subject called `name` (or carrying it as an alias), optionally below
        `parent`; None when there is none or more than one."""
        candidates = self._by_name.get(normalise_name(name), [])
        if parent is not None:
            candidates = [s for s in candidates if s.code != parent and s.code.startswith(parent)]
        unique = {s.code: s for s in candidates}
        return next(iter(unique.values())) if len(unique) == 1 else None

    def search(self, query: str, limit: int = 50) -> list[Subject]:
        """Code prefix matches first, then name/alias substrings, then pinyin initials."""
        text = normalise_name(query)
        if not text or limit <= 0:
            return []
        found: dict[str, Subject] = {}
        if text.isascii() and text.isdigit():
            self._collect(found, limit, (s for s in self._subjects if s.code.startswith(text)))
            return list(found.values())
        names = self._keys()
        self._collect(
            found,
            limit,
            (s for s, (n, _) in zip(self._subjects, names, strict=True) if text in n),
        )
        if text.isascii() and text.isalpha():
            letters = text.lower()
            pinyin = list(zip(self._subjects, names, strict=True))
            self._collect(found, limit, (s for s, (_, p) in pinyin if p.startswith(letters)))
            self._collect(found, limit, (s for s, (_, p) in pinyin if letters in p))
        return list(found.values())

    @staticmethod
    def _collect(found: dict[str, Subject], limit: int, matches: Iterator[Subject]) -> None:
        for subject in matches:
            if len(found) >= limit:
                return
            found.setdefault(subject.code, subject)

    def _keys(self) -> tuple[tuple[str, str], ...]:
        # Per subject: its names joined by "|" and their pinyin initials joined by "|".
        # Built on the first search only (pypinyin is slow to load), then reused.
        if self._search_keys is None:
            keys = []
            seen: dict[str, str] = {}  # 行政运行 etc. recur under every 款: convert each name once
            for subject in self._subjects:
                names = [normalise_name(n) for n in (subject.name, *subject.aliases)]
                initials = [seen[n] if n in seen else seen.setdefault(n, _initials(n)) for n in names]
                keys.append(("|".join(names), "|".join(initials)))
            self._search_keys = tuple(keys)
        return self._search_keys


def _parse_row(path: Path, line: int, row: list[str]) -> tuple[str, str, tuple[str, ...]]:
    cells = [cell.strip() for cell in row]
    if len(cells) not in (2, 3):
        raise CodeListError(f"{path}:{line}: expected code,name[,aliases], got {len(cells)} columns")
    code, name = cells[0], cells[1]
    if code_level(code) is None:
        raise CodeListError(f"{path}:{line}: code {code!r} is not 3, 5 or 7 digits")
    if not name:
        raise CodeListError(f"{path}:{line}: code {code} has no name")
    alias_text = cells[2] if len(cells) == 3 else ""
    aliases = tuple(
        dict.fromkeys(a.strip() for a in alias_text.split("|") if a.strip() and a.strip() != name)
    )
    return code, name, aliases


def _load(path: Path, kind: str, year: int | None = None) -> CodeList:
    """Read one CSV file; every problem is a CodeListError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodeListError(f"{path}: cannot read code list: {exc}") from exc
    reader = csv.reader(text.splitlines())
    header = tuple(cell.strip() for cell in next(reader, []))
    if header not in (_HEADER, _HEADER[:2]):
        raise CodeListError(f"{path}:1: header must be {','.join(_HEADER)}, got {','.join(header)!r}")
    subjects: dict[str, Subject] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        code, name, aliases = _parse_row(path, reader.line_num, row)
        if code in subjects:
            raise CodeListError(f"{path}:{reader.line_num}: duplicate code {code}")
        level = _LEVELS[len(code)]
        parent = code[: 2 * level - 1] if level > 1 else None
        # Parents must come first: that keeps file order = tree order for __iter__.
        if parent is not None and parent not in subjects:
            raise CodeListError(f"{path}:{reader.line_num}: {code} {name}: parent {parent} not listed above")
        subjects[code] = Subject(code, name, level, parent, aliases)
    return CodeList(kind, year, list(subjects.values()))


@cache
def _load_cached(path: Path, kind: str, year: int | None) -> CodeList:
    # Lists are immutable national data: an edition names the year it uses, and every
    # edition naming that year shares the one loaded list.
    return _load(path, kind, year)


def _year_files(directory: Path, kind: str) -> dict[int, Path]:
    files = {}
    for path in directory.glob(f"{kind}-*.csv"):
        match = _YEAR_FILE.fullmatch(path.name)
        if match and match.group(1) == kind:
            files[int(match.group(2))] = path
    return files


def code_list(kind: str, year: int, directory: Path = CODES_DIR) -> CodeList:
    """The `kind` list (`functional` 支出功能分类 or `economic` 部门预算支出经济分类) of `year`:
    the newest list not after `year` (lists change little from year to year); a year older
    than every list gets the oldest one. `.year` says which list was used."""
    if kind not in KINDS:
        raise CodeListError(f"unknown code list kind {kind!r} (expected {' or '.join(KINDS)})")
    files = _year_files(directory, kind)
    if not files:
        raise CodeListError(f"{directory}: no {kind}-YYYY.csv code list")
    usable = [y for y in files if y <= year]
    chosen = max(usable) if usable else min(files)
    return _load_cached(files[chosen], kind, chosen)


def functional_codes(year: int) -> CodeList:
    """The 支出功能分类科目 of `year` (see `code_list`)."""
    return code_list("functional", year)


def economic_codes(year: int) -> CodeList:
    """The 部门预算支出经济分类科目 of `year` (see `code_list`)."""
    return code_list("economic", year)
