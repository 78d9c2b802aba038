"""The lexicon generated from the edition, the dataset and the curated table.

In order of precedence (a name already taken keeps its first meaning): the curated synonyms; every
form row and column name (a fixed form's rows, a classified form's columns with the form's fund, the
columns of a form whose rows are measures such as G07's 预算数/决算数); the full 功能分类 list of the
year with its variants (with or without 支出, with （类）/（款）/（项） or the code in brackets, older
names as aliases); the 经济分类 list; the dataset's units and projects, keyed by (unit, name).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import MappingProxyType

from desktop.forms.catalogue import Form
from desktop.models.snapshot import Snapshot
from desktop.narrative.reader.edition import ReaderEdition
from desktop.narrative.reader.lexicon import Boundary, Concept, Lexicon, LexiconEntry
from desktop.narrative.reader.words import ANY_FUND, Synonyms, Words, WordsError, synonyms, words

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|其中[:：])"
)
_COUNT_SUFFIX = re.compile(r"[（(]([^）)]*)[）)]$")
_REGION = re.compile(r"^.{1,6}?(?:省|自治区|市|自治州|州|地区|盟|区|县|旗)")
PROJECTS = "projects"


def clean_name(name: str) -> str:
    text = "".join(name.split())
    while (stripped := _NUMBERING.sub("", text, count=1)) != text:
        text = stripped
    return text


def form_fund(form: Form, vocabulary: Words) -> str:
    return vocabulary.kind("funds", form.title, "all")


@dataclass
class _Draft:
    """A concept while the lexicon is being built (frozen into `Concept` at the end)."""

    key: str
    label: str
    cells: dict[str, str] = field(default_factory=dict)
    budget: dict[str, str] = field(default_factory=dict)
    counts: dict[str, str] = field(default_factory=dict)
    side: str = ""
    initial: dict[str, str] = field(default_factory=dict)

    def frozen(self) -> Concept:
        return Concept(
            self.key,
            self.label,
            MappingProxyType(self.cells),
            MappingProxyType(self.budget),
            MappingProxyType(self.counts),
            self.side,
            MappingProxyType(self.initial),
        )


class _Builder:
    def __init__(
        self, snapshot: Snapshot, edition: ReaderEdition, vocabulary: Words, curated: Synonyms
    ) -> None:
        self.snapshot, self.edition, self.words, self.curated = snapshot, edition, vocabulary, curated
        self.entries: dict[str, LexiconEntry] = {}
        self.drafts: dict[str, _Draft] = {}

    def add(self, name: str, entry: LexiconEntry, *, curated: bool = False) -> None:
        if name and (curated or name not in self.curated.generic):
            self.entries.setdefault(name, entry)

    def draft_for(self, name: str, label: str) -> _Draft:
        """The concept a name already belongs to (a curated synonym), or a new one."""
        entry = self.entries.get(name)
        if entry is not None and entry.kind == "concept":
            return self.drafts[entry.key]
        key = f"form:{name}"
        if key not in self.drafts:
            self.drafts[key] = _Draft(key, label)
            self.add(name, LexiconEntry("concept", key))
        return self.drafts[key]

    # -- curated -------------------------------------------------------------------------
    def synonyms(self) -> None:
        for concept in self.curated.concepts:
            for expr in (*concept.cells.values(), *concept.budget.values(), *concept.counts.values()):
                self._check(expr, concept.key)
            draft = _Draft(concept.key, concept.label, dict(concept.cells), counts=dict(concept.counts))
            draft.side = concept.side
            for fund, expr in concept.budget.items():
                self._budget(draft, fund, expr)
            self.drafts[concept.key] = draft
            for fund, names in concept.names.items():
                for name in names:
                    entry = LexiconEntry("concept", concept.key, None if fund == ANY_FUND else fund)
                    self.add(name, entry, curated=True)

    def _check(self, expr: str, where: str) -> None:
        for cell in re.split(r"[+-]", expr):
            if not self.edition.catalogue.knows(cell):
                raise WordsError(f"synonyms.toml {where}: 未知的单元格 {cell!r}")

    # -- forms ---------------------------------------------------------------------------
    def forms(self) -> None:
        for form in self.edition.catalogue:
            if form.kind == "classified" and form.codes == "functional":
                self._columns(form)
            elif form.kind in ("fixed", "facts"):
                if self._measure_rows(form):
                    self._measure_columns(form)
                else:
                    self._rows(form)

    def _measure(self, name: str) -> str:
        return self.words.kind("measures", name) if clean_name(name) in self._measure_names() else ""

    def _measure_names(self) -> set[str]:
        return {w for ws in self.words.of("measures").values() for w in ws}

    def _columns(self, form: Form) -> None:
        fund = form_fund(form, self.words)
        for column in form.columns:
            name = clean_name(column.name)
            if self._measure(name) or name in self.curated.generic:
                continue
            draft = self.draft_for(name, name)
            draft.cells.setdefault(fund, f"{form.id}.total.{column.id}")
            draft.side = draft.side or ("income" if _income_only(form) else "expense")

    def _budget(self, draft: _Draft, fund: str, expr: str) -> None:
        """A budget cell goes with the measure its form prints: 年初预算数 is the 年初预算, else 全年预算."""
        form_id, row_id, column_id = expr.split("+")[0].split("-")[0].split(".", 2)
        form = self.edition.catalogue.forms.get(form_id)
        row, column = (form.row(row_id), form.column(column_id)) if form is not None else (None, None)
        names = [part.name for part in (row, column) if part is not None]
        initial = any(self._measure(name) == "initial" for name in names)
        (draft.initial if initial else draft.budget).setdefault(fund, expr)

    def _measure_rows(self, form: Form) -> dict[str, str]:
        measures = {self._measure(row.name): row.id for row in form.rows}
        return measures if form.rows and "" not in measures else {}

    def _measure_columns(self, form: Form) -> None:
        fund, rows = form_fund(form, self.words), self._measure_rows(form)
        for column in form.columns:
            name = clean_name(column.name)
            if name in self.curated.generic:
                continue
            draft = self.draft_for(name, name)
            if "actual" in rows:
                draft.cells.setdefault(fund, f"{form.id}.{rows['actual']}.{column.id}")
            for measure in ("budget", "initial"):
                if measure in rows:
                    self._budget(draft, fund, f"{form.id}.{rows[measure]}.{column.id}")

    def _rows(self, form: Form) -> None:
        fund = form_fund(form, self.words)
        for row in form.rows:
            columns = form.row_columns(row)
            kind = row.kind or (columns[0].kind if columns else "")
            if len(columns) != 1 or kind not in ("amount", "count"):
                continue
            name, units = _count_units(clean_name(row.name))
            if name in self.curated.generic:
                continue
            draft = self.draft_for(name, name)
            draft.side = draft.side or (row.side or "")
            cell = f"{form.id}.{row.id}.{columns[0].id}"
            if kind == "count":
                for unit in units:
                    draft.counts.setdefault(unit, cell)
            else:
                draft.cells.setdefault(fund, cell)

    # -- code lists ----------------------------------------------------------------------
    def codes(self) -> None:
        by_name: dict[str, dict[str, bool]] = {}  # name → code → only as a stem
        named = [(s.code, n) for s in self.edition.functional for n in (s.name, *s.aliases)]
        for code, name in (*named, *self.edition.imported("functional")):
            for variant, stem in _code_variants(name):
                codes = by_name.setdefault(variant, {})
                codes[code] = codes.get(code, True) and stem
        for variant, codes in by_name.items():
            self.add(variant, LexiconEntry("code", codes=tuple(codes), stem=all(codes.values())))
        table = next((f for f in self.edition.catalogue if f.codes == "economic"), None)
        if table is None:
            return
        column = table.columns[0].id
        listed = ((s.code, s.name) for s in self.edition.economic)
        for code, name in (*listed, *self.edition.imported("economic")):
            key = f"econ:{code}"
            self.drafts[key] = _Draft(key, name, {ANY_FUND: f"{table.id}.{code}.{column}"})
            self.add(name, LexiconEntry("concept", key))

    def code_concept(self, code: str) -> Concept:
        draft = _Draft(f"code:{code}", self.edition.naming.name("functional", code))
        for form in self.edition.catalogue:
            if form.kind != "classified" or form.codes != "functional" or _income_only(form):
                continue
            fund = form_fund(form, self.words)
            draft.cells.setdefault(fund, f"{form.id}.{code}.total")
            budgets = (c.id for c in form.columns if self._measure(c.name) in ("budget", "initial"))
            budget = next(budgets, None)
            if budget is not None:
                self._budget(draft, fund, f"{form.id}.{code}.{budget}")
        funds = [draft.cells[f] for f in ("gpb", "gf", "soc") if f in draft.cells]
        if funds:
            draft.cells.setdefault("fiscal", "+".join(funds))
        return draft.frozen()

    # -- the dataset ---------------------------------------------------------------------
    def units(self) -> None:
        department = self.snapshot.department.name
        for variant in _name_variants(department):
            self.entries[variant] = LexiconEntry("department")
        for unit in self.snapshot.units:
            for variant in _name_variants(unit.name):
                self.entries.setdefault(variant, LexiconEntry("unit", ids=(unit.id,)))
        own = (
            LexiconEntry("unit", ids=(self.snapshot.units[0].id,))
            if self.snapshot.units
            else LexiconEntry("department")
        )
        for kind, entry in (("own", own), ("department", LexiconEntry("department")), ("subordinates", None)):
            for word in self.words.list("units", kind):
                self.entries[word] = entry or LexiconEntry("subordinates")

    def projects(self) -> None:
        by_name: dict[str, list[str]] = {}
        for project in self.snapshot.projects:
            if project.name:
                by_name.setdefault(project.name, []).append(project.id)
        for name, ids in by_name.items():
            self.entries[name] = LexiconEntry("project", ids=tuple(ids))
        self.drafts[PROJECTS] = _Draft(
            PROJECTS, "全部项目", {ANY_FUND: "P01.*.actual"}, {ANY_FUND: "P01.*.budget"}
        )


def _income_only(form: Form) -> bool:
    return "收入" in form.title and "支出" not in form.title


def _count_units(name: str) -> tuple[str, tuple[str, ...]]:
    """ "主要领导干部用车（辆）" → ("主要领导干部用车", ("辆",)); "…（台/套）" gives both."""
    m = _COUNT_SUFFIX.search(name)
    if m is None or not m.group(1) or len(m.group(1)) > 5:
        return name, ()
    return name[: m.start()], tuple(m.group(1).split("/"))


def _code_variants(name: str) -> Iterator[tuple[str, bool]]:
    yield name, False
    stem = name.removesuffix("支出")
    if stem != name and len(stem) >= 2:
        yield stem, True


def _name_variants(name: str) -> Iterator[str]:
    """A unit's name, then without its leading region names (攀枝花市西区财政局 → 西区财政局 → 财政局)."""
    text = name.strip()
    while len(text) >= 3:
        yield text
        shorter = _REGION.sub("", text, count=1)
        if shorter == text:
            return
        text = shorter


_KEPT = 8  # lexicons kept: a few datasets open at once, each a few states (units, projects) apart
_built: OrderedDict[tuple[object, ...], tuple[ReaderEdition, Lexicon]] = OrderedDict()


def lexicon_for(snapshot: Snapshot, edition: ReaderEdition) -> Lexicon:
    """The lexicon of this edition and dataset state, built once: edits to figures or texts reuse it."""
    key = (
        edition.key(),
        snapshot.department.name,
        snapshot.units,
        tuple((p.id, p.name) for p in snapshot.projects),
    )
    if key in _built:
        _built.move_to_end(key)
        return _built[key][1]
    lexicon = build_lexicon(snapshot, edition)
    _built[key] = (edition, lexicon)  # the edition kept alive: the key holds ids of its parts
    while len(_built) > _KEPT:
        _built.popitem(last=False)
    return lexicon


def build_lexicon(snapshot: Snapshot, edition: ReaderEdition) -> Lexicon:
    vocabulary = words()
    builder = _Builder(snapshot, edition, vocabulary, synonyms())
    builder.synonyms()
    builder.forms()
    builder.codes()
    builder.units()
    builder.projects()
    boundary = Boundary(vocabulary.list("boundary", "left"), vocabulary.list("boundary", "right"))
    concepts = {key: draft.frozen() for key, draft in builder.drafts.items()}
    return Lexicon(builder.entries, concepts, boundary, builder.code_concept)
