"""The 情况说明 part: its title, the narrative sections under their numbered headings, and the
figures (图1 …) placed where the edition's template puts them."""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import KeepTogether

from desktop.io.pdf.figures import Chart
from desktop.io.pdf.kinsoku import plain
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import heading
from desktop.narrative.draft import Narrative, Section

_SUBHEAD = re.compile(r"^（[一二三四五六七八九十]+）")


def figure_block(figure: Chart) -> Any:
    caption = plain(f"图{figure.number}：{figure.caption}", styles().caption)
    return KeepTogether([figure.drawing, caption])


def _line(text: str) -> Any:
    s = styles()
    return plain(text, s.h3 if _SUBHEAD.match(text) else s.body)


def _section(title: str, section: Section, figures: list[Chart]) -> list[Any]:
    flowables = [heading(title, styles().h2, 1)]
    placed: set[int] = set()
    for line in (x.strip() for x in section.text.splitlines()):
        if not line:
            continue
        for figure in figures:
            if figure.before and line.startswith(figure.before) and figure.number not in placed:
                flowables.append(figure_block(figure))
                placed.add(figure.number)
        flowables.append(_line(line))
    flowables += [figure_block(f) for f in figures if f.number not in placed]
    return flowables


def explanation(text: Narrative, figures: list[Chart]) -> list[Any]:
    """The part's title, every section in order; a figure whose section is missing goes at the end."""
    ids = {s.id for s in text.sections}
    flowables = [heading(text.title, styles().h1, 0)]
    for index, section in enumerate(text.sections):
        flowables += _section(text.heading(index), section, [f for f in figures if f.section == section.id])
    flowables += [figure_block(f) for f in figures if f.section not in ids]
    return flowables
