"""The code tree a classified form keeps answers what a scan of its rows would, as rows come and go."""

from __future__ import annotations

import random

from desktop.forms.code_tree import ALL, CodeTree
from desktop.forms.structure import Structure


def scanned(rows: list[str], code: str) -> list[str]:
    width = 3 if code == ALL else len(code) + 2
    return sorted({r[:width] for r in rows if r.startswith(code)} - {code})


def test_children_follow_adds_and_removes() -> None:
    rng = random.Random(3)
    codes = [f"2{c:02d}{k:02d}{i:02d}" for c in range(3) for k in range(3) for i in range(3)]
    structure = Structure()
    for _step in range(300):
        code = rng.choice(codes + [c[:5] for c in codes])
        if structure.has("G05", code):
            structure.remove("G05", code)
        else:
            structure.add("G05", code)
        rows, tree = structure.of("G05"), structure.tree("G05")
        for parent in [ALL, *{r[:3] for r in codes}, *{r[:5] for r in codes}]:
            assert tree.children(parent) == scanned(rows, parent), parent
    assert CodeTree(structure.of("G05")).under == structure.tree("G05").under


def test_rows_that_are_not_codes_leave_the_answer_to_a_scan() -> None:
    tree = CodeTree(["2010101", "P1"])
    assert tree.children(ALL) is None
    tree.count("P1", -1)
    assert tree.children(ALL) == ["201"]
    assert tree.children("201") == ["20101"]
    assert tree.children("20101") == ["2010101"]


def test_classes_are_the_class_codes_held_until_an_odd_row_comes() -> None:
    structure = Structure({"G05": ["2010101", "2010102", "2050101"]})
    tree = structure.tree("G05")
    assert set(tree.classes() or ()) == {"201", "205"}
    structure.remove("G05", "2050101")
    assert set(tree.classes() or ()) == {"201"}
    structure.add("G05", "total-ish")
    assert tree.classes() is None
