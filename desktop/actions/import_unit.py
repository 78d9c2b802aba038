"""Importing one unit's figures (`juesuan import … --unit CODE`, the wizard's 导入到): a workbook
of that unit's tables, or that unit's own dataset (.json or complete workbook), fills the unit
whose 单位代码 is given; the department's figures follow as the units' sum in the same action.
Without a unit, a dataset entered unit by unit refuses a department-level file: its total is
computed from its units, and a department-level file cannot say which unit a figure belongs to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.actions.import_summary import ImportSummary
from desktop.actions.workbook_ops import unlisted_names
from desktop.forms.naming import name_key
from desktop.io.import_checks import mismatches, require_match
from desktop.io.importing import SourceFile
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError
from desktop.models.interchange_units import carries_figures
from desktop.models.ops import Op
from desktop.models.snapshot import Department, Unit
from desktop.money import to_text

YEAR_KEYS = {"current": "cells", "prior": "prior"}


def refuse_department_file(dataset: Dataset, source: SourceFile) -> None:
    """InterchangeError for a department-level file in a dataset entered unit by unit."""
    if not dataset.by_org_unit:
        return
    if source.document is not None and carries_figures(source.document.get("units")):
        return  # a dataset of units replaces the units, each with its own figures
    codes = "、".join(f"{u.code or u.id}（{u.name}）" for u in dataset.units)
    raise InterchangeError(
        f"本数据文件按单位填报，部门数据由各单位相加得出，不能直接导入部门级的“{source.path.name}”。"
        f"请指定要导入的单位：命令行加 --unit 单位代码（现有单位：{codes}），"
        "导入向导中在“导入到”里选择单位。"
    )


def unit_import(
    dataset: Dataset, source: SourceFile, unit_code: str, *, prior: bool, replace: bool, force: bool
) -> tuple[ImportSummary, list[Op], str]:
    """The summary, the changes and the action's label of filling one unit from `source`."""
    unit = dataset.org_unit(unit_code)
    figures, stated = _figures(dataset, source, prior)
    found = mismatches(_as_department(dataset, unit), stated[0], stated[1], prior=prior)
    require_match(found, force=force)
    keep = _kept_forms(dataset, source)
    ops: list[Op] = []
    written = 0
    for year, texts in figures.items():
        if year == "current" and not replace and dataset.unit_has_figures(unit.id, year):
            raise InterchangeError(
                f"单位“{unit.name}”已有本年数据。如需用该文件覆盖，请使用 --replace（覆盖前会自动备份）。"
            )
        clear = replace or year == "prior"
        more, count = dataset.unit_import_ops(unit.id, texts, year, keep=keep if clear else None)
        ops += more
        written += count
    year = "prior" if prior else "current"
    summary = ImportSummary(str(source.path), year, source.kind, written, mismatches=found)
    if source.reading is not None:
        names = unlisted_names(dataset, source.reading, ops)
        ops += [*(Op.meta(name_key(k, c), n) for (k, c), n in names.items()), Op.meta(f"rounded.{year}", "1")]
        summary.names = {code: name for (_kind, code), name in names.items()}
    return summary, ops, f"导入{unit.name}的{'上年' if prior else '本年'}数据 {source.path.name}"


def _figures(
    dataset: Dataset, source: SourceFile, prior: bool
) -> tuple[dict[str, Mapping[str, str]], tuple[int | None, str | None]]:
    """The file's figures by year, and the year and unit name it states."""
    if source.document is not None:
        if prior:
            raise InterchangeError(
                f"{source.path.name} 自带本年与上年数据，不能作为上年数据（--prior）导入。"
            )
        doc: Mapping[str, Any] = source.document
        department = doc.get("department") or {}
        year = str(department.get("year") or "")
        stated = (int(year) if year.isdigit() else None, department.get("name"))
        return {
            y: {str(k): str(v) for k, v in (doc.get(key) or {}).items()} for y, key in YEAR_KEYS.items()
        }, stated
    reading = source.reading
    assert reading is not None
    texts = {cell: to_text(value) for cell, value in reading.values.items()}
    return {"prior" if prior else "current": texts}, (reading.year, reading.unit_name)


def _kept_forms(dataset: Dataset, source: SourceFile) -> tuple[str, ...]:
    """A workbook carries the published tables only: the unit's facts stay; a dataset carries all."""
    if source.reading is None:
        return ()
    return tuple(f.id for f in dataset.catalogue if f.id not in dataset.edition.package.tables)


def _as_department(dataset: Dataset, unit: Unit) -> Department:
    """What a unit's file should name: the unit, in the dataset's year."""
    return Department(unit.name, unit.code, dataset.department.year)
