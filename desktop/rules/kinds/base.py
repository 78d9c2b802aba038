"""What every rule kind is made of.

A kind is a subclass of `Instance`: the class states the kind (its name, the parameters a rule
of it takes, the messages it says and the fields each message is given) and `expand`s a rule
into instances over the dataset's cells; an object is one instance, which knows the cells and
texts it reads (for incremental re-checking) and `check`s them to a Finding or None.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from desktop.forms.structure import CellDef
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.expressions import IndicatorIndex, indicator_index, rows_for

# The short notes a finding's message ends with (rules/messages.toml [notes]).
EXPLAINED, NEEDS_REASON, ROUNDING = "explained", "needs_reason", "rounding"


@dataclass(frozen=True)
class Param:
    """One parameter of a kind's rules: `text` (a string), `texts` (a list of strings), `amount`
    (a number written as text), or a string from `choices`."""

    name: str
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleScope:
    """What a rule is expanded over: the dataset's cells and the code list each form uses.
    One scope serves every rule of a pass, so the rows of a `for_each` are found once."""

    cells: Mapping[str, CellDef]
    codes: Mapping[str, str]
    rows: dict[str | None, list[str]] = field(default_factory=dict, compare=False)
    indicator_cells: list[IndicatorIndex] = field(default_factory=list, compare=False)

    def rows_for(self, domain: str | None) -> list[str]:
        if domain not in self.rows:
            self.rows[domain] = rows_for(domain, self.cells)
        return self.rows[domain]

    def indicators(self) -> IndicatorIndex:
        """The projects' indicator cells (`indicator_index`), found once for the rules of a pass."""
        if not self.indicator_cells:
            self.indicator_cells.append(indicator_index(self.cells))
        return self.indicator_cells[0]


class Instance:
    """One instance of a rule; subclassed once per kind (see the module's docstring)."""

    __slots__ = ("cells", "key", "rule", "texts", "uses_prior")

    kind: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()
    messages: ClassVar[Mapping[str, frozenset[str]]]  # message name → the fields it is given
    default_severity: ClassVar[str | None] = None

    def __init__(
        self,
        rule: RuleDef,
        where: str,
        cells: frozenset[str],
        texts: frozenset[str] = frozenset(),
        uses_prior: bool = False,
    ) -> None:
        self.key = instance_key(rule, where)
        self.rule = rule
        self.cells = cells
        self.texts = texts
        self.uses_prior = uses_prior

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        """Every instance of `rule` over the scope's cells."""
        raise NotImplementedError

    @classmethod
    def keys(cls, rule: RuleDef, scope: RuleScope) -> list[str]:
        """The keys of the instances `expand` gives (what a row change drops), built whole
        unless the kind knows them cheaper."""
        return [instance.key for instance in cls.expand(rule, scope)]

    def check(self, ctx: RuleContext) -> Finding | None:
        """The finding of this instance on the context's values, None when it holds."""
        raise NotImplementedError

    def say(self, name: str, /, **fields: str) -> str:
        """The rule's message `name` with its named fields filled."""
        return self.rule.messages[name].format(**fields)

    def explained(self, reason: str | None, ctx: RuleContext) -> tuple[str, str]:
        """The severity and note of a finding a reason text can explain: a filled reason
        turns it into info."""
        if reason and ctx.text(reason):
            return "info", self.say(EXPLAINED)
        return self.rule.severity, (self.say(NEEDS_REASON) if reason else "")


class PerCell(Instance):
    """A kind with one instance per cell it picks, keyed by that cell: a row change drops the
    instances of the old cells of the rows it touched by key, without building them."""

    __slots__ = ()

    def __init__(self, rule: RuleDef, cell: CellDef) -> None:
        super().__init__(rule, cell.id, frozenset({cell.id}))  # it reads its cell (or more)

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        return (cls(rule, cell) for cell in cls.picks(rule, scope))

    @classmethod
    def picks(cls, rule: RuleDef, scope: RuleScope) -> Iterator[CellDef]:
        """The cells `rule` has an instance for."""
        raise NotImplementedError

    @classmethod
    def keys(cls, rule: RuleDef, scope: RuleScope) -> list[str]:
        return [instance_key(rule, cell.id) for cell in cls.picks(rule, scope)]


class PerRow(Instance):
    """A kind with one instance per row of its rule's `for_each` (one in all without it), keyed
    by the row: the keys need no instance built (a compare compiles both its sides)."""

    __slots__ = ()

    @classmethod
    def keys(cls, rule: RuleDef, scope: RuleScope) -> list[str]:
        return [instance_key(rule, row) for row in per_row(rule, scope)]


def instance_key(rule: RuleDef, where: str) -> str:
    return f"{rule.id}@{where}" if where else rule.id


def fields(*names: str) -> frozenset[str]:
    return frozenset(names)


def texts_of(*keys: str | None) -> frozenset[str]:
    return frozenset(k for k in keys if k)


def per_row(rule: RuleDef, scope: RuleScope) -> list[str]:
    """The rows a templated rule repeats over (`for_each`); [""] for one instance."""
    return scope.rows_for(rule.param("for_each"))


def says(messages: Mapping[str, frozenset[str]]) -> Mapping[str, frozenset[str]]:
    """A kind's messages, each with the fields it is given (read-only)."""
    return MappingProxyType(dict(messages))
