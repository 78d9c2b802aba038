"""Every edition loads, and every reference in it names something real: formulas and rules name
cells of its catalogue, computed cells have no cycles, its template's slots and expressions
resolve, its package names its forms. The merge rule of editions, and their errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from desktop.forms import expr
from desktop.forms.calc import CycleError, topological_ranks
from desktop.forms.catalogue import Catalogue, CatalogueError, load_catalogue, load_form
from desktop.forms.edition import Edition, EditionError, default_edition, edition_ids, editions, load_edition
from desktop.forms.structure import CellDef, Structure, build_cells
from desktop.forms.template import BUILTINS, INLINE_KINDS, SLOT_KINDS, NarrativeTemplate, slot_references
from desktop.rules.ruleset import edition_rules
from tests.helpers import child_edition, editions_copy

SAMPLE_ROWS = {
    "G02": "2010601",
    "G03": "2010601",
    "G05": "2010601",
    "G08": "2120802",
    "G09": "2230101",
    "G06": "30101",
}
EDITIONS = edition_ids()


def full_structure() -> Structure:
    structure = Structure()
    for form, row in SAMPLE_ROWS.items():
        structure.add(form, row)
    structure.add("P01", "p1")
    structure.add("P01", "p1.i1")
    return structure


@pytest.fixture(params=EDITIONS)
def edition(request: pytest.FixtureRequest) -> Edition:
    return load_edition(request.param)


def test_there_are_the_two_editions_of_the_issue() -> None:
    assert {"sichuan-2020", "shanghai-2024"} <= set(EDITIONS)


def test_every_form_is_there_once_in_the_package_order(edition: Edition) -> None:
    assert tuple(edition.catalogue.forms) == edition.package.forms
    for form in edition.catalogue:
        for columns in (form.columns, form.indicator_columns):
            ids = [c.id for c in columns]
            assert len(ids) == len(set(ids)), form.id
        rows = [r.id for r in form.rows]
        assert len(rows) == len(set(rows)), form.id
    assert set(edition.package.tables) <= set(edition.package.sheets) <= set(edition.package.forms)


def test_every_formula_reference_names_a_real_cell(edition: Edition) -> None:
    cat = edition.catalogue
    for cell in build_cells(cat, full_structure()).values():
        if cell.formula is not None:
            for ref in expr.refs(cell.formula):
                assert cat.knows(ref.path), f"{edition.id}: {cell.id} reads unknown {ref.path}"


def test_computed_cells_have_no_cycles(edition: Edition) -> None:
    assert topological_ranks(build_cells(edition.catalogue, full_structure()))


def test_a_cycle_is_reported() -> None:
    loop = {
        "A01.a.x": CellDef("A01.a.x", "A01", "a", "x", "amount", expr.parse("A01.b.x")),
        "A01.b.x": CellDef("A01.b.x", "A01", "b", "x", "amount", expr.parse("A01.a.x")),
    }
    with pytest.raises(CycleError, match="循环"):
        topological_ranks(loop)


def _sample_row(domain: str | None) -> str:
    if domain is None:
        return ""
    kind = domain.partition(":")[0]
    return {"rows": "2010601", "items": "2010601", "projects": "p1", "indicators": "p1.i1", "tree": "A11"}[
        kind
    ]


def test_every_rule_reference_names_a_real_cell(edition: Edition) -> None:
    cat = edition.catalogue
    for rule in edition_rules(edition):
        row = _sample_row(rule.param("for_each"))
        for name in ("left", "right", "check", "when", "cell", "actual", "budget"):
            text = rule.param(name)
            if text is None:
                continue
            for ref in expr.refs(expr.parse(expr.substitute(text, row=row))):
                assert cat.knows(ref.path), f"{edition.id}: rule {rule.id} reads unknown {ref.path}"


# ---------------------------------------------------------------- the narrative template


def _expression_cells(text: str) -> Iterator[str]:
    for ref in expr.refs(expr.parse(expr.substitute(text, row="2010601"))):
        if not ref.path.startswith("project."):
            yield ref.path


def _spec_expressions(spec: Mapping[str, Any]) -> Iterator[str]:
    for key in ("cell", "actual", "budget", "base", "filter", "when"):
        if isinstance(spec.get(key), str) and spec[key]:
            yield spec[key]
    for item in spec.get("items", ()):
        if isinstance(item, Mapping):
            yield from (str(item[k]) for k in ("value", "budget") if k in item)
    for case in spec.get("cases", ()):
        yield str(case["when"])


class TemplateCheck:
    """Walks a template: every slot a text uses must be a variable of its place, a named slot in
    scope, a built-in or an inline kind; every expression must name cells of the catalogue."""

    def __init__(self, template: NarrativeTemplate, catalogue: Catalogue) -> None:
        self.template, self.catalogue = template, catalogue
        self.problems: list[str] = []

    def text(self, text: str, names: set[str], where: str) -> None:
        for name, arg in slot_references(text):
            if arg is not None:
                if name not in INLINE_KINDS:
                    self.problems.append(f"{where}: 未知的 {{{name}:…}}")
                elif name in ("amount", "count", "share"):
                    for part in arg.split("|"):
                        self.expression(part, where)
            elif name not in names and name not in BUILTINS:
                self.problems.append(f"{where}: {{{name}}} 无处可取")

    def expression(self, text: str, where: str) -> None:
        try:
            cells = list(_expression_cells(text))
        except expr.ExprError as exc:
            self.problems.append(f"{where}: {exc}")
            return
        self.problems += [f"{where}: {cell} 不存在" for cell in cells if not self.catalogue.knows(cell)]

    def spec(self, spec: Mapping[str, Any], names: set[str], where: str) -> None:
        kind = str(spec["kind"])
        for text in _spec_expressions(spec):
            self.expression(text, where)
        inner = set(spec.get("slots", {}))
        for name, child in spec.get("slots", {}).items():
            self.spec(child, names | set(SLOT_KINDS["rows"][2]) | inner, f"{where} slots.{name}")
        own = {k for k, v in spec.items() if isinstance(v, str)} | set(SLOT_KINDS[kind][2]) | inner
        wordings = ("head", "lead", "else", "changed", "same", "missing", "differs", "rate", "none")
        for key in (*SLOT_KINDS[kind][1], *wordings):
            wording = spec.get(key, self.template.wording.get(kind, {}).get(key))
            if isinstance(wording, str):
                self.text(wording, names | own, f"{where} {key}")
        for line in spec.get("intro", ()):
            self.text(str(line), names | own, f"{where} intro")
        for case in spec.get("cases", ()):
            self.text(str(case["text"]), names, f"{where} case")


def template_problems(edition: Edition) -> list[str]:
    template = edition.template
    check = TemplateCheck(template, edition.catalogue)
    top = set(template.slots)
    check.text(template.title, top, "title")
    for name, spec in template.slots.items():
        check.spec(spec, top, f"slots.{name}")
    for section in template.sections:
        names = top | set(section.slots)
        for name, spec in section.slots.items():
            check.spec(spec, names, f"{section.id} slots.{name}")
        for number, paragraph in enumerate(section.paragraphs, start=1):
            where, local = f"{section.id} 段落{number}", names | set(paragraph.slots)
            for spec in paragraph.slots.values():
                check.spec(spec, local | set(SLOT_KINDS["rows"][2]) | set(SLOT_KINDS["projects"][2]), where)
            if paragraph.when:
                check.expression(paragraph.when, where)
            if paragraph.kind == "text":
                check.text(paragraph.text, local, where)
            else:
                check.spec(paragraph.spec, local, where)
    for entry in template.glossary.entries:
        if entry.rows:
            check.spec(entry.rows, top, "名词解释")
        else:
            check.text(entry.text, top, f"名词解释 {entry.term}")
            if entry.when:
                check.expression(entry.when, f"名词解释 {entry.term}")
    return check.problems


def test_every_template_slot_and_expression_resolves(edition: Edition) -> None:
    assert template_problems(edition) == []


def test_the_template_check_finds_a_broken_reference(tmp_path: Path) -> None:
    root = editions_copy(tmp_path)
    folder = child_edition(root, "broken-2021", "sichuan-2020")
    (folder / "narrative.toml").write_text(
        '[[section]]\nid = "overview"\ntitle = "x"\n[[section.paragraph]]\n'
        'text = "{nothing}{amount:G05.total.nope}"\n',
        encoding="utf-8",
    )
    problems = template_problems(load_edition("broken-2021", root))
    assert any("{nothing}" in p for p in problems) and any("G05.total.nope" in p for p in problems)


# ---------------------------------------------------------------- loading and merging


def test_load_errors_name_the_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "G99.toml"
    bad.write_text('id = "G99"\ntitle = "x"\nlabel = "x"\nstep = "x"\nkind = "fixed"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"G99\.toml: 缺少 'columns'"):
        load_form(bad)
    bad.write_text(
        'id = "G99"\ntitle = "x"\nlabel = "x"\nstep = "x"\nkind = "fixed"\n'
        '[[columns]]\nid = "a"\nname = "a"\nformula = "b +"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"G99\.toml 列 a"):
        load_form(bad)


def test_a_form_whose_id_is_not_its_file_name_is_refused(tmp_path: Path) -> None:
    text = 'id = "G98"\ntitle = "x"\nstep = "x"\nkind = "fixed"\n[[columns]]\nid = "a"\nname = "a"\n'
    (tmp_path / "G97.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="不一致"):
        load_catalogue(tmp_path)


def test_a_child_patches_replaces_adds_and_removes_by_id(tmp_path: Path) -> None:
    root = editions_copy(tmp_path)
    folder = child_edition(root, "child-2021", "sichuan-2020", body="[codes]\nfunctional = 2024\n")
    forms = folder / "forms"
    forms.mkdir()
    (forms / "G07.toml").write_text(
        'title = "财政拨款“三公”经费支出决算表"\n'
        '[[columns]]\nid = "abroad"\nname = "因公出国（境）费用"\n'
        '[[columns]]\nid = "training"\nname = "培训费"\nafter = "abroad"\n'
        '[[columns]]\nid = "reception"\nremove = true\n',
        encoding="utf-8",
    )
    (forms / "G09.toml").write_text(
        'replace = true\nid = "G09"\ntitle = "新表"\nstep = "x"\nkind = "classified"\ncodes = "functional"\n'
        '[[columns]]\nid = "total"\nname = "合计"\n',
        encoding="utf-8",
    )
    (folder / "rules").mkdir()
    (folder / "rules" / "more.toml").write_text(
        '[[rule]]\nid = "yoy.total"\nlabel = "收支合计"\n[[rule]]\nid = "X01.proc_sme"\nremove = true\n',
        encoding="utf-8",
    )
    child, parent = load_edition("child-2021", root), load_edition("sichuan-2020", root)
    g07 = child.catalogue.form("G07")
    assert g07.title == "财政拨款“三公”经费支出决算表" and g07.label == "公开07表"  # patched, the rest kept
    assert [c.id for c in g07.columns] == ["total", "abroad", "training", "vehicle", "vehicle_purchase",
                                           "vehicle_operation"]  # fmt: skip
    assert g07.column("abroad").name == "因公出国（境）费用"  # type: ignore[union-attr]
    assert [c.id for c in child.catalogue.form("G09").columns] == ["total"]  # replaced whole
    assert child.catalogue.form("G05") == parent.catalogue.form("G05")  # inherited
    rules = {r.id: r for r in edition_rules(child)}
    assert "X01.proc_sme" not in rules
    assert rules["yoy.total"].param("label") == "收支合计" and rules["yoy.total"].kind == "yoy"
    assert child.codes.functional.year == 2024 and child.codes.economic.year == parent.codes.economic.year
    assert child.template == parent.template and child.chain == ("sichuan-2020", "child-2021")


def test_unknown_editions_and_parents_name_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(EditionError, match=r"未知的版本“nowhere-2030”.*sichuan-2020"):
        load_edition("nowhere-2030")
    with pytest.raises(EditionError, match="未知的版本"):
        load_edition("../forms")
    root = editions_copy(tmp_path)
    child_edition(root, "orphan-2021", "lost-2019")
    with pytest.raises(EditionError, match="lost-2019"):
        load_edition("orphan-2021", root)
    child_edition(root, "loop-a", "loop-b")
    child_edition(root, "loop-b", "loop-a")
    with pytest.raises(EditionError, match="循环"):
        load_edition("loop-a", root)


def test_a_package_naming_a_missing_form_is_refused(tmp_path: Path) -> None:
    root = editions_copy(tmp_path)
    child_edition(root, "short-2021", "sichuan-2020", body='[package]\ntables = ["G01", "G10"]\n')
    with pytest.raises(EditionError, match="G10"):
        load_edition("short-2021", root)


def test_removing_an_entry_the_parent_lacks_is_an_error(tmp_path: Path) -> None:
    root = editions_copy(tmp_path)
    folder = child_edition(root, "gone-2021", "sichuan-2020")
    (folder / "forms").mkdir()
    (folder / "forms" / "G07.toml").write_text('[[rows]]\nid = "forecast"\nremove = true\n', encoding="utf-8")
    with pytest.raises(EditionError, match="forecast"):
        load_edition("gone-2021", root)


@pytest.mark.parametrize(("year", "expected"), [(2019, "sichuan-2020"), (2020, "sichuan-2020"),
                                                (2023, "sichuan-2020"), (2024, "shanghai-2024"),
                                                (2030, "shanghai-2024")])  # fmt: skip
def test_the_default_edition_is_the_newest_not_after_the_year(year: int, expected: str) -> None:
    assert default_edition(year).id == expected


def test_editions_are_listed_oldest_first_and_loaded_once() -> None:
    listed = editions()
    assert [e.year for e in listed] == sorted(e.year for e in listed)
    assert load_edition("shanghai-2024") is load_edition("shanghai-2024")
