"""What drafting reads: the figures, the clerk's texts, the edition's template, and the
placeholders a section leaves open."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.naming import Naming
from desktop.forms.structure import CellDef, build_cells, implied_rows, input_leaves
from desktop.forms.template import NarrativeTemplate
from desktop.models.snapshot import Snapshot
from desktop.narrative.phrases import ZERO

_END_PUNCTUATION = "。；;，,.\n "


@dataclass(frozen=True)
class Placeholder:
    """A required reason text that is missing, e.g. key `reason.total_change`."""

    key: str
    label: str

    @property
    def marker(self) -> str:
        return f"【请填写：{self.label}】"


@dataclass(frozen=True)
class BlankBudget:
    """A 预算数 that is blank where the text states a comparison with it (完成预算 …): the
    sentence prints a budget of 0 that nobody entered. `phrase` is what the sentence says."""

    cells: tuple[str, ...]
    phrase: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: str
    placeholders: tuple[Placeholder, ...]
    blank_budgets: tuple[BlankBudget, ...] = ()


@functools.cache
def _parsed(text: str) -> expr.Node:
    return expr.parse(text)


@dataclass(frozen=True)
class DraftContext:
    snapshot: Snapshot
    decimals: int = 2
    threshold: Decimal = Decimal("0.10")

    @property
    def template(self) -> NarrativeTemplate:
        return self.snapshot.edition.template

    @property
    def names(self) -> Naming:
        return self.snapshot.names

    @property
    def year(self) -> int:
        return self.snapshot.department.year

    @property
    def last_year(self) -> int:
        return self.year - 1

    @property
    def department(self) -> str:
        return self.snapshot.department.name or "本部门"

    @functools.cached_property
    def cell_defs(self) -> Mapping[str, CellDef]:
        """The cells of the snapshot's forms and rows (for what a computed cell is made of)."""
        catalogue = self.snapshot.edition.catalogue
        return build_cells(catalogue, implied_rows(catalogue, self.snapshot.cells))

    def blank(self, cells: Iterable[str]) -> bool:
        """No input under any of `cells` holds a value (a computed sum of blanks reads 0)."""
        leaves = {leaf for cell in cells for leaf in input_leaves(cell, self.cell_defs)}
        return all(self.snapshot.value(leaf) is None for leaf in leaves)

    def evaluate(
        self, text: str, refs: Mapping[str, Decimal], *, prior: bool = False
    ) -> Decimal | bool | None:
        """An expression of the template: this year's figures (a blank reads as 0), or last
        year's (None when the dataset has none); `refs` supply names such as `project.budget`."""

        def lookup(path: str, at_prior: bool) -> Decimal | None:
            if path in refs:
                return refs[path]
            if prior or at_prior:
                return self.snapshot.prior_value(path)
            found = self.snapshot.value(path)
            return found if found is not None else ZERO

        return expr.evaluate(_parsed(text), lookup)


@dataclass
class Collector:
    """The placeholders one section leaves open, in the order its text shows them."""

    ctx: DraftContext
    placeholders: list[Placeholder] = field(default_factory=list)
    blank_budgets: list[BlankBudget] = field(default_factory=list)

    def clerk_text(self, key: str, label: str, *, required: bool) -> str:
        """The clerk's text under `key` without its closing punctuation; a visible placeholder when a
        required text is empty; "" when an optional one is."""
        text = self.ctx.snapshot.text(key).strip().rstrip(_END_PUNCTUATION)
        if text or not required:
            return text
        placeholder = Placeholder(key, label)
        self.placeholders.append(placeholder)
        return placeholder.marker

    def stated_budget(self, cells: tuple[str, ...], phrase: str) -> str:
        """`phrase` compares a figure with the budget in `cells`: noted when every input cell
        that budget is made of is blank."""
        if cells and phrase and self.ctx.blank(cells):
            self.blank_budgets.append(BlankBudget(cells, phrase))
        return phrase
