"""The reader's words, loaded once from `resources/narrative/` (reading.toml, synonyms.toml).

Nothing here knows a form or a code list: those come from the edition (edition.py). A missing key
stops the load with a message naming the file and the key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from desktop.resources import RESOURCES

FOLDER = RESOURCES / "narrative"
FUNDS = ("all", "fiscal", "gpb", "gf", "soc")
ANY_FUND = "any"


class WordsError(ValueError):
    """A word file that cannot be loaded; the message names the file and the key."""


@dataclass(frozen=True)
class CuratedConcept:
    key: str
    label: str
    cells: Mapping[str, str]  # fund (or "any") → cell expression
    budget: Mapping[str, str]
    names: Mapping[str, tuple[str, ...]]  # fund (or "any") → names that fix that fund
    counts: Mapping[str, str]  # count word → cell expression
    side: str  # income or expense ("" for neither or both)


@dataclass(frozen=True)
class Bound:
    part: str
    whole: str
    message: str  # with {part} and {whole}


@dataclass(frozen=True)
class Synonyms:
    generic: frozenset[str]
    concepts: tuple[CuratedConcept, ...]
    project_counts: tuple[tuple[str, str], ...]  # (cue after "N个项目", fact cell), in order
    bounds: tuple[Bound, ...]


@dataclass(frozen=True)
class Words:
    """reading.toml: every list is a tuple of words, tried in order."""

    sections: Mapping[str, Mapping[str, tuple[str, ...]]]

    def of(self, section: str) -> Mapping[str, tuple[str, ...]]:
        return self.sections[section]

    def list(self, section: str, key: str) -> tuple[str, ...]:
        return self.sections[section][key]

    def kind(self, section: str, text: str, default: str = "") -> str:
        """The first key of `section` one of whose words `text` contains."""
        for key, words in self.sections[section].items():
            if any(word in text for word in words):
                return key
        return default


def _load(name: str) -> dict[str, Any]:
    path = FOLDER / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise WordsError(f"{path.name}: {exc}") from exc


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise WordsError(f"{where}: 缺少 {key!r}")
    return data[key]


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def _concept(data: Mapping[str, Any], where: str) -> CuratedConcept:
    key = _require(data, "key", where)
    where = f"{where} {key}"
    names = {fund: tuple(words) for fund, words in _require(data, "names", where).items()}
    for fund in (*names, *data.get("cells", {}), *data.get("budget", {})):
        if fund not in (*FUNDS, ANY_FUND):
            raise WordsError(f"{where}: 未知的资金来源 {fund!r}")
    return CuratedConcept(
        key=key,
        label=_require(data, "label", where),
        cells=_frozen(data.get("cells", {})),
        budget=_frozen(data.get("budget", {})),
        names=_frozen(names),
        counts=_frozen(data.get("counts", {})),
        side=data.get("side", ""),
    )


@cache
def synonyms() -> Synonyms:
    data = _load("synonyms.toml")
    return Synonyms(
        generic=frozenset(_require(data, "generic", "synonyms.toml")),
        concepts=tuple(
            _concept(c, "synonyms.toml concept") for c in _require(data, "concept", "synonyms.toml")
        ),
        project_counts=tuple(_require(data, "project_counts", "synonyms.toml").items()),
        bounds=tuple(
            Bound(
                _require(b, "part", "bound"), _require(b, "whole", "bound"), _require(b, "message", "bound")
            )
            for b in data.get("bound", [])
        ),
    )


REQUIRED_SECTIONS = (
    "parts", "attachments", "funds", "measures", "units", "years", "comparison", "change", "cues",
    "boundary", "project_table",
)  # fmt: skip


@cache
def words() -> Words:
    data = _load("reading.toml")
    sections = {}
    for section in REQUIRED_SECTIONS:
        table = _require(data, section, "reading.toml")
        sections[section] = _frozen({key: tuple(value) for key, value in table.items()})
    return Words(_frozen(sections))
