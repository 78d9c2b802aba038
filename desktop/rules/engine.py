"""The validator: rule instances indexed by the cells and texts they read.

A full pass checks every instance (on load and import); an edit re-checks only the instances
that read a changed cell or text. Findings are kept by instance key, so the result of any
sequence of edits equals a full pass over the final data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding, sort_findings
from desktop.rules.kinds import Instance, instances
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
        self.findings: dict[str, Finding] = {}
        self.rebuild()

    def rebuild(self) -> None:
        """Re-derive instances after a structure change, then check everything."""
        codes = {f.id: f.codes for f in self.context.catalogue if f.codes}
        self.instances: dict[str, Instance] = {}
        for rule in self.rules:
            for instance in instances(rule, self.context.current.cells, codes):
                self.instances[instance.key] = instance
        self.by_cell: dict[str, list[str]] = {}
        self.by_text: dict[str, list[str]] = {}
        for key, instance in self.instances.items():
            for cell in instance.cells:
                self.by_cell.setdefault(cell, []).append(key)
            for text in instance.texts:
                self.by_text.setdefault(text, []).append(key)
        self.full_pass()

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
        keys = {k for cell in cells for k in self.by_cell.get(cell, ())}
        keys.update(k for text in texts for k in self.by_text.get(text, ()))
        return self._recheck(keys)

    def _recheck(self, keys: Iterable[str]) -> FindingsDelta:
        added: list[Finding] = []
        removed: list[Finding] = []
        for key in keys:
            old = self.findings.get(key)
            new = self.instances[key].check(self.context)
            if new == old:
                continue
            if old is not None:
                removed.append(old)
                del self.findings[key]
            if new is not None:
                added.append(new)
                self.findings[key] = new
        return FindingsDelta(tuple(added), tuple(removed))

    def all(self) -> list[Finding]:
        return sort_findings(self.findings.values())
