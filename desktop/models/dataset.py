"""The `Dataset` facade: the one API through which the CLI and the window read and change data.

Every accepted change is one committed transaction together with its change-log rows; the
in-memory calculators and validator follow, and the caller gets back what changed and the
findings that appeared or cleared.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import peewee as pw

from desktop.atomic import reason
from desktop.forms.calc import Calculator, CellValue
from desktop.forms.catalogue import Catalogue
from desktop.forms.edition import Edition, EditionError, default_edition, load_edition
from desktop.forms.layout import SheetRow, sheet_rows
from desktop.forms.naming import Naming, parse_name_key
from desktop.forms.perf_tree import with_tree
from desktop.forms.structure import CellDef, Structure, build_cells, code_level
from desktop.models import derive, history, perf_tree, store
from desktop.models.assists import Assists
from desktop.models.companion_rows import companion_ops
from desktop.models.history import LoggedOp, Op
from desktop.models.projects import projects_of
from desktop.models.schema import Schema, bulk_insert
from desktop.models.snapshot import Department, Snapshot, Unit, canonical_unit_kind
from desktop.models.values import CellError, from_stored, parse_cell_value, stored_text
from desktop.money import stored_amount
from desktop.rules.companions import RowNeed, row_needs
from desktop.rules.context import RuleContext, Settings
from desktop.rules.engine import FindingsDelta, Validator
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef, edition_rules

T = TypeVar("T")
POSITION_MARK = "@"  # a row op's value "@17": present at position 17 (any other value: append)
CellIds = set[str]  # `set` is also a method name of Dataset
DEPARTMENT_CELLS = {"name": "F00.name.value", "code": "F00.code.value", "year": "F00.year.value"}


@dataclass(frozen=True)
class EditResult:
    """What one action changed: cells (inputs and computed), texts, rows, and findings."""

    cells: frozenset[str] = frozenset()
    texts: frozenset[str] = frozenset()
    structure: bool = False
    prior: bool = False
    findings: FindingsDelta = field(default_factory=lambda: FindingsDelta((), ()))
    label: str = ""


@dataclass
class _Pending:
    """What a batch of ops changed in memory, before recomputation."""

    changes: dict[str, dict[str, CellValue]] = field(default_factory=lambda: {"current": {}, "prior": {}})
    structure: dict[str, bool] = field(default_factory=lambda: {"current": False, "prior": False})
    texts: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)
    settings: bool = False


@dataclass
class YearState:
    structure: Structure
    calc: Calculator
    declared: dict[str, Decimal]
    positions: dict[str, int] = field(default_factory=dict)  # "FORM|row" → its place in the form


class Dataset(Assists):
    """One open .jsd file. Use `Dataset.create` or `Dataset.open`; close it when done."""

    def __init__(self, path: Path, db: pw.SqliteDatabase, schema: Schema, *, read_only: bool = False) -> None:
        self.path = path
        self.db = db
        self.schema = schema
        self.read_only = read_only  # opened from a file that cannot be written: no edits
        # The edition is the dataset's own: two datasets of different editions never share forms,
        # rules or code lists.
        self.edition: Edition = load_edition(store.edition_id(schema))
        self.rules: tuple[RuleDef, ...] = edition_rules(self.edition)
        self._load()

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
    ) -> Dataset:
        """A new file of `edition` (default: the newest edition not after `year`); an unknown
        edition raises EditionError before any file is made; if making the file fails (a full
        disk), no partial file is left behind."""
        path = Path(path)
        if path.exists():
            raise store.StoreError(f"文件 {path} 已存在，请换一个文件名。")
        chosen = load_edition(edition) if edition is not None else default_edition(year)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db, schema = store.connect(path)
        except OSError as exc:
            raise store.StoreError(f"无法新建 {path}：{reason(exc)}。") from exc
        except store.StoreError:
            _remove_file(path)
            raise
        try:
            store.initialise(schema, chosen.id)
            dataset = cls(path, db, schema)
            unit_list = list(units) or [Unit("u1", name, "行政单位")]
            dataset.set_department(name, code, year, units=unit_list, source="system")
        except BaseException as exc:
            db.close()
            _remove_file(path)
            if isinstance(exc, (pw.DatabaseError, sqlite3.Error)):
                raise store.StoreError(f"无法新建 {path}：{exc}。未留下不完整的文件。") from exc
            raise
        return dataset

    @classmethod
    def open(cls, path: Path) -> Dataset:
        """Open for editing, or read-only when the file or its folder cannot be written
        (`read_only` says which); StoreError with a clear message for a file that is
        missing, damaged, foreign, from a newer version or in use."""
        path = Path(path)
        if not path.is_file():
            raise store.StoreError(f"找不到数据文件 {path}。" if not path.exists() else f"{path} 不是文件。")
        store.check_header(path)
        read_only = not store.writable(path)
        try:
            db, schema = store.connect(path, read_only=read_only)
        except store.FileInUseError:
            raise
        except store.StoreError as exc:
            if read_only or not store.cannot_write(exc.__cause__ or exc):
                raise
            read_only = True
            db, schema = store.connect(path, read_only=True)
        try:
            store.check_sound(schema, path)
            store.upgrade(schema, path, read_only=read_only)
            if not read_only:
                store.use_wal(schema)
            return cls(path, db, schema, read_only=read_only)
        except store.StoreError:
            db.close()
            raise
        except EditionError as exc:  # an edition this copy of the app does not have
            db.close()
            raise store.StoreError(
                f"无法打开 {path.name}：{exc}（文件可能由更新版本的决算填报助手创建）"
            ) from exc
        except Exception as exc:  # whatever a damaged file makes the loading trip over
            db.close()
            raise store.damaged(path, exc) from exc

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- loading ----------------------------------------------------------------------

    def _load(self) -> None:
        s = self.schema
        self.meta: dict[str, str] = {m.key: m.value for m in s.Meta.select()}
        self.catalogue: Catalogue = self._with_own_tree()
        self.units = [Unit(u.id, u.name, u.kind) for u in s.Unit.select().order_by(s.Unit.position)]
        self.texts: dict[str, str] = {t.key: t.value for t in s.Text.select()}
        self._redo_possible = history.last_undone(s) is not None
        self.years = {year: self._load_year(year) for year in ("current", "prior")}
        self.naming = self._naming()
        self.context = RuleContext(
            self.catalogue,
            self.naming,
            self.years["current"].calc,
            self.years["prior"].calc if self.has_prior else None,
            self.texts,
            self.years["current"].declared,
            self._settings(),
        )
        self.validator = Validator(self.context, self.rules)
        self.row_needs: tuple[RowNeed, ...] = row_needs(self.rules)
        self._derivations: tuple[Mapping[str, CellDef], frozenset[str], derive.DerivationIndex] | None = None

    def _naming(self) -> Naming:
        """The edition's code lists and the names imported workbooks gave codes they lack."""
        imported = {parsed: name for key, name in self.meta.items() if (parsed := parse_name_key(key))}
        return Naming(self.edition.codes, MappingProxyType(imported))

    def _load_year(self, year: str) -> YearState:
        s = self.schema
        structure = Structure()
        rows = s.RowEntry.select().where(s.RowEntry.year == year).order_by(s.RowEntry.position)
        positions = {}
        for entry in rows:
            structure.add(entry.form, entry.row)
            positions[f"{entry.form}|{entry.row}"] = entry.position
        kind = self.catalogue.kind_of
        stored = s.Cell.select().where(s.Cell.year == year)
        inputs = {c.cell: from_stored(kind(c.cell), c.value) for c in stored}
        declared = {
            str(d.cell): number
            for d in s.Declared.select().where(s.Declared.year == year)
            if (number := stored_amount(str(d.value))) is not None
        }
        return YearState(structure, Calculator(self.catalogue, structure, inputs), declared, positions)

    def _settings(self) -> Settings:
        settings = Settings(
            rounded=self.meta.get("rounded.current") == "1",
            prior_rounded=self.meta.get("rounded.prior") == "1",
        )
        threshold = stored_amount(self.meta.get("threshold", ""))
        if threshold is not None:
            settings.threshold = threshold
        return settings

    # --- reading ----------------------------------------------------------------------

    @property
    def department(self) -> Department:
        year = self.meta.get("year", "")
        number = int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else 0
        return Department(self.meta.get("name", ""), self.meta.get("code", ""), number)

    @property
    def has_prior(self) -> bool:
        return bool(self.years["prior"].calc.inputs)

    def calc(self, year: str = "current") -> Calculator:
        return self.years[year].calc

    def cells(self, year: str = "current") -> Mapping[str, CellDef]:
        return self.years[year].calc.cells

    def get(self, cell: str, year: str = "current") -> CellValue:
        return self.years[year].calc.value(cell)

    def number(self, cell: str, year: str = "current") -> Decimal | None:
        return self.years[year].calc.number(cell)

    def rows(self, form: str, year: str = "current") -> list[str]:
        """Dynamic rows of a form (项 codes, projects, indicators) in entry order."""
        return list(self.years[year].structure.of(form))

    def has_figures(self, year: str = "current") -> bool:
        """Whether a year holds figures (anything beyond the cover, projects and scores)."""
        forms = self.catalogue.forms
        return any(
            (form := forms.get(c.partition(".")[0])) is not None and form.holds_figures
            for c in self.years[year].calc.inputs
        )

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def sheet(self, form: str, year: str = "current", *, marked: bool = False) -> list[SheetRow]:
        """The rows of a form as the official table prints them (for grids and exports);
        `marked`: a subject name that came from an imported workbook says so (grids)."""
        structure = self.years[year].structure
        return sheet_rows(self.catalogue, self.naming, self.catalogue.form(form), structure, marked=marked)

    def findings(self) -> list[Finding]:
        return self.validator.all()

    def declared(self, year: str = "current") -> Mapping[str, Decimal]:
        return MappingProxyType(self.years[year].declared)

    # --- resolving cells --------------------------------------------------------------

    def cell_def(self, cell_id: str, year: str = "current") -> CellDef:
        """The definition of a cell that exists or that typing would create (a new 项 row)."""
        known = self.cells(year).get(cell_id)
        if known is not None:
            return known
        probe = self._probe_row(cell_id, year)
        if probe is None or probe.computed:
            raise CellError(f"单元格 {cell_id} 不存在：请检查表号、行和列（如 G05.2010601.basic）")
        return probe

    def _probe_row(self, cell_id: str, year: str) -> CellDef | None:
        parts = cell_id.split(".")
        if len(parts) != 3 or parts[0] not in self.catalogue.forms:
            return None
        form = self.catalogue.form(parts[0])
        if form.kind != "classified" or code_level(parts[1]) != form.input_level:
            return None
        structure = self.years[year].structure.copy()
        structure.add(form.id, parts[1])
        return build_cells(self.catalogue, structure).get(cell_id)

    def _row_op(self, cell: CellDef, year: str) -> list[Op]:
        form = self.catalogue.form(cell.form)
        if form.kind == "classified" and cell.row not in self.years[year].structure.of(form.id):
            return [
                Op("row", year, f"{form.id}|{cell.row}", "1"),
                *companion_ops(self, form.id, cell.row, year),
            ]
        return []

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
        ops: list[Op] = []
        for cell_id, text in values.items():
            cell = self.cell_def(cell_id, year)
            if cell.computed:
                raise CellError(f"{cell_id} 是计算单元格（由公式得出），不能直接填写")
            ops += self._row_op(cell, year)
            value = stored_text(parse_cell_value(cell, text))
            ops.append(Op("cell", year, cell_id, value))
            ops += self._department_meta_op(cell_id, year, value)
        return self.apply(ops, label=label, source=source)

    def _department_meta_op(self, cell_id: str, year: str, value: str | None) -> list[Op]:
        """Typing 部门名称/单位代码/年度 in F00 changes the department itself (title, exports)."""
        key = next((k for k, c in DEPARTMENT_CELLS.items() if c == cell_id), None)
        if key is None or year != "current":
            return []
        if key == "year" and value is None:
            raise CellError("年度不能为空")
        return [Op("meta", "", key, value or "")]

    def set_text(self, key: str, value: str, *, source: str = "typed") -> EditResult:
        return self.apply(
            [Op("text", "", key, value.strip() or None)], label=f"修改文字 {key}", source=source
        )

    def add_row(self, form: str, row: str, *, year: str = "current") -> EditResult:
        definition = self.catalogue.form(form)
        if definition.kind == "classified" and code_level(row) != definition.input_level:
            digits = 7 if definition.input_level == 3 else 5
            raise CellError(f"{form} 只能添加 {digits} 位科目编码，“{row}”不符合")
        if row in self.years[year].structure.of(form):
            return EditResult()
        ops = [Op("row", year, f"{form}|{row}", "1"), *companion_ops(self, form, row, year)]
        return self.apply(ops, label=f"添加行 {row}", source="typed")

    def remove_row(self, form: str, row: str, *, year: str = "current") -> EditResult:
        """Remove a dynamic row and its values (indicators go with their project)."""
        prefix = f"{form}.{row}."
        nested = [r for r in self.years[year].structure.of(form) if r.startswith(f"{row}.")]
        ops = [Op("cell", year, c, None) for c in self.years[year].calc.inputs if c.startswith(prefix)]
        ops += [Op("row", year, f"{form}|{r}", None) for r in [*nested, row]]
        return self.apply(ops, label=f"删除行 {row}", source="typed")

    def set_department(
        self, name: str, code: str, year: int, *, units: Iterable[Unit] | None = None, source: str = "typed"
    ) -> EditResult:
        return self.apply(self.department_ops(name, code, year, units), label="单位基本情况", source=source)

    def department_ops(
        self, name: str, code: str, year: int, units: Iterable[Unit] | None = None
    ) -> list[Op]:
        """The department block lives in meta and mirrors into F00 cells."""
        ops = [
            Op("meta", "", "name", name),
            Op("meta", "", "code", code),
            Op("meta", "", "year", str(year)),
            Op("cell", "current", DEPARTMENT_CELLS["name"], name or None),
            Op("cell", "current", DEPARTMENT_CELLS["code"], code or None),
            Op("cell", "current", DEPARTMENT_CELLS["year"], str(year)),
        ]
        if units is not None:
            ops += self._unit_ops(list(units))
        return ops

    def _unit_ops(self, units: list[Unit]) -> list[Op]:
        ops = [Op("unit", "", u.id, None) for u in self.units if u.id not in {n.id for n in units}]
        for position, unit in enumerate(units):
            payload = {"name": unit.name, "kind": canonical_unit_kind(unit.kind), "position": position}
            ops.append(Op("unit", "", unit.id, json.dumps(payload, ensure_ascii=False)))
        return ops

    def set_setting(self, key: str, value: str | None, *, source: str = "system") -> EditResult:
        return self.apply([Op("meta", "", key, value)], label=f"设置 {key}", source=source)

    def clear_ops(self, year: str, *, keep: tuple[str, ...] | None = None) -> list[Op]:
        """Ops that empty a year's figures, file totals and dynamic rows, except forms in `keep`
        (default: the cover)."""
        if keep is None:
            keep = tuple(f.id for f in self.catalogue if f.cover)
        calc = self.years[year].calc
        ops = [Op("cell", year, c, None) for c in calc.inputs if c.split(".", 1)[0] not in keep]
        ops += [Op("declared", year, c, None) for c in self.years[year].declared]
        rows = calc.structure.rows.items()
        return ops + [
            Op("row", year, f"{form}|{row}", None) for form, ids in rows if form not in keep for row in ids
        ]

    # --- the one write path -------------------------------------------------------------

    def apply(self, ops: list[Op], *, label: str, source: str) -> EditResult:
        """Write ops, their log, the file totals typed and pasted edits make stale and the
        figures other tables determine in ONE transaction, bringing memory up to date."""
        logged = [LoggedOp(op, self._old(op)) for op in _final(ops)]
        logged = [item for item in logged if _changes(item)]
        if not logged:
            return EditResult(label=label)
        with self._writing():
            self._write_all(item.op for item in logged)
            if self._redo_possible:
                history.forget_redo(self.schema)
            batch = history.write_batch(self.schema, label, source, logged)
            result = self._after(logged, label)
            if source in ("typed", "paste"):
                result = self._drop_stale_declared(batch, result)
            if source in ("typed", "paste", "import"):
                result = self._follow_derived(batch, result, _current_cells(logged))
        self._redo_possible = False
        return result

    def _follow_derived(self, batch: int, result: EditResult, edited: frozenset[str]) -> EditResult:
        """Fill the figures other tables determine, in the same batch (undone with the edit)."""
        changed = result.cells
        for _round in range(3):  # a filled cell may feed another derivation
            ops = derive.follow_up_ops(self, changed, edited)
            logged = [item for item in (LoggedOp(op, self._old(op)) for op in _final(ops)) if _changes(item)]
            if not logged:
                break
            more = self._append(batch, logged, result.label)
            result = _merge(result, more)
            changed, edited = more.cells, frozenset()
        return result

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
            with self.db.atomic():
                yield
        except BaseException as exc:
            self._load()
            if isinstance(exc, (pw.DatabaseError, sqlite3.Error)):
                reason = store.sqlite_reason(exc)
            elif isinstance(exc, (ValueError, KeyError, TypeError)):  # a damaged record (undo of one)
                reason = f"文件中的记录已损坏：{exc!r}"[:200]
            else:
                raise
            raise store.StoreError(
                f"修改未能保存到 {self.path.name}（{reason}），文件保持修改前的状态。"
            ) from exc

    def _drop_stale_declared(self, batch: int, result: EditResult) -> EditResult:
        """Once the clerk changes a figure, the imported file's totals no longer apply to
        the cells it recomputed: forget them (in the same batch, so undo brings them back)."""
        declared = self.years["current"].declared
        stale = [
            LoggedOp(Op("declared", "current", c, None), stored_text(declared[c]))
            for c in result.cells
            if c in declared
        ]
        if not stale:
            return result
        more = self._append(batch, stale, result.label)
        return replace(result, findings=_merge(result, more).findings)

    def _append(self, batch: int, logged: list[LoggedOp], label: str) -> EditResult:
        """Write more changes into an action that is already recorded (within its transaction)."""
        with self.db.atomic():
            self._write_all(item.op for item in logged)
            history.append_changes(self.schema, batch, logged)
        return self._after(logged, label)

    def _old(self, op: Op) -> str | None:
        if op.kind == "cell":
            return stored_text(self.years[op.year].calc.inputs.get(op.target))
        if op.kind == "declared":
            declared = self.years[op.year].declared.get(op.target)
            return stored_text(declared)
        if op.kind == "text":
            return self.texts.get(op.target)
        if op.kind == "row":
            # A present row's old value is its position, so undoing a removal puts it back in place.
            position = self.years[op.year].positions.get(op.target)
            return None if position is None else f"{POSITION_MARK}{position}"
        if op.kind == "unit":
            return self._unit_payload(op.target)
        return self.meta.get(op.target)

    def _unit_payload(self, unit_id: str) -> str | None:
        for position, unit in enumerate(self.units):
            if unit.id == unit_id:
                payload = {"name": unit.name, "kind": unit.kind, "position": position}
                return json.dumps(payload, ensure_ascii=False)
        return None

    def _write_all(self, ops: Iterable[Op]) -> None:
        """Write the final state each op leaves, in bulk (imports carry thousands)."""
        by_kind: dict[str, list[tuple[str, str, str | None]]] = {}
        for op in _final(ops):
            by_kind.setdefault(op.kind, []).append((op.year, op.target, op.new))
        for kind, items in by_kind.items():
            writer = self._write_rows if kind == "row" else self._write_units if kind == "unit" else None
            if writer is not None:
                writer(items)
            else:
                self._write_values(kind, items)

    def _write_values(self, kind: str, items: list[tuple[str, str, str | None]]) -> None:
        s = self.schema
        table = {"cell": s.Cell, "declared": s.Declared, "text": s.Text, "meta": s.Meta}[kind]
        yearly = kind in ("cell", "declared")
        cleared = [(year, target, new) for year, target, new in items if new is None]
        for year, targets in _group(cleared).items():
            for chunk in _chunks(targets):
                key = table.cell if yearly else table.key
                where = (key.in_(chunk) & (table.year == year)) if yearly else key.in_(chunk)
                table.delete().where(where).execute()
        rows: list[dict[str, object]] = []
        for year, target, new in items:
            if new is not None:
                ident: dict[str, object] = {"year": year, "cell": target} if yearly else {"key": target}
                rows.append(ident | {"value": new})
        bulk_insert(table, rows, replace=True)

    def _write_rows(self, items: list[tuple[str, str, str | None]]) -> None:
        s = self.schema
        position = s.RowEntry.select(pw.fn.MAX(s.RowEntry.position)).scalar() or 0
        for year, targets in _group(items).items():
            for chunk in _chunks(targets):
                keys = [tuple(t.split("|", 1)) for t in chunk]
                where = (s.RowEntry.year == year) & pw.Tuple(s.RowEntry.form, s.RowEntry.row).in_(keys)
                s.RowEntry.delete().where(where).execute()
        added = []
        for year, target, new in items:
            form, row = target.split("|", 1)
            positions = self.years[year].positions
            positions.pop(target, None)
            if new is None:
                continue
            if new.startswith(POSITION_MARK):
                place = int(new.removeprefix(POSITION_MARK))
            else:
                position += 1
                place = position
            positions[target] = place
            added.append({"year": year, "form": form, "row": row, "position": place})
        bulk_insert(s.RowEntry, added)

    def _write_units(self, items: list[tuple[str, str, str | None]]) -> None:
        s = self.schema
        for _year, unit_id, new in items:
            s.Unit.delete().where(s.Unit.id == unit_id).execute()
            if new is not None:
                payload = json.loads(new)
                s.Unit.insert(
                    id=unit_id, name=payload["name"], kind=payload["kind"], position=payload["position"]
                ).execute()

    def _after(self, logged: list[LoggedOp], label: str) -> EditResult:
        """Update memory from applied ops: inputs, rows, texts; then recompute and re-check."""
        pending = _Pending()
        for item in logged:
            op = item.op
            if op.kind == "cell":
                kind = self.catalogue.kind_of(op.target)
                pending.changes[op.year][op.target] = from_stored(kind, op.new)
            elif op.kind == "declared":
                self._set_declared(op)
                pending.declared.add(op.target)
            elif op.kind == "row":
                pending.structure[op.year] = True
                self._set_row(op)
            elif op.kind == "text":
                pending.texts.add(op.target)
                self._set_memory(self.texts, op.target, op.new)
            elif op.kind == "unit":
                self.units = [
                    Unit(u.id, u.name, u.kind)
                    for u in self.schema.Unit.select().order_by(self.schema.Unit.position)
                ]
            else:
                # A derived cell's mark is bookkeeping; anything else in meta is a setting.
                pending.settings = pending.settings or not op.target.startswith(derive.MARK)
                self._set_memory(self.meta, op.target, op.new)
                if op.target == perf_tree.PERF_TREE:
                    self._retree(pending)
        return self._recompute(pending, label)

    def _with_own_tree(self) -> Catalogue:
        """The edition's catalogue with the department's own 整体绩效评价 tree."""
        doc = perf_tree.stored(self.meta) or perf_tree.initial(perf_tree.has_scores(self.schema))
        return with_tree(self.edition.catalogue, doc)

    def _retree(self, pending: _Pending) -> None:
        """A new indicator tree: new P02 cells in both years, every rule re-derived."""
        self.catalogue = self._with_own_tree()
        self.context.catalogue = self.catalogue
        for year, state in self.years.items():
            state.calc.catalogue = self.catalogue
            pending.structure[year] = True

    @staticmethod
    def _set_memory(target: dict[str, str], key: str, value: str | None) -> None:
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value

    def _set_declared(self, op: Op) -> None:
        declared = self.years[op.year].declared
        if op.new is None:
            declared.pop(op.target, None)
        else:
            declared[op.target] = Decimal(op.new)

    def _set_row(self, op: Op) -> None:
        form, row = op.target.split("|", 1)
        state = self.years[op.year]
        if op.new is None:
            state.structure.remove(form, row)
            return
        state.structure.add(form, row)
        state.structure.rows[form].sort(key=lambda r: state.positions.get(f"{form}|{r}", 0))

    def _recompute(self, pending: _Pending, label: str) -> EditResult:
        changed: set[str] = set()
        for year in ("current", "prior"):
            changed |= self._recalculate(year, pending.changes[year], pending.structure[year])
        prior_touched = pending.structure["prior"] or bool(pending.changes["prior"])
        self.context.prior = self.years["prior"].calc if self.has_prior else None
        if pending.settings:
            self.context.settings = self._settings()
            self.naming = self.context.naming = self._naming()
        if pending.structure["current"] or pending.settings:
            before = list(self.validator.findings.values())
            self.validator.rebuild()
            delta = _delta(before, self.validator.findings.values())
            changed |= set(self.years["current"].calc.cells)
        else:
            delta = self.validator.update(changed | pending.declared, pending.texts)
            if prior_touched:
                extra = self.validator.prior_changed()
                delta = FindingsDelta(delta.added + extra.added, delta.removed + extra.removed)
        return EditResult(
            frozenset(changed),
            frozenset(pending.texts),
            pending.structure["current"],
            prior_touched,
            delta,
            label,
        )

    def _recalculate(self, year: str, changes: dict[str, CellValue], structure: bool) -> CellIds:
        calc = self.years[year].calc
        if not structure:
            return calc.set_inputs(changes) if changes else set()
        for cell, value in changes.items():
            if value is None:
                calc.inputs.pop(cell, None)
            else:
                calc.inputs[cell] = value
        calc.rebuild()
        return set(changes)

    # --- undo / redo --------------------------------------------------------------------

    def can_undo(self) -> bool:
        return history.last_done(self.schema) is not None

    def can_redo(self) -> bool:
        return self._redo_possible

    def undo(self) -> EditResult | None:
        batch = history.last_done(self.schema)
        if batch is None:
            return None
        return self._replay(batch, reverse=True)

    def redo(self) -> EditResult | None:
        batch = history.last_undone(self.schema)
        if batch is None:
            return None
        return self._replay(batch, reverse=False)

    def _replay(self, batch: int, *, reverse: bool) -> EditResult:
        ops = history.batch_ops(self.schema, batch, reverse=reverse)
        label = history.batch_label(self.schema, batch)
        logged = [LoggedOp(op, self._old(op)) for op in ops]
        source = "undo" if reverse else "redo"
        with self._writing():
            self._write_all(item.op for item in logged)
            log_id = history.write_batch(
                self.schema, f"{'撤销' if reverse else '重做'} {label}", source, logged, state="log"
            )
            history.mark(self.schema, batch, "undone" if reverse else "done", log_id if reverse else None)
            result = self._after(logged, label)
        self._redo_possible = history.last_undone(self.schema) is not None
        return result

    # --- snapshots and backups ----------------------------------------------------------

    def backup(self, reason: str = "") -> Path:
        return store.backup(self.db, self.path, reason)

    def protected(self) -> dict[Path, str]:
        """Files an output of this dataset must never be written over."""
        own = {self.path: "打开的数据文件", store.backup_folder(self.path): "数据文件的备份文件夹"}
        return own | {self.path.with_name(self.path.name + s): "数据文件的日志" for s in ("-wal", "-shm")}

    def snapshot(self) -> Snapshot:
        current = self.years["current"].calc
        strings = {k: v for k, v in current.inputs.items() if isinstance(v, str)}
        scores = {c: v for c, v in current.inputs.items() if c.startswith("P02.") and isinstance(v, Decimal)}
        return Snapshot(
            department=self.department,
            units=tuple(self.units),
            cells=MappingProxyType(current.numbers()),
            prior=MappingProxyType(self.years["prior"].calc.numbers() if self.has_prior else {}),
            strings=MappingProxyType(strings),
            texts=MappingProxyType(dict(self.texts)),
            projects=projects_of(self),
            scores=MappingProxyType({c.split(".")[1]: v for c, v in scores.items()}),
            rounded=self.meta.get("rounded.current") == "1",
            printed=MappingProxyType(dict(self.years["current"].declared)),
            edition=self.edition,
            naming=self.naming,
        )


def _remove_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _current_cells(logged: list[LoggedOp]) -> frozenset[str]:
    return frozenset(i.op.target for i in logged if i.op.kind == "cell" and i.op.year == "current")


def _merge(first: EditResult, then: EditResult) -> EditResult:
    """One action's result from two steps: every cell changed, the net findings delta."""
    findings = FindingsDelta(
        tuple(f for f in first.findings.added if f not in then.findings.removed) + then.findings.added,
        tuple(first.findings.removed)
        + tuple(f for f in then.findings.removed if f not in first.findings.added),
    )
    return replace(
        first,
        cells=first.cells | then.cells,
        texts=first.texts | then.texts,
        structure=first.structure or then.structure,
        findings=findings,
    )


def _delta(old: list[Finding], after: Iterable[Finding]) -> FindingsDelta:
    new = list(after)
    return FindingsDelta(tuple(f for f in new if f not in old), tuple(f for f in old if f not in new))


def _changes(item: LoggedOp) -> bool:
    """Whether an op changes anything: adding a row that is there already does not."""
    if item.op.kind == "row" and item.op.new is not None and not item.op.new.startswith(POSITION_MARK):
        return item.old is None
    return item.old != item.op.new


def _final(ops: Iterable[Op]) -> list[Op]:
    """One op per target with the value the last one leaves (a replace clears, then sets)."""
    final: dict[tuple[str, str, str], Op] = {}
    for op in ops:
        final[(op.kind, op.year, op.target)] = op
    return list(final.values())


def _chunks(rows: list[T], size: int = 300) -> Iterable[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _group(items: Sequence[tuple[str, str, str | None]]) -> dict[str, list[str]]:
    """Targets by year, for bulk deletes."""
    groups: dict[str, list[str]] = {}
    for year, target, _new in items:
        groups.setdefault(year, []).append(target)
    return groups
