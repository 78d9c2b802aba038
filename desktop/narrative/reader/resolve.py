"""From names to cells: a code name under the 类/款 in scope, a project by (unit, name) — exactly or,
failing that, by a close name (one best match, clearly ahead) — and a concept's cell by its facets.

Values are read as the tables print them: where the data came from a rounded source, a total is the
one the source printed; a code row a classified table does not list is 0 there; `P01.*.field` is the
sum over all projects.
"""

from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher

from desktop.models.snapshot import Project, Snapshot
from desktop.narrative.reader.claims import Facets
from desktop.narrative.reader.edition import ReaderEdition
from desktop.narrative.reader.lexicon import Concept, Lexicon, Mention
from desktop.narrative.reader.words import ANY_FUND

FUZZY_MIN = 0.6  # similarity of a loose project name to the dataset's
FUZZY_MARGIN = 0.1  # ahead of the next best
_TERMS = re.compile(r"([+-]?)([^+-]+)")
_PROJECT_TRIM = re.compile(r"(项目|专项经费|经费|专项资金|资金)+$")


class Resolver:
    def __init__(self, snapshot: Snapshot, lexicon: Lexicon, edition: ReaderEdition) -> None:
        self.snapshot, self.lexicon, self.edition = snapshot, lexicon, edition
        self._rows = {c.rsplit(".", 1)[0] for c in snapshot.cells}

    # -- codes ---------------------------------------------------------------------------
    def code(self, mention: Mention, parent: str) -> tuple[str, str]:
        """The code a 功能分类 name stands for here, or ("", reason)."""
        candidates = list(mention.entry.codes)
        if mention.code in candidates:
            return mention.code, ""
        if mention.level:
            candidates = [c for c in candidates if len(c) == mention.level] or candidates
        below = [c for c in candidates if parent and c.startswith(parent) and c != parent]
        candidates = below or candidates
        if len(candidates) > 1:
            in_data = [c for c in candidates if self._has_row(c)]
            candidates = in_data or candidates
        return (candidates[0], "") if len(candidates) == 1 else ("", "ambiguous")

    def _has_row(self, code: str) -> bool:
        return any(f"{form}.{code}" in self._rows for form in ("G03", "G05", "G08", "G09"))

    # -- projects ------------------------------------------------------------------------
    def project(self, ids: tuple[str, ...], unit: str = "") -> tuple[Project | None, str]:
        found = [p for p in self.snapshot.projects if p.id in ids]
        if len(found) > 1 and unit:
            found = [p for p in found if p.unit == unit] or found
        return (found[0], "") if len(found) == 1 else (None, "ambiguous" if found else "not_in_data")

    def project_named(self, name: str, unit_name: str = "") -> tuple[Project | None, str]:
        """A project as a table or a sentence names it: exactly, else by a close name."""
        unit = self._unit_id(unit_name)
        exact = tuple(p.id for p in self.snapshot.projects if p.name == name)
        if exact:
            return self.project(exact, unit)
        fuzzy = self.close_project(name)
        return (fuzzy, "") if fuzzy is not None else (None, "not_in_data")

    def close_project(self, phrase: str) -> Project | None:
        phrase = _PROJECT_TRIM.sub("", phrase)
        if len(phrase) < 4:
            return None
        scored = sorted(
            ((SequenceMatcher(None, phrase, p.name).ratio(), p) for p in self.snapshot.projects if p.name),
            key=lambda pair: pair[0],
            reverse=True,
        )
        if not scored or scored[0][0] < FUZZY_MIN:
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN:
            return None
        return scored[0][1]

    def _unit_id(self, name: str) -> str:
        if not name:
            return ""
        return next((u.id for u in self.snapshot.units if name in u.name or u.name in name), "")

    # -- cells ---------------------------------------------------------------------------
    def concept_cell(self, concept: Concept, facets: Facets) -> tuple[str, str]:
        """The cell of `concept` for the claim's fund and measure, or ("", reason)."""
        if facets.measure in ("", "actual"):
            table = concept.cells
        elif facets.measure == "budget":
            table = concept.budget
        elif facets.measure == "initial":
            table = concept.initial
        else:
            return "", "measure"
        if not table:
            return "", "measure" if concept.cells else "no_cell"
        if ANY_FUND in table:
            return table[ANY_FUND], ""
        if facets.fund is not None:
            return (table[facets.fund], "") if facets.fund in table else ("", "no_cell")
        if facets.context_fund is not None and facets.context_fund in table:
            return table[facets.context_fund], ""
        if len(table) == 1:
            return next(iter(table.values())), ""
        return (table["all"], "") if "all" in table else ("", "no_cell")

    def value(self, expr: str, *, prior: bool = False) -> Decimal | None:
        """A cell expression's value (`a`, `a+b`, `a-b`); None when a cell is unknown."""
        total = Decimal(0)
        for sign, cell in _TERMS.findall(expr):
            value = self._cell(cell, prior)
            if value is None:
                return None
            total += -value if sign == "-" else value
        return total

    def _cell(self, cell: str, prior: bool) -> Decimal | None:
        if cell.startswith("P01."):
            return None if prior else self._project_cell(cell)
        value = self.snapshot.prior_value(cell) if prior else self.snapshot.printed_value(cell)
        if value is not None:
            return value
        form_id, row, _col = cell.split(".", 2)
        form = self.edition.catalogue.forms.get(form_id)
        listed = self.snapshot.prior if prior else self.snapshot.cells
        if form is not None and form.kind == "classified" and listed and (row.isdigit() or row == "total"):
            return Decimal(0)  # a classified table lists only the rows it has: any other is 0
        return None

    def _project_cell(self, cell: str) -> Decimal | None:
        _form, project_id, name = cell.split(".", 2)
        projects = self.snapshot.projects if project_id == "*" else [
            p for p in self.snapshot.projects if p.id == project_id
        ]  # fmt: skip
        amounts = [p.amount(name) for p in projects]
        if not amounts or any(a is None for a in amounts):
            return None
        return sum((a for a in amounts if a is not None), Decimal(0))
