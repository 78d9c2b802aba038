"""Enumerations: a total and the parts stated after 其中 / 包括 / 主要用于 (or "X中，" with X a subject).

An enumeration lives until its sentence ends; one whose cue ends the sentence ("…755.92万元，其中：")
stays open over the following sentences until a heading, and a sentence that starts with 其中 takes the
last total stated before it. Parts take the facets their total leaves open (fund, measure, year,
unit); a bare 占 X% in it is a share of its total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.narrative.reader.claims import Claim, Enumeration, Facets
from desktop.narrative.reader.lexicon import Mention

TOTAL_KINDS = ("amount", "count")


@dataclass
class Enumerations:
    done: list[Enumeration] = field(default_factory=list)
    open: Enumeration | None = None
    local: Enumeration | None = None
    last_total: Claim | None = None  # the one total the last sentence with totals stated, if only one
    sentence_totals: list[Claim] = field(default_factory=list)
    first: bool = True  # no claim of this sentence seen yet

    def heading(self) -> None:
        self.open = self.local = None
        self.last_total = None

    def sentence(self) -> None:
        if self.sentence_totals:
            self.last_total = _one_total(self.sentence_totals)
        self.local, self.sentence_totals, self.first = None, [], True

    def cue(
        self,
        sentence_claims: list[Claim],
        subject: Mention | None,
        subject_facets: Facets,
        *,
        at_start: bool,
        at_end: bool,
    ) -> None:
        """A cue at this point of the sentence: its total is the last one stated before it."""
        totals = [c for c in sentence_claims if c.kind in TOTAL_KINDS and not c.aside]
        head = totals[-1] if totals else (self.last_total if at_start else None)
        facets = head.facets if head is not None else subject_facets
        enumeration = Enumeration(head, head.subject if head is not None else subject, facets)
        self.done.append(enumeration)
        self.local = enumeration
        if at_end:
            self.open = enumeration

    @property
    def current(self) -> Enumeration | None:
        return self.local or self.open

    def facets_for(self, facets: Facets) -> Facets:
        current = self.current
        return facets.merged(current.facets) if current is not None else facets

    def add(self, claim: Claim) -> None:
        """A claim of the sentence: a part of the enumeration it stands in, or of the open one when it
        is the first claim of its sentence."""
        first, self.first = self.first, False
        if claim.kind in TOTAL_KINDS and not claim.aside:
            self.sentence_totals.append(claim)
        current = self.local or (self.open if first else None)
        if current is None or claim.figure is None:
            return
        if claim.kind == "share" and claim.base is not None and claim.base is current.subject:
            current.shares.append(claim)
        elif claim.kind in TOTAL_KINDS and claim is not current.head and not claim.aside:
            head = current.head.figure if current.head is not None else None
            same_kind = head is None or head.kind == claim.figure.kind
            if same_kind and (head is None or head.kind == "amount" or head.unit == claim.figure.unit):
                current.parts.append(claim)


def _one_total(totals: list[Claim]) -> Claim | None:
    """The total a following "其中" refers to: the last one, when every total of its kind in the
    sentence is the same subject and measure ("…支出1.91万元，…共计支出1.91万元"); None when it could
    be either ("预算资金总额402.14万元，支付385.28万元")."""
    amounts = [c for c in totals if c.figure is not None and c.figure.kind == "amount"] or totals
    keys = {
        (c.subject.entry.kind, c.subject.entry.key, c.subject.entry.ids, c.facets.measure)
        if c.subject
        else None
        for c in amounts
    }
    return amounts[-1] if len(keys) == 1 and None not in keys else None
