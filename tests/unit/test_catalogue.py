"""The catalogue loads, every reference in a formula or rule names a real cell, no cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.forms import expr
from desktop.forms.calc import CycleError, topological_ranks
from desktop.forms.catalogue import FORM_ORDER, CatalogueError, catalogue, load_catalogue, load_form
from desktop.forms.structure import Structure, build_cells
from desktop.rules.ruleset import RuleError, load_rules, ruleset

SAMPLE_ROWS = {
    "G02": "2010601",
    "G03": "2010601",
    "G05": "2010601",
    "G08": "2120802",
    "G09": "2230101",
    "G06": "30101",
}


def full_structure() -> Structure:
    structure = Structure()
    for form, row in SAMPLE_ROWS.items():
        structure.add(form, row)
    structure.add("P01", "p1")
    structure.add("P01", "p1.i1")
    return structure


def test_every_form_of_forms_md_is_there_once() -> None:
    assert tuple(catalogue().forms) == FORM_ORDER
    for form in catalogue():
        for columns in (form.columns, form.indicator_columns):
            ids = [c.id for c in columns]
            assert len(ids) == len(set(ids)), form.id
        rows = [r.id for r in form.rows]
        assert len(rows) == len(set(rows)), form.id


def test_every_formula_reference_names_a_real_cell() -> None:
    cat = catalogue()
    cells = build_cells(cat, full_structure())
    for cell in cells.values():
        if cell.formula is not None:
            for ref in expr.refs(cell.formula):
                assert cat.knows(ref.path), f"{cell.id} reads unknown {ref.path}"


def test_computed_cells_have_no_cycles() -> None:
    ranks = topological_ranks(build_cells(catalogue(), full_structure()))
    assert ranks  # every computed cell got a rank, so the graph is acyclic


def test_a_cycle_is_reported() -> None:
    from desktop.forms.structure import CellDef

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


def test_every_rule_reference_names_a_real_cell() -> None:
    cat = catalogue()
    for rule in ruleset():
        row = _sample_row(rule.param("for_each"))
        for name in ("left", "right", "check", "when", "cell", "actual", "budget"):
            text = rule.param(name)
            if text is None:
                continue
            for ref in expr.refs(expr.parse(expr.substitute(text, row=row))):
                assert cat.knows(ref.path), f"rule {rule.id} reads unknown {ref.path}"


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


def test_duplicate_forms_and_rules_are_refused(tmp_path: Path) -> None:
    text = (
        'id = "G98"\ntitle = "x"\nlabel = "x"\nstep = "x"\nkind = "fixed"\n'
        '[[columns]]\nid = "a"\nname = "a"\n'
    )
    (tmp_path / "G98.toml").write_text(text, encoding="utf-8")
    (tmp_path / "G97.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"不一致|重复"):
        load_catalogue(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.toml").write_text(
        '[[rule]]\nid = "x"\nkind = "compare"\nseverity = "error"\n' * 2, encoding="utf-8"
    )
    with pytest.raises(RuleError, match="重复"):
        load_rules(rules)
    assert load_rules() == ruleset()
