"""The reference a claim is compared with: one cell chosen by the subject's facets (fund, measure,
year, unit) — never "whichever candidate agrees" — and the value the text should state.

A subject's value is refused (with a reason, so the figure is reported unchecked) when the claim is
about a unit while the data hold the department, about another year, or a measure the data do not
hold (年初预算, 绩效目标, 申报 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from desktop.models.snapshot import Project
from desktop.narrative.reader.claims import Claim, Facets
from desktop.narrative.reader.lexicon import Lexicon, Mention
from desktop.narrative.reader.resolve import Resolver

HUNDRED = Decimal(100)
_PROJECT_FIELDS = {
    "": "",
    "actual": "actual",
    "budget": "budget",
    "initial": "budget_initial",
}


@dataclass(frozen=True)
class Value:
    value: Decimal
    cells: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Unresolved:
    reason: str


def cells_of(expr: str) -> tuple[str, ...]:
    return tuple(c for c in expr.replace("-", "+").split("+") if c)


class References:
    def __init__(
        self, text: str, resolver: Resolver, lexicon: Lexicon, project_fields: dict[str, str]
    ) -> None:
        self.text, self.resolver, self.lexicon = text, resolver, lexicon
        self.project_fields = project_fields  # "side:item" → P01 field id

    # -- one subject's value -------------------------------------------------------------
    def value(
        self, claim: Claim, subject: Mention | None, facets: Facets, *, prior: bool = False, count: str = ""
    ) -> Value | Unresolved:
        if subject is None:
            return Unresolved("no_subject")
        if facets.year == "other":
            return Unresolved("year_scope")
        if subject.entry.kind == "project":
            return Unresolved("no_count") if count else self._project(claim, subject, facets, prior)
        if facets.unit:
            return Unresolved("unit_scope")
        key = f"code:{claim.code}" if subject.entry.kind == "code" else subject.entry.key
        if subject.entry.kind == "code" and not claim.code:
            return Unresolved(claim.reason or "ambiguous")
        concept = self.lexicon.concept(key)
        if count:
            expr = concept.counts.get(count, "")
            reason = "" if expr else "no_count"
        else:
            expr, reason = self.resolver.concept_cell(concept, facets)
        if reason:
            return Unresolved(reason)
        expr = self._counting_in(expr, claim.includes, facets) if not count else expr
        label = self.text[subject.start : subject.end] if subject.end > subject.start else concept.label
        return self.read(expr, label, prior)

    def _counting_in(self, expr: str, included: Mention | None, facets: Facets) -> str:
        """A x（含B y）: where the subject is defined without B (`…-B`), x is it with B counted back in."""
        if included is None or included.entry.kind != "concept":
            return expr
        part, reason = self.resolver.concept_cell(self.lexicon.concept(included.entry.key), facets)
        if reason or not part:
            return expr
        kept = "".join(t for t in re.findall(r"[+-]?[^+-]+", expr) if t != f"-{part}")
        return kept.removeprefix("+")

    def read(self, expr: str, label: str, prior: bool) -> Value | Unresolved:
        number = self.resolver.value(expr, prior=prior)
        return Value(number, cells_of(expr), label) if number is not None else Unresolved("no_cell")

    def _project(self, claim: Claim, subject: Mention, facets: Facets, prior: bool) -> Value | Unresolved:
        if prior:
            return Unresolved("no_cell")
        project, reason = self.resolver.project(subject.entry.ids, facets.unit)
        if project is None:
            return Unresolved(reason)
        if claim.target in self.project_fields:
            return self._field(project, self.project_fields[claim.target])
        if facets.measure == "balance":
            return self.read(f"P01.{project.id}.budget-P01.{project.id}.actual", f"{project.name}结余", False)
        if facets.measure not in _PROJECT_FIELDS:
            return Unresolved("measure")
        name = _PROJECT_FIELDS[facets.measure]
        return self._field(project, name) if name else Unresolved("no_measure")

    def _field(self, project: Project, name: str) -> Value | Unresolved:
        return self.read(f"P01.{project.id}.{name}", project.name, False)

    # -- claims --------------------------------------------------------------------------
    def amount(self, claim: Claim) -> Value | Unresolved:
        count = claim.figure.unit if claim.kind == "count" and claim.figure is not None else ""
        prior = claim.facets.year == "prior"
        return self.value(claim, claim.subject, claim.facets, prior=prior, count=count)

    def change(self, claim: Claim) -> tuple[Value, Value] | Unresolved:
        count = claim.figure.unit if claim.figure is not None and claim.figure.kind == "count" else ""
        facets = replace(claim.facets, year="current", measure="")
        this = self.value(claim, claim.subject, facets, count=count)
        last = self.value(claim, claim.subject, facets, prior=True, count=count)
        if isinstance(this, Unresolved):
            return this
        if isinstance(last, Unresolved):
            return last
        return this, last

    def share(self, claim: Claim) -> tuple[Value, Value] | Unresolved:
        part = self.amount(replace(claim, kind="amount"))
        if isinstance(part, Unresolved):
            return part
        base_claim = replace(claim, kind="amount", subject=claim.base, code=claim.base_code)
        base = self.value(base_claim, claim.base, claim.base_facets, prior=claim.base_facets.year == "prior")
        return base if isinstance(base, Unresolved) else (part, base)

    def completion(self, claim: Claim) -> tuple[Value, Value] | Unresolved:
        subject = claim.subject
        if subject is not None and subject.entry.kind == "project" and claim.facets.measure != "initial":
            return self._project_pair(claim, subject)
        second = "initial" if claim.facets.measure == "initial" else "budget"
        actual = self.value(claim, subject, replace(claim.facets, measure="actual"))
        budget = self.value(claim, subject, replace(claim.facets, measure=second))
        if isinstance(actual, Unresolved):
            return actual
        return budget if isinstance(budget, Unresolved) else (actual, budget)

    def _project_pair(self, claim: Claim, subject: Mention) -> tuple[Value, Value] | Unresolved:
        actual = self.value(claim, subject, replace(claim.facets, measure="actual"))
        budget = self.value(claim, subject, replace(claim.facets, measure="budget"))
        if isinstance(actual, Unresolved):
            return actual
        return budget if isinstance(budget, Unresolved) else (actual, budget)

    def zero_of(self, claim: Claim) -> Value | Unresolved:
        """What "无…" / "没有…" says is 0: the subject's amount, or its count where it has no amount."""
        value = self.value(claim, claim.subject, claim.facets)
        subject = claim.subject
        if isinstance(value, Unresolved) and subject is not None and subject.entry.kind == "concept":
            concept = self.lexicon.concept(subject.entry.key)
            counts = list(concept.counts.values())
            return self.read(counts[0], concept.label, False) if counts else value
        return value

    def project_count(self, claim: Claim) -> Value | Unresolved:
        if claim.target == "P01":
            projects = self.resolver.snapshot.projects
            return Value(Decimal(len(projects)), ("P01",), "项目个数") if projects else Unresolved("no_cell")
        return self.read(claim.target, "项目个数", False)
