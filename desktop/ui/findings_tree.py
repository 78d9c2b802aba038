"""The findings panel's tree: findings grouped by severity, then by form, in form order, each
group counting its findings. Built whole, or updated in place from a findings delta, so a
keystroke that changes one finding touches a few items instead of rebuilding hundreds (and the
clerk's scroll position and collapsed groups stay as they were)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desktop.rules.finding import SEVERITIES, SEVERITY_NAMES, Finding
from desktop.ui.grid_markers import SEVERITY_COLOURS
from desktop.ui.qt import Qt, QTreeWidget, QTreeWidgetItem
from desktop.ui.text import tr

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsTree:
    def __init__(
        self, tree: QTreeWidget, label: Callable[[Finding], str], form_name: Callable[[str], str]
    ) -> None:
        self.tree = tree
        self.label = label
        self.form_name = form_name
        self.key: Callable[[Finding], Any] = lambda f: f.cells
        self.items: dict[int, QTreeWidgetItem] = {}  # by the finding's identity: findings hold dicts
        self.heads: dict[str, QTreeWidgetItem] = {}
        self.form_heads: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.empty: QTreeWidgetItem | None = None  # the note that there are no findings

    def build(self, findings: Sequence[Finding], key: Callable[[Finding], Any]) -> None:
        self.key = key
        self.tree.clear()
        self.items, self.heads, self.form_heads, self.empty = {}, {}, {}, None
        for finding in sorted(findings, key=key):
            self._group(finding).addChild(self._item(finding))
        for group in list(self.form_heads):
            self._recount(group)
        self._show_empty()

    def apply(self, added: Sequence[Finding], removed: Sequence[Finding]) -> bool:
        """Take out `removed`, put in `added`; False (nothing changed) when a removed finding
        is not in the tree, so the caller rebuilds instead."""
        if any(id(f) not in self.items for f in removed):
            return False
        added, removed = self._renew(added, removed)
        emptied = {(f.severity, f.form) for f in removed}
        for finding in removed:
            self.form_heads[(finding.severity, finding.form)].removeChild(self.items.pop(id(finding)))
        for group in emptied:  # before inserting: an empty group has no place to sort by
            self._recount(group)
        touched: set[tuple[str, str]] = set()
        for finding in added:
            self._insert(self._group(finding), self._item(finding), self.key(finding))
            touched.add((finding.severity, finding.form))
        for group in touched:
            self._recount(group)
        self._show_empty()
        return True

    def _renew(
        self, added: Sequence[Finding], removed: Sequence[Finding]
    ) -> tuple[list[Finding], list[Finding]]:
        """A finding that comes back with new figures (the same rule, cells, severity and place)
        keeps its item, its text set anew: the tree repaints that line, if it is shown, instead
        of laying itself out again. The rest is left to take out and put in."""
        gone: dict[tuple[Any, ...], list[Finding]] = {}
        for finding in removed:
            gone.setdefault(_identity(finding), []).append(finding)
        fresh = []
        for finding in added:
            olds = gone.get(_identity(finding))
            if olds and self.key(olds[-1]) == self.key(finding):
                self._relabel(olds.pop(), finding)
            else:
                fresh.append(finding)
        return fresh, [f for olds in gone.values() for f in olds]

    def _relabel(self, old: Finding, new: Finding) -> None:
        item = self.items.pop(id(old))
        model = self.tree.model()
        model.blockSignals(True)  # the tip and the finding behind the line show nothing: no
        try:  # repaint, no new line height for them
            item.setToolTip(0, new.message)
            item.setData(0, FINDING_ROLE, new)
        finally:
            model.blockSignals(False)
        item.setText(0, self.label(new))  # the one repaint of the line, when its text changed
        self.items[id(new)] = item

    def item_of(self, finding: Finding) -> QTreeWidgetItem | None:
        return self.items.get(id(finding))

    def findings(self) -> list[Finding]:
        return [item.data(0, FINDING_ROLE) for item in self.items.values()]

    # --- items --------------------------------------------------------------------------

    def _item(self, finding: Finding) -> QTreeWidgetItem:
        item = QTreeWidgetItem([self.label(finding)])
        item.setData(0, FINDING_ROLE, finding)
        item.setToolTip(0, finding.message)
        self.items[id(finding)] = item
        return item

    def _group(self, finding: Finding) -> QTreeWidgetItem:
        """The finding's form group, made (expanded, in its place) when it is the first."""
        severity, form = finding.severity, finding.form
        head = self.heads.get(severity)
        if head is None:
            head = self.heads[severity] = _head("", None)
            head.setForeground(0, SEVERITY_COLOURS[severity])
            self._drop_empty()
            place = sum(1 for s in SEVERITIES[: SEVERITIES.index(severity)] if s in self.heads)
            self.tree.insertTopLevelItem(place, head)
            head.setExpanded(True)
        form_head = self.form_heads.get((severity, form))
        if form_head is None:
            form_head = self.form_heads[(severity, form)] = _head("", None)
            self._insert(head, form_head, self.key(finding))
            form_head.setExpanded(True)
        return form_head

    def _insert(self, parent: QTreeWidgetItem, child: QTreeWidgetItem, key: Any) -> None:
        """Put `child` where `key` sorts among `parent`'s children (a form group sorts by its
        first finding)."""
        low, high = 0, parent.childCount()
        while low < high:
            middle = (low + high) // 2
            if self._key_of(_child(parent, middle)) < key:
                low = middle + 1
            else:
                high = middle
        parent.insertChild(low, child)

    def _key_of(self, item: QTreeWidgetItem) -> Any:
        while not isinstance(finding := item.data(0, FINDING_ROLE), Finding):
            item = _child(item, 0)
        return self.key(finding)

    # --- counts and the empty note --------------------------------------------------------

    def _recount(self, group: tuple[str, str]) -> None:
        """Drop the group's heads once empty, else count again."""
        severity, form = group
        head, form_head = self.heads.get(severity), self.form_heads.get(group)
        if head is None or form_head is None:
            return
        if form_head.childCount() == 0:
            head.removeChild(self.form_heads.pop(group))
        else:
            form_head.setText(0, f"{self.form_name(form)}（{form_head.childCount()}）")
        if head.childCount() == 0:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self.heads.pop(severity)))
        else:
            total = sum(form_head.childCount() for form_head in _children(head))
            head.setText(0, f"{SEVERITY_NAMES[severity]}（{total}）")

    def _show_empty(self) -> None:
        if not self.heads and self.empty is None:
            self.empty = QTreeWidgetItem([tr("没有发现问题")])
            self.empty.setData(0, FINDING_ROLE, False)
            self.tree.addTopLevelItem(self.empty)

    def _drop_empty(self) -> None:
        if self.empty is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self.empty))
            self.empty = None


def _identity(finding: Finding) -> tuple[Any, ...]:
    return finding.rule, finding.cells, finding.severity


def _head(text: str, parent: QTreeWidgetItem | None) -> QTreeWidgetItem:
    head = QTreeWidgetItem([text])
    head.setData(0, FINDING_ROLE, False)  # never read back an empty role: see qt.py
    if parent is not None:
        parent.addChild(head)
    return head


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for k in range(item.childCount()) if (child := item.child(k)) is not None]


def _child(item: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    child = item.child(index)
    assert child is not None, index
    return child
