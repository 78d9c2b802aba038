"""名词解释, drafted from the edition's template: its terms (each when it applies) and the
subjects the dataset uses, numbered as the template says."""

from __future__ import annotations

from desktop.forms.numerals import chinese_numeral
from desktop.forms.template import GlossaryEntry
from desktop.models.snapshot import Snapshot
from desktop.narrative.context import DraftContext
from desktop.narrative.draft import scope_of
from desktop.narrative.lists import row_lines
from desktop.narrative.memo import last_call
from desktop.narrative.render import RenderScope


def _entries(scope: RenderScope, entry: GlossaryEntry, term: str) -> list[str]:
    if entry.rows:
        return row_lines(entry.rows, scope)
    if entry.when and not scope.holds(entry.when):
        return []
    return [scope.child({"term": entry.term, "text": scope.render(entry.text)}).render(term)]


@last_call
def draft_glossary(snapshot: Snapshot) -> str:
    """Numbered 名词解释 lines (e.g. "1.财政拨款收入：…"), one per line."""
    glossary = snapshot.edition.template.glossary
    scope = scope_of(DraftContext(snapshot))
    ordered = [line for entry in glossary.entries for line in _entries(scope, entry, glossary.term)]
    numbered = (
        glossary.number.format(n=i, numeral=chinese_numeral(i)) + line
        for i, line in enumerate(ordered, start=1)
    )
    return "\n".join(numbered) + "\n"
