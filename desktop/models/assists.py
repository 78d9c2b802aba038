"""What the Dataset offers the clerk beyond plain edits: the rows other tables need
(desktop.rules.companions), the figures other tables determine (desktop.models.derive), and
the history as steps (desktop.models.change_log). A mixin, so the edit path stays in dataset.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from desktop.forms.perf_tree import Doc, Renumbering, validate
from desktop.models import change_log, derive, edits, org_unit_edits, perf_tree
from desktop.models.companion_rows import missing_item_rows
from desktop.models.values import CellError, parse_cell_value, stored_text
from desktop.rules.finding import Finding

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset, EditResult


class Assists:
    @property
    def _data(self) -> Dataset:
        return cast("Dataset", self)

    def missing_rows(self, finding: Finding) -> list[tuple[str, str]]:
        """(form, row) a finding is about that the rules require and the forms lack."""
        data = self._data
        return missing_item_rows(data, finding)

    def add_rows(self, rows: list[tuple[str, str]]) -> EditResult:
        """Add rows (with their companions) as one action: “添加到…表” of a finding."""
        data = self._data
        ops = [op for form, row in rows for op in edits.new_row_ops(data._memory, form, row, "current")]
        return data.apply(ops, label=f"添加行 {'、'.join(r for _f, r in rows)}", source="typed")

    # --- figures other tables determine ------------------------------------------------

    def derivation_index(self) -> derive.DerivationIndex:
        """Which cells other tables determine; rebuilt when rows or flags change."""
        data = self._data
        cells, flags = data.cells(), derive.flags_of(data.meta)
        cached = data._memory.derivations
        if cached is None or cached[0] is not cells or cached[1] != flags:
            cached = (cells, flags, derive.DerivationIndex.build(data.rules, cells, flags))
            data._memory.derivations = cached
        return cached[2]

    def derived_mark(self, cell_id: str) -> str | None:
        """`auto` (filled from another table), `override` (typed over), or None."""
        data = self._data
        return derive.mark_of(data.meta, cell_id)

    def derived_source(self, cell_id: str) -> str | None:
        """The rule that determines a cell, when one does."""
        data = self._data
        found = data.derivation_index().by_target.get(cell_id)
        return found.rule if found else None

    def set_flag(self, flag: str, on: bool) -> EditResult:
        """A flag such as `fiscal_only`; the figures it determines are filled at once."""
        data = self._data
        label = f"{'开启' if on else '关闭'} {flag}"
        return data.apply(derive.flag_ops(data, flag, on), label=label, source="typed")

    def flag(self, flag: str) -> bool:
        data = self._data
        return data.meta.get(flag) == "1"

    def override(self, cell_id: str, text: str | None, reason: str) -> EditResult:
        """Type over a figure another table determines, with the reason (kept as a text)."""
        data = self._data
        if not reason.strip():
            raise CellError("改写由其他表推导出的数值时，请说明原因")
        org_unit_edits.refuse_department_figures(data._memory, [cell_id])
        cell = data.cell_def(cell_id)
        value = stored_text(parse_cell_value(cell, text))
        return data.apply(
            derive.override_ops(cell_id, value, reason), label=f"改写 {cell_id}", source="typed"
        )

    # --- the department's own indicator tree (整体绩效评价) ---------------------------------

    def perf_tree(self) -> Doc:
        """A copy of the department's tree document."""
        data = self._data
        return perf_tree.stored(data.meta) or perf_tree.initial(data._memory.scored())

    def change_perf_tree(self, doc: Doc, renumbering: Renumbering | None, label: str) -> EditResult:
        """Store an edited tree as one undoable action; scores follow their indicators."""
        data = self._data
        return data.apply(perf_tree.tree_ops(data, doc, renumbering), label=label, source="typed")

    def load_perf_tree(self, doc: Doc, label: str = "载入指标体系") -> EditResult:
        """Take another tree (a template, the common framework): a score stays where the new
        tree has an indicator of the same name and level."""
        data = self._data
        new = validate(doc)
        return data.change_perf_tree(new, perf_tree.by_name(data.perf_tree(), new), label)

    # --- the history as steps ------------------------------------------------------------

    def next_undo(self) -> change_log.Step | None:
        """What Ctrl+Z would undo (its label, source and cells), without doing it."""
        data = self._data
        return change_log.next_undo(data._schema)

    def next_redo(self) -> change_log.Step | None:
        data = self._data
        return change_log.next_redo(data._schema)

    def change_log(self, form: str | None = None) -> list[change_log.Entry]:
        """The file's history, newest first (编辑 › 修改记录)."""
        data = self._data
        return change_log.entries(data._schema, form)
