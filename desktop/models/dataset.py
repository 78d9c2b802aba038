"""The `Dataset` facade: the one API through which the CLI and the window read and change data.

Every accepted change is one committed transaction together with its change-log rows; the in-memory
calculators and validator (desktop.models.state) follow, and the caller gets back what changed and
the findings that appeared or cleared. The store, its schema and the validator stay behind it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import peewee as pw

from desktop import long_lived
from desktop.forms.calc import Calculator, CellValue
from desktop.forms.catalogue import Catalogue
from desktop.forms.edition import Edition, EditionError, default_edition, load_edition
from desktop.forms.layout import SheetRow, sheet_rows
from desktop.forms.naming import Naming
from desktop.forms.structure import CellDef, code_level
from desktop.models import derive, edits, history, org_unit_edits, store
from desktop.models.assists import Assists
from desktop.models.edits import DEPARTMENT_CELLS
from desktop.models.ops import LoggedOp, Op, changes, final
from desktop.models.org_unit_access import OrgUnitAccess
from desktop.models.results import EditResult, merge_results
from desktop.models.schema import Schema
from desktop.models.snapshot import Department, Snapshot, Unit
from desktop.models.snapshot_of import snapshot_of
from desktop.models.state import Memory
from desktop.models.store.tables import Tables
from desktop.models.undo_redo import UndoRedo
from desktop.models.values import CellError
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef, edition_rules

__all__ = ["DEPARTMENT_CELLS", "Dataset", "EditResult"]


class Dataset(Assists, OrgUnitAccess, UndoRedo):
    """One open .jsd file. Use `Dataset.create` or `Dataset.open`; close it when done."""

    def __init__(self, path: Path, db: pw.SqliteDatabase, schema: Schema, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only  # opened from a file that cannot be written: no edits
        self._db = db
        self._schema = schema
        self._tables = Tables(schema)
        # The edition is the dataset's own: two datasets of different editions never share forms,
        # rules or code lists.
        self.edition: Edition = load_edition(store.edition_id(schema))
        self.rules: tuple[RuleDef, ...] = edition_rules(self.edition)
        self._memory = Memory(self.edition, self.rules, self._tables.load())
        self._undo_possible = history.last_done(schema) is not None  # asked after each edit: kept here
        self._redo_possible = history.last_undone(schema) is not None

    # --- opening and closing --------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        name: str,
        year: int,
        *,
        code: str = "",
        units: Iterable[Unit] = (),
        edition: str | None = None,
        scratch: bool = False,
    ) -> Dataset:
        """A new file of `edition` (default: the newest edition not after `year`); an unknown
        edition raises EditionError before any file is made; if making the file fails (a full
        disk), no partial file is left behind. `scratch`: see `store.new_file`."""
        path = Path(path)
        chosen = load_edition(edition) if edition is not None else default_edition(year)
        db, schema = store.new_file(path, chosen.id, scratch=scratch)
        try:
            dataset = cls(path, db, schema)
            unit_list = list(units) or [Unit("u1", name, "行政单位")]
            dataset.set_department(name, code, year, units=unit_list, source="system")
        except BaseException as exc:
            db.close()
            store.remove_file(path)
            if isinstance(exc, (pw.DatabaseError, sqlite3.Error)):
                raise store.StoreError(f"无法新建 {path}：{exc}。未留下不完整的文件。") from exc
            if isinstance(exc, CellError):  # the units as entered (a 单位代码 twice)
                raise store.StoreError(f"无法新建 {path.name}：{exc}") from exc
            raise
        long_lived.opened()
        return dataset

    @classmethod
    def open(cls, path: Path) -> Dataset:
        """Open for editing, or read-only when the file or its folder cannot be written
        (`read_only` says which); StoreError with a clear message for a file that is
        missing, damaged, foreign, from a newer version or in use."""
        path = Path(path)
        db, schema, read_only = store.open_file(path)
        try:
            dataset = cls(path, db, schema, read_only=read_only)
        except EditionError as exc:  # an edition this copy of the app does not have
            db.close()
            raise store.StoreError(
                f"无法打开 {path.name}：{exc}（文件可能由更新版本的决算填报助手创建）"
            ) from exc
        except Exception as exc:  # whatever a damaged file makes the loading trip over
            db.close()
            raise store.damaged(path, exc) from exc
        long_lived.opened()
        return dataset

    def close(self) -> None:
        if not self._db.is_closed():
            self._db.close()
            long_lived.closed()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ----------------------------------------------------------------------

    @property
    def meta(self) -> Mapping[str, str]:
        """The file's settings and marks (read-only: change them through edits)."""
        return MappingProxyType(self._memory.meta)

    @property
    def catalogue(self) -> Catalogue:
        return self._memory.catalogue

    @property
    def naming(self) -> Naming:
        return self._memory.naming

    @property
    def units(self) -> list[Unit]:
        return list(self._memory.units)

    @property
    def texts(self) -> Mapping[str, str]:
        return MappingProxyType(self._memory.texts)

    @property
    def threshold(self) -> Decimal:
        """The year-over-year change beyond which a reason is required."""
        return self._memory.context.settings.threshold

    @property
    def schema_version(self) -> int:
        return store.schema_version(self._schema)

    @property
    def department(self) -> Department:
        return self._memory.department()

    @property
    def has_prior(self) -> bool:
        return self._memory.has_prior

    def calc(self, year: str = "current") -> Calculator:
        return self._memory.years[year].calc

    def cells(self, year: str = "current") -> Mapping[str, CellDef]:
        return self._memory.years[year].calc.cells

    def get(self, cell: str, year: str = "current") -> CellValue:
        return self._memory.years[year].calc.value(cell)

    def number(self, cell: str, year: str = "current") -> Decimal | None:
        return self._memory.years[year].calc.number(cell)

    def rows(self, form: str, year: str = "current") -> list[str]:
        """Dynamic rows of a form (项 codes, projects, indicators) in entry order."""
        return list(self._memory.years[year].structure.of(form))

    def has_figures(self, year: str = "current") -> bool:
        """Whether a year holds figures (anything beyond the cover, projects and scores)."""
        return self._memory.has_figures(year)

    def text(self, key: str) -> str:
        return self._memory.texts.get(key, "")

    def sheet(self, form: str, year: str = "current", *, marked: bool = False) -> list[SheetRow]:
        """The rows of a form as the official table prints them (for grids and exports);
        `marked`: a subject name that came from an imported workbook says so (grids)."""
        structure = self._memory.years[year].structure
        return sheet_rows(self.catalogue, self.naming, self.catalogue.form(form), structure, marked=marked)

    def findings(self) -> list[Finding]:
        return self._memory.validator.all()

    def declared(self, year: str = "current") -> Mapping[str, Decimal]:
        return MappingProxyType(self._memory.years[year].declared)

    def cell_def(self, cell_id: str, year: str = "current") -> CellDef:
        """The definition of a cell that exists or that typing would create (a new 项 row)."""
        return edits.cell_def(self._memory, cell_id, year)

    # --- changing ---------------------------------------------------------------------

    def set(
        self, cell_id: str, text: str | None, *, source: str = "typed", year: str = "current"
    ) -> EditResult:
        """Set one input cell from typed text; refused (nothing changes) when invalid."""
        return self.set_many({cell_id: text}, source=source, year=year, label=f"修改 {cell_id}")

    def set_many(
        self,
        values: Mapping[str, str | None],
        *,
        source: str = "paste",
        year: str = "current",
        label: str = "粘贴",
    ) -> EditResult:
        """Set several cells as one action (a paste): all are accepted or none."""
        org_unit_edits.refuse_department_figures(self._memory, values)
        return self.apply(edits.value_ops(self._memory, values, year), label=label, source=source)

    def set_text(self, key: str, value: str, *, source: str = "typed") -> EditResult:
        return self.apply([Op.text(key, value.strip() or None)], label=f"修改文字 {key}", source=source)

    def add_row(self, form: str, row: str, *, year: str = "current") -> EditResult:
        definition = self.catalogue.form(form)
        if definition.kind == "classified" and code_level(row) != definition.input_level:
            digits = 7 if definition.input_level == 3 else 5
            raise CellError(f"{form} 只能添加 {digits} 位科目编码，“{row}”不符合")
        ops = edits.new_row_ops(self._memory, form, row, year)
        return self.apply(ops, label=f"添加行 {row}", source="typed") if ops else EditResult()

    def remove_row(self, form: str, row: str, *, year: str = "current") -> EditResult:
        """Remove a dynamic row and its values (indicators go with their project)."""
        ops = edits.remove_row_ops(self._memory, form, row, year)
        ops += org_unit_edits.row_ops(self._memory, form, row, year)
        return self.apply(ops, label=f"删除行 {row}", source="typed")

    def set_department(
        self, name: str, code: str, year: int, *, units: Iterable[Unit] | None = None, source: str = "typed"
    ) -> EditResult:
        return self.apply(self.department_ops(name, code, year, units), label="单位基本情况", source=source)

    def department_ops(
        self, name: str, code: str, year: int, units: Iterable[Unit] | None = None
    ) -> list[Op]:
        """The department block lives in meta and mirrors into F00 cells."""
        if units is None:
            return edits.department_ops(self._memory, name, code, year, None)
        unit_list = list(units)
        org_unit_edits.check_codes(unit_list)
        ops = edits.department_ops(self._memory, name, code, year, unit_list)
        return ops + org_unit_edits.removed_units_ops(self._memory, unit_list)

    def set_setting(self, key: str, value: str | None, *, source: str = "system") -> EditResult:
        return self.apply([Op.meta(key, value)], label=f"设置 {key}", source=source)

    def clear_ops(self, year: str, *, keep: tuple[str, ...] | None = None) -> list[Op]:
        """Ops that empty a year's figures, file totals and dynamic rows, except forms in `keep`
        (default: the cover)."""
        return edits.clear_ops(self._memory, year, keep) + org_unit_edits.clear_ops(self._memory, year, keep)

    # --- the one write path -------------------------------------------------------------

    def apply(self, ops: list[Op], *, label: str, source: str, fresh: bool = False) -> EditResult:
        """Write ops, their log, the file totals typed and pasted edits make stale and the
        figures other tables determine in ONE transaction, bringing memory up to date.
        `fresh`: filling a file made just now: no undo record (nothing to undo) and no findings
        delta (none seen yet). An import's delta nobody reads (the window shows every finding
        afresh): its findings are derived whole when next asked for (`Memory.after`)."""
        logged = self._logged(ops)
        if not logged:
            return EditResult(label=label)
        with self._writing():
            if self._redo_possible:
                history.forget_redo(self._schema)
            batch = None if fresh else history.write_batch(self._schema, label, source, logged)
            whole = source == "import"
            result = self._write(logged, label, fresh=fresh, whole=whole)
            if source in ("typed", "paste"):
                result = self._drop_stale_declared(batch, result)
            if source in ("typed", "paste", "import") and not self.by_org_unit:  # sums, not derived
                result = self._follow_derived(batch, result, _current_cells(logged), whole=whole)
        self._redo_possible = False
        self._undo_possible = self._undo_possible or batch is not None
        return result

    def _logged(self, ops: Iterable[Op]) -> list[LoggedOp]:
        """The ops that change something, each with the value it replaces."""
        logged = [LoggedOp(op, self._memory.old(op)) for op in final(ops)]
        return [item for item in logged if changes(item)]

    def _write(
        self, logged: list[LoggedOp], label: str, *, fresh: bool = False, whole: bool = False
    ) -> EditResult:
        """Write changes (within the caller's transaction) and bring memory up to date."""
        placed = self._tables.write(item.op for item in logged)
        has_units = any(item.op.kind == "unit" for item in logged)
        units = self._tables.units() if has_units else self._memory.units
        return self._memory.after(logged, label, placed, units, fresh=fresh, whole=whole)

    def _follow_derived(
        self, batch: int | None, result: EditResult, edited: frozenset[str], *, whole: bool
    ) -> EditResult:
        """Fill the figures other tables determine, in the same batch (undone with the edit)."""
        changed = result.cells
        for _round in range(3):  # a filled cell may feed another derivation
            logged = self._logged(derive.follow_up_ops(self, changed, edited))
            if not logged:
                break
            more = self._append(batch, logged, result.label, whole=whole)
            result = merge_results(result, more)
            changed, edited = more.cells, frozenset()
        return result

    def _drop_stale_declared(self, batch: int | None, result: EditResult) -> EditResult:
        """Once the clerk changes a figure, the imported file's totals no longer apply to
        the cells it recomputed: forget them (in the same batch, so undo brings them back)."""
        declared = self._memory.years["current"].declared
        stale = [LoggedOp(Op.declared(c, None), str(declared[c])) for c in result.cells if c in declared]
        if not stale:
            return result
        more = self._append(batch, stale, result.label)
        return replace(result, findings=merge_results(result, more).findings)

    def _append(
        self, batch: int | None, logged: list[LoggedOp], label: str, *, whole: bool = False
    ) -> EditResult:
        """Write more changes into an action that is already recorded (within its transaction);
        batch None: a fresh file's filling, not recorded."""
        with self._db.atomic():
            if batch is not None:
                history.append_changes(self._schema, batch, logged)
            return self._write(logged, label, fresh=batch is None, whole=whole)

    def require_writable(self) -> None:
        """ReadOnlyError (a refusal with the reason) for a dataset opened read-only."""
        if self.read_only:
            raise store.ReadOnlyError(store.read_only_message(self.path))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction; if it fails (a full disk), nothing of it stays in the file and
        memory is read back from the file, so both show the state before the action."""
        self.require_writable()
        try:
            with self._db.atomic():
                yield
        except BaseException as exc:
            self._memory.load(self._tables.load())
            if isinstance(exc, (pw.DatabaseError, sqlite3.Error)):
                why = store.sqlite_reason(exc)
            elif isinstance(exc, (ValueError, KeyError, TypeError)):  # a damaged record (undo of one)
                why = f"文件中的记录已损坏：{exc!r}"[:200]
            else:
                raise
            message = f"修改未能保存到 {self.path.name}（{why}），文件保持修改前的状态。"
            raise store.StoreError(message) from exc

    # --- snapshots and backups ----------------------------------------------------------

    def backup(self, reason: str = "") -> Path:
        return store.backup(self._db, self.path, reason)

    def copy_beside(self, path: Path, reason: str = "") -> Path:
        """A consistent copy of the open file, made like a backup of `path` (a scratch copy)."""
        return store.backup(self._db, path, reason)

    def protected(self) -> dict[Path, str]:
        """Files an output of this dataset must never be written over."""
        own = {self.path: "打开的数据文件", store.backup_folder(self.path): "数据文件的备份文件夹"}
        return own | {self.path.with_name(self.path.name + s): "数据文件的日志" for s in ("-wal", "-shm")}

    def snapshot(self) -> Snapshot:
        return snapshot_of(self)


def _current_cells(logged: list[LoggedOp]) -> frozenset[str]:
    return frozenset(i.op.target for i in logged if i.op.kind == "cell" and i.op.year == "current")
