"""The findings panel follows edits in place (from each edit's findings delta): after random
edits its tree is the tree a fresh panel builds, item for item, with the selection kept."""

from __future__ import annotations

import random
from typing import Any

import pytest

from desktop.models.dataset import DEPARTMENT_CELLS
from desktop.models.state import EditResult
from desktop.rules.finding import Finding
from desktop.ui.findings_panel import FINDING_ROLE, FindingsPanel, finding_key
from desktop.ui.grid_markers import markers
from desktop.ui.main_window import MainWindow
from desktop.ui.navigator import BADGE_ROLE, badge
from desktop.ui.qt import QTreeWidgetItem
from tests.ui.helpers import page

AMOUNTS = ("", "0", "1", "250.5", "99999999", "-3", "12000")


def snapshot(item: QTreeWidgetItem) -> tuple[Any, ...]:
    data = item.data(0, FINDING_ROLE)
    children = tuple(snapshot(c) for k in range(item.childCount()) if (c := item.child(k)) is not None)
    return (item.text(0), item.toolTip(0), data if isinstance(data, Finding) else None, children)


def tree_of(panel: FindingsPanel) -> list[tuple[Any, ...]]:
    tree = panel.tree
    items = [tree.topLevelItem(k) for k in range(tree.topLevelItemCount())]
    return [snapshot(item) for item in items if item is not None]


def input_cells(window: MainWindow) -> list[str]:
    """Typed cells the rules read, so that edits come and go as findings."""
    dataset = window.session.dataset
    read = {cell for f in window.session.findings for cell in f.cells}
    return sorted(c.id for c in dataset.cells().values() if not c.computed and c.id in read)


@pytest.mark.parametrize("scope", ["all", "form"])
def test_random_edits_leave_the_tree_a_fresh_panel_builds(window: MainWindow, scope: str) -> None:
    session, panel = window.session, window.workspace.findings
    page(window, "G05")
    if scope == "form":
        panel.scope_form.click()
    results: list[EditResult] = []
    session.changed.connect(lambda result: results.append(result) if isinstance(result, EditResult) else None)
    choose = random.Random(18)
    cells = input_cells(window)
    selected: Finding | None = choose.choice([f for f in panel.shown() if f.cells])
    panel.tree.setCurrentItem(panel.groups.item_of(selected))
    cells = [c for c in cells if c not in selected.cells]  # so that it mostly stays
    kept_in_place = followed = 0
    for _edit in range(40):
        untouched = {id(f): panel.groups.item_of(f) for f in panel.groups.findings()}
        session.edit({choose.choice(cells): choose.choice(AMOUNTS)})
        delta = results[-1].findings
        fresh = FindingsPanel(session)
        fresh.scope_form.setChecked(panel.scope_form.isChecked())
        fresh.set_form(panel.form_id)
        assert tree_of(panel) == tree_of(fresh)
        key = finding_key(selected) if selected is not None else None  # once gone, gone for good
        expected = next((f for f in session.findings if finding_key(f) == key), None)
        assert panel.selected is expected
        current = panel.tree.currentItem()
        assert (current.data(0, FINDING_ROLE) if current is not None else None) is expected
        selected = expected
        followed += selected is not None
        gone = {id(f) for f in delta.removed}
        still = [item for key, item in untouched.items() if key not in gone]
        if delta and still:  # the same items, not a rebuild's new ones
            assert all(panel.groups.item_of(i.data(0, FINDING_ROLE)) is i for i in still)
            kept_in_place += 1
        fresh.deleteLater()
    assert kept_in_place >= 5, "too few edits changed a finding to prove anything"
    assert followed >= 5, "the selection was lost too soon to prove it is kept"


def test_a_collapsed_group_stays_collapsed_when_a_finding_changes(window: MainWindow) -> None:
    session, panel = window.session, window.workspace.findings
    head = panel.tree.topLevelItem(0)
    assert head is not None
    head.setExpanded(False)
    cells = input_cells(window)
    choose = random.Random(7)
    changed = 0
    for _edit in range(20):
        before = len(session.findings)
        session.edit({choose.choice(cells): choose.choice(AMOUNTS)})
        changed += len(session.findings) != before
    assert changed, "no edit changed a finding"
    if panel.tree.indexOfTopLevelItem(head) >= 0:
        assert not head.isExpanded()


def test_grid_markers_follow_edits_as_a_full_recompute_finds_them(window: MainWindow) -> None:
    session = window.session
    grids = [page(window, form).model for form in ("G05", "G06", "X01")]
    for grid in grids:
        grid.markers()  # computed once, then followed edit by edit
    choose = random.Random(5)
    cells = input_cells(window)
    moved = 0
    for _edit in range(40):
        before = [dict(markers(session, grid.layout)) for grid in grids]
        session.edit({choose.choice(cells): choose.choice(AMOUNTS)})
        for grid, had in zip(grids, before, strict=True):
            fresh = markers(session, grid.layout)
            assert sorted(grid.markers()) == sorted(fresh.values())
            moved += fresh != had
    assert moved >= 5, "too few edits moved a marker to prove anything"


def test_the_session_index_and_badges_follow_edits_as_a_full_recompute_finds_them(window: MainWindow) -> None:
    session = window.session
    steps = window.workspace.navigator.steps()
    choose = random.Random(11)
    typed = sorted(c for c in session.dataset.calc().inputs if c not in DEPARTMENT_CELLS.values())
    blank = sorted(
        c.id for c in session.dataset.cells().values() if not c.computed and not session.has_input(c.form)
    )
    cells = input_cells(window) + typed[:20] + blank[:20]  # some forms gain their first figure
    emptied = filled = 0
    for _edit in range(60):
        session.edit({choose.choice(cells): choose.choice(AMOUNTS)})
        followed = (list(session.findings), dict(session.by_cell), [badge(session, s) for s in steps])
        counts = {form: session.counts(form) for form in session.dataset.catalogue.forms}
        had = {form: session.has_input(form) for form in session.dataset.catalogue.forms}
        emptied += not all(had.values())
        filled += any(had[session.dataset.cell_def(c).form] for c in blank)
        session._index_findings()  # the full recompute, as on open
        assert followed == (session.findings, session.by_cell, [badge(session, s) for s in steps])
        assert counts == {form: session.counts(form) for form in session.dataset.catalogue.forms}
        assert had == {form: session.has_input(form) for form in session.dataset.catalogue.forms}
        shown = window.workspace.navigator
        assert [shown.item(i).data(BADGE_ROLE) for i in range(shown.count())] == [
            badge(session, s) or () for s in steps
        ]
    assert emptied and filled, "has_input never changed: it was not put to the test"
