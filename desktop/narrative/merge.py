"""Regenerating an edited 情况说明 section: a three-way merge at sentence granularity.

`base` is the draft the clerk started from, `edited` what the clerk made of it, `new_draft` the
draft made from today's figures. Sentences the clerk left as drafted follow the new draft (their
figures update); sentences the clerk added or changed stay where they were; sentences the clerk
deleted stay deleted. Where the clerk and the new draft both changed a sentence, the clerk wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

__all__ = ["rebase", "split_sentences"]

_SENTENCE = re.compile(r"[^。；\n]*[。；\n]|[^。；\n]+$")


def split_sentences(text: str) -> list[str]:
    """Sentences with their closing 。/；/newline: joined back they give `text` exactly."""
    return _SENTENCE.findall(text)


def rebase(base: str, edited: str, new_draft: str) -> str:
    if not base:
        return edited  # nothing to tell the clerk's sentences from the draft's
    old, mine, new = split_sentences(base), split_sentences(edited), split_sentences(new_draft)
    gaps, owned = _follow(old, new)
    merged: list[str] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, mine):
        for i in range(i1, i2):
            merged += gaps[i]
            if tag == "equal":
                merged += owned[i]
        if tag in ("replace", "insert"):
            merged += mine[j1:j2]
    merged += gaps[len(old)]
    return "".join(merged)


def _opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _follow(old: list[str], new: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """For each old sentence, the new-draft sentences that take its place (`owned`), and the
    new sentences the draft inserts before it (`gaps`, one more at the end). Read in order,
    gap then owned for each index, they give `new` exactly."""
    gaps: list[list[str]] = [[] for _ in range(len(old) + 1)]
    owned: list[list[str]] = [[] for _ in old]
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "insert":
            gaps[i1] += new[j1:j2]
            continue
        for k, i in enumerate(range(i1, i2)):
            if j1 + k < j2:
                owned[i].append(new[j1 + k])
        if j2 - j1 > i2 - i1:
            owned[i2 - 1] += new[j1 + i2 - i1 : j2]  # a longer replacement: the rest follows the last
    return gaps, owned
