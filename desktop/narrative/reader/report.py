"""Reading a 情况说明 against a dataset: the findings, every figure with what became of it, and a summary.

A figure is `checked` when a claim about it was compared with the data (it agreed or it is a finding)
or a consistency check confirmed it; `unchecked` with the reason otherwise. None is left out: the
summary counts every figure found (years aside: they are the scope of the figures, and a wrong
comparison year is still a finding).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType

from desktop.forms.catalogue import Catalogue
from desktop.models.snapshot import Snapshot
from desktop.money import format_amount
from desktop.narrative.reader.build import lexicon_for
from desktop.narrative.reader.claims import REASONS, Claim
from desktop.narrative.reader.consistency import Consistency
from desktop.narrative.reader.document import Place, read_document
from desktop.narrative.reader.edition import ReaderEdition, edition_of
from desktop.narrative.reader.grammar import Grammar
from desktop.narrative.reader.indicators import IndicatorJudge
from desktop.narrative.reader.references import References, Value
from desktop.narrative.reader.resolve import Resolver
from desktop.narrative.reader.verdicts import Judge, Outcome, TextFinding
from desktop.narrative.reader.words import synonyms, words

NUMERALS = "零一二三四五六七八九十"
_KINDS = {
    "narrative.amount": "amount",
    "narrative.count": "count",
    "narrative.share": "share",
    "narrative.budget_rate": "completion",
    "narrative.yoy_rate": "change",
    "narrative.direction": "direction",
    "narrative.year": "year",
    "narrative.balance": "balance",
    "narrative.indicator": "indicator",
    "narrative.consistency": "consistency",
    "narrative.data": "data",
}


@dataclass(frozen=True)
class FigureResult:
    start: int
    end: int
    text: str
    kind: str  # amount, percent, points or count
    status: str  # checked or unchecked
    reason: str = ""  # why unchecked (a REASONS key)
    section: str = ""
    part: str = ""
    by: str = ""  # data or consistency (checked)
    scope: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Summary:
    found: int
    checked: int
    unchecked: int
    inconsistent: int
    reasons: Mapping[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "figures": self.found,
            "checked": self.checked,
            "unchecked": self.unchecked,
            "inconsistent": self.inconsistent,
            "unchecked_reasons": [
                {"reason": r, "message": REASONS.get(r, r), "figures": n} for r, n in self.reasons.items()
            ],
        }


@dataclass(frozen=True)
class Reading:
    findings: tuple[TextFinding, ...]
    figures: tuple[FigureResult, ...]
    summary: Summary

    @property
    def unchecked(self) -> tuple[FigureResult, ...]:
        return tuple(f for f in self.figures if f.status == "unchecked")

    def as_dict(self) -> dict[str, object]:
        """The `check-text --json` shape (README): findings, the summary, and the unchecked figures."""
        return {
            "findings": [plain(f) for f in self.findings],
            "summary": self.summary.as_dict(),
            "unchecked": [unchecked_dict(f) for f in self.unchecked],
        }


def plain(item: FigureResult | TextFinding) -> dict[str, object]:
    """A result as JSON values: its fields, tuples as lists, mappings as objects."""
    values: dict[str, object] = {}
    for name in (f.name for f in fields(item)):
        value = getattr(item, name)
        values[name] = (
            list(value) if isinstance(value, tuple) else dict(value) if isinstance(value, Mapping) else value
        )
    return values


def unchecked_dict(figure: FigureResult) -> dict[str, object]:
    values = plain(figure)
    del values["status"], values["by"]
    return {**values, "message": REASONS.get(figure.reason, figure.reason)}


def section_label(place: Place) -> str:
    """(5, 3, 1) → "五（三）1"."""
    parts = []
    for level, number in enumerate(place.section, start=1):
        if not number:
            continue
        name = _chinese(number)
        parts.append(name if level == 1 else f"（{name}）" if level == 2 else str(number))
    return "".join(parts)


def _chinese(number: int) -> str:
    if number <= 10:
        return NUMERALS[number]
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens] if tens > 1 else "") + "十" + (NUMERALS[ones] if ones else "")


def indicator_names(catalogue: Catalogue) -> dict[str, str]:
    """Printed indicator column names → indicator field ids (the catalogue's, then reading.toml's)."""
    form = catalogue.form("P01")
    names = {column.name: column.id for column in form.indicator_columns}
    table = words().of("project_table")
    names.update(dict.fromkeys(table["expected"], "expected"))
    names.update(dict.fromkeys(table["actual_value"], "actual_value"))
    return names


def project_fields(catalogue: Catalogue) -> dict[str, str]:
    """ "side:item" of a project table's label → the P01 field (from the catalogue's P01 columns)."""
    fields = {}
    for column in catalogue.form("P01").columns:
        if column.kind == "rate":
            fields["rate:total"] = column.id
            continue
        if column.kind != "amount" or not column.id.startswith(("budget", "actual", "carry")):
            continue
        side = (
            "initial" if "年初" in column.name else "actual" if column.id.startswith("actual") else "budget"
        )
        item = "fiscal" if "财政拨款" in column.name else "other" if "其他资金" in column.name else "total"
        item = "carry" if "结转" in column.name else item
        fields.setdefault(f"{side}:{item}", column.id)
    return fields


def read_text(snapshot: Snapshot, text: str, edition: ReaderEdition | None = None) -> Reading:
    edition = edition or edition_of(snapshot)
    lexicon = lexicon_for(snapshot, edition)
    document = read_document(text, words(), indicator_names(edition.catalogue))
    resolver = Resolver(snapshot, lexicon, edition)
    grammar = Grammar(document, lexicon, resolver)
    claims = grammar.read()
    references = References(text, resolver, lexicon, project_fields(edition.catalogue))
    judge, indicators = Judge(text, references), IndicatorJudge(document, resolver)
    outcomes = [indicators.judge(c) if c.kind == "indicator" else judge.judge(c) for c in claims]
    consistency = Consistency(text, tuple(u.id for u in snapshot.units))
    consistency.check([o.claim for o in outcomes if o.claim.figure is not None], grammar.enumerations.done)
    findings = [o.finding for o in outcomes if o.finding is not None]
    findings += _bounds(text, outcomes, references)
    findings += consistency.explained({f.start for f in findings})
    scoped = [_scoped(f, outcomes) for f in findings]
    figures = _figures(text, outcomes, consistency)
    return Reading(
        tuple(sorted(scoped, key=lambda f: (f.start, f.rule))), figures, _summary(figures, consistency)
    )


def _bounds(text: str, outcomes: list[Outcome], references: References) -> list[TextFinding]:
    """A figure stated as the data say, where the data break a bound (机关运行经费 ≤ 日常公用经费)."""
    found = []
    for outcome in outcomes:
        claim = outcome.claim
        value = references.amount(claim) if outcome.status == "agree" and claim.kind == "amount" else None
        if not isinstance(value, Value) or claim.figure is None:
            continue
        for bound in synonyms().bounds:
            whole = references.resolver.value(bound.whole) if value.cells == (bound.part,) else None
            if whole is None or value.value <= whole:
                continue
            message = bound.message.format(part=format_amount(value.value, 2), whole=format_amount(whole, 2))
            sentence = text[claim.sentence.start : claim.sentence.end].strip()
            expected = f"≤ {format_amount(whole, 2)}万元"
            cells = (bound.part, bound.whole)
            figure = claim.figure
            found.append(
                TextFinding(
                    "narrative.data",
                    sentence,
                    figure.text,
                    expected,
                    cells,
                    message,
                    figure.start,
                    figure.end,
                )
            )
    return found


def _scoped(finding: TextFinding, outcomes: list[Outcome]) -> TextFinding:
    claim = next(
        (o.claim for o in outcomes if o.claim.start <= finding.start < max(o.claim.end, o.claim.start + 1)),
        None,
    )
    kind = _KINDS.get(finding.rule, "")
    if claim is None:
        return replace(finding, kind=kind)
    return replace(finding, kind=kind, scope=scope_of(claim))


def scope_of(claim: Claim) -> Mapping[str, str]:
    """Where a claim stands and what it speaks of: part, section, unit, year, measure, fund."""
    facets = claim.facets
    return MappingProxyType(
        {
            "part": claim.sentence.place.part,
            "section": section_label(claim.sentence.place),
            "unit": facets.unit or "department",
            "year": facets.year,
            "measure": facets.measure or "actual",
            "fund": facets.fund or facets.context_fund or "",
        }
    )


def _figures(text: str, outcomes: list[Outcome], consistency: Consistency) -> tuple[FigureResult, ...]:
    by_figure: dict[int, list[Outcome]] = {}
    for outcome in outcomes:
        figure = outcome.claim.figure
        if figure is not None and figure.kind != "year":
            by_figure.setdefault(figure.start, []).append(outcome)
    results = []
    for start, group in sorted(by_figure.items()):
        main = _main(group)
        figure, place = main.claim.figure, main.claim.sentence.place
        assert figure is not None
        by = "data" if any(o.status in ("agree", "finding") for o in group) else ""
        if not by and (start in consistency.verified or start in consistency.involved):
            by = "consistency"
        status, reason = ("checked", "") if by else ("unchecked", main.reason or "no_rule")
        printed, section = text[start : figure.unit_end], section_label(place)
        scope = scope_of(main.claim)
        results.append(
            FigureResult(
                start, figure.unit_end, printed, figure.kind, status, reason, section, place.part, by, scope
            )
        )
    return tuple(results)


def _main(group: list[Outcome]) -> Outcome:
    """A figure's main claim: the grammar's reading of it, not the indicator-text comparison."""
    return ([o for o in group if o.claim.kind != "indicator"] or group)[-1]


def _summary(figures: tuple[FigureResult, ...], consistency: Consistency) -> Summary:
    unchecked = [f for f in figures if f.status == "unchecked"]
    reasons = Counter(f.reason for f in unchecked)
    inconsistent = sum(1 for f in figures if f.start in consistency.involved)
    return Summary(
        len(figures), len(figures) - len(unchecked), len(unchecked), inconsistent, dict(reasons.most_common())
    )
