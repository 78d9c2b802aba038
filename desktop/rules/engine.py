"""The validator: rule instances indexed by the cells and texts they read.

A full pass checks every instance (on load and import); an edit re-checks only the instances
that read a changed cell or text. Findings are kept by instance key, so the result of any
sequence of edits equals a full pass over the final data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.forms.structure import CellDef
from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding, sort_findings
from desktop.rules.kinds import Instance, RuleScope, instance_keys, instances
from desktop.rules.regions import RowChange, RowIndex, Scope, computed_from, row_change, scope
from desktop.rules.ruleset import RuleDef


@dataclass(frozen=True)
class FindingsDelta:
    added: tuple[Finding, ...]
    removed: tuple[Finding, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


class Validator:
    def __init__(self, context: RuleContext, rules: Sequence[RuleDef]) -> None:
        self.context = context
        self.rules = tuple(rules)
        self.scopes = {rule.id: scope(rule) for rule in self.rules}
        self.findings: dict[str, Finding] = {}
        self.rebuild()

    def rebuild(self) -> None:
        """Re-derive every instance (on load, or after settings or the catalogue changed), then
        check everything."""
        cells = self.context.current.ordered_cells()
        self.rows = RowIndex(cells)
        self.instances: dict[str, Instance] = {}
        self.by_cell: dict[str, set[str]] = {}
        self.by_text: dict[str, set[str]] = {}
        self.of_rule: dict[str, list[str]] = {}  # the keys of rules derived over every cell
        whole = RuleScope(cells, self._codes())
        for rule in self.rules:
            self._derive(rule, whole)
        self.full_pass()

    def _codes(self) -> dict[str, str]:
        return {f.id: f.codes for f in self.context.catalogue if f.codes}

    def _derive(self, rule: RuleDef, rule_scope: RuleScope) -> list[str]:
        keys = []
        for instance in instances(rule, rule_scope):
            self._forget(instance.key)
            self.instances[instance.key] = instance
            for cell in _watched(instance):
                self.by_cell.setdefault(cell, set()).add(instance.key)
            for text in instance.texts:
                self.by_text.setdefault(text, set()).add(instance.key)
            keys.append(instance.key)
        if self.scopes[rule.id] in (Scope.ALL, Scope.NAMED):
            self.of_rule[rule.id] = keys
        return keys

    def _forget(self, key: str) -> None:
        instance = self.instances.pop(key, None)
        if instance is not None:
            for cell in _watched(instance):
                self.by_cell[cell].discard(key)
            for text in instance.texts:
                self.by_text[text].discard(key)

    def row_change(self, old: Mapping[str, CellDef | None]) -> RowChange:
        """What rows added or removed changed (`old`: the previous definitions of the cells
        they redefined), for `restructure` and the derivations."""
        return row_change(self.rows, old, self.context.current.cells, self.context.current.structure)

    def restructure(
        self, change: RowChange, cells: Iterable[str] = (), texts: Iterable[str] = ()
    ) -> FindingsDelta:
        """Re-derive the instances of the rows a change touched and re-check those that are new
        or read a redefined cell, with those that read a changed cell or text."""
        codes, calc = self._codes(), self.context.current
        before, after, whole = (
            RuleScope(cells, codes) for cells in (change.before, change.after, calc.cells)
        )
        above = computed_from(change.old, calc.dependents)
        dropped: dict[str, Instance] = {}
        derived: set[str] = set()
        for rule in self.rules:
            rule_scope, keys = self.scopes[rule.id], self.of_rule.get(rule.id, [])
            if rule_scope is Scope.ROWS:
                keys = instance_keys(rule, before)
                dropped.update((k, self.instances[k]) for k in keys if k in self.instances)
                derived.update(self._derive(rule, after))
            elif rule_scope is Scope.ALL or (rule_scope is Scope.NAMED and self._reads_any(keys, above)):
                dropped.update((k, self.instances[k]) for k in keys)
                derived.update(self._derive(rule, whole))
        for key in dropped.keys() - derived:
            self._forget(key)
        redefined = change.old.keys()
        fresh = {k for k in derived if not _alike(dropped.get(k), self.instances[k], redefined)}
        return self._recheck(fresh | (dropped.keys() - derived) | self._reading(cells, texts))

    def _reads_any(self, keys: Iterable[str], cells: set[str]) -> bool:
        return any(not self.instances[key].cells.isdisjoint(cells) for key in keys)

    def full_pass(self) -> None:
        self.findings = {}
        for key, instance in self.instances.items():
            finding = instance.check(self.context)
            if finding is not None:
                self.findings[key] = finding

    def prior_changed(self) -> FindingsDelta:
        """Last year's figures changed: re-check the rules that read them."""
        return self._recheck(k for k, inst in self.instances.items() if inst.uses_prior)

    def update(self, cells: Iterable[str] = (), texts: Iterable[str] = ()) -> FindingsDelta:
        return self._recheck(self._reading(cells, texts))

    def _reading(self, cells: Iterable[str], texts: Iterable[str]) -> set[str]:
        keys: set[str] = set()
        for index, changed in ((self.by_cell, cells), (self.by_text, texts)):
            for name in changed:
                found = index.get(name)
                if found:
                    keys |= found
        return keys

    def _recheck(self, keys: Iterable[str]) -> FindingsDelta:
        added: list[Finding] = []
        removed: list[Finding] = []
        findings, instances, context = self.findings, self.instances, self.context  # an edit's hot loop
        for key in keys:
            old = findings.get(key)
            instance = instances.get(key)
            new = instance.check(context) if instance is not None else None
            if new is old or new == old:  # mostly both None: no comparison
                continue
            if old is not None:
                removed.append(old)
                del findings[key]
            if new is not None:
                added.append(new)
                findings[key] = new
        return FindingsDelta(tuple(added), tuple(removed))

    def all(self) -> list[Finding]:
        return sort_findings(self.findings.values())


def _alike(old: Instance | None, new: Instance, redefined: Collection[str]) -> bool:
    """Whether a re-derived instance checks what it checked before: the same cells and texts,
    none of them redefined (its finding stands unless a value it reads changed)."""
    return (
        old is not None
        and (old.rule, old.cells, old.texts, old.uses_prior)
        == (new.rule, new.cells, new.texts, new.uses_prior)
        and new.cells.isdisjoint(redefined)
    )


def _watched(instance: Instance) -> set[str]:
    """The cells whose change re-checks an instance: those it reads, and the names of the
    projects and indicators they belong to (its message names them, e.g. `{row_label}`)."""
    watched = set(instance.cells)
    for cell in instance.cells:
        if cell.startswith("P01."):
            row = cell[4:].rpartition(".")[0]
            watched.update((f"P01.{row}.name", f"P01.{row.partition('.')[0]}.name"))
    return watched
