"""The validator's findings over many scenarios, against tests/fixtures/golden/rules_findings.json.

For every edition in resources/editions/ and every sample dataset: the findings after the
import, then after each of a few hundred deterministic single changes (one cell of this or last
year, a reason text, a setting, a damaged stored value, a row with an unlisted code), each
undone before the next. A scenario stores the findings it adds to and removes from the import's
(rule, severity, cells, numbers, message). Written once by the code before rule kinds became
classes: any change of wording, severity or numbers shows here. Regenerate (SNAPSHOT_UPDATE=1)
only for a deliberate change of what the rules say.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.forms.edition import edition_ids
from desktop.models import history
from desktop.models.dataset import Dataset
from desktop.models.interchange import import_document
from desktop.models.ops import Op
from tests.conftest import FIXTURES, shared_path

GOLDEN = FIXTURES / "golden" / "rules_findings.json"
DATASETS = ("xiqu-czj-2020", "xiqu-xzspj-2020")
CURRENT_CELLS = 70  # input cells of this year changed one at a time, per edition and dataset
PRIOR_CELLS = 20
AMOUNT_CHANGES = ("-1", "×3", "+0.001", "", "0", "+0.01", "12345.678", "+1")
COUNT_CHANGES = ("2.5", "-1", "7", "")
TEXT_CHANGES = ("良", "差", "4次", "1次", "≥95%", "")
UNLISTED = ("G05.2010698.basic", "G03.2990101.basic", "G06.30298.amount")  # codes the lists lack
STORED = {"X01.vehicles_bought.value": "1.5", "F00.staff_actual_admin.value": "-3"}  # an old file's counts

Change = Callable[[Dataset], object]


def _finding_texts(dataset: Dataset) -> list[str]:
    return [json.dumps(f.as_json(), ensure_ascii=False, sort_keys=True) for f in dataset.findings()]


def _changed(value: Decimal | None, change: str) -> str:
    """A change spelled relative to the cell's value (`×3`, `+0.01`) or as the text to type."""
    base = value or Decimal(0)
    if change.startswith("×"):
        return str(base * Decimal(change[1:]))
    if change.startswith("+"):
        return str(base + Decimal(change[1:]))
    return change


def _value_change(cell: str, kind: str, year: str, rng: random.Random) -> tuple[str, Change]:
    choices = COUNT_CHANGES if kind == "count" else TEXT_CHANGES if kind == "text" else AMOUNT_CHANGES
    change = rng.choice(choices)

    def run(dataset: Dataset) -> object:
        text = change if kind == "text" else _changed(dataset.number(cell, year), change)
        return dataset.set(cell, text or None, year=year)

    return f"{year} {cell} {change or '(blank)'}", run


def _cell_changes(dataset: Dataset, rng: random.Random) -> Iterator[tuple[str, Change]]:
    for year, count in (("current", CURRENT_CELLS), ("prior", PRIOR_CELLS)):
        inputs = sorted((c.id, c.kind) for c in dataset.cells(year).values() if not c.computed)
        for cell, kind in rng.sample(inputs, min(count, len(inputs))):
            yield _value_change(cell, kind, year, rng)


def _typed(values: dict[str, str | None]) -> Change:
    return lambda dataset: dataset.set_many(values, source="typed")


def _stored(cell: str, value: str) -> Change:
    """A value written as it is, bypassing the typed-text parser (an old or damaged file)."""
    return lambda dataset: dataset.apply([Op.cell(cell, value)], label="原始数据", source="system")


def _explained(key: str) -> Change:
    return lambda dataset: dataset.set_text(key, "已在情况说明中说明原因")


def _setting(key: str, value: str) -> Change:
    return lambda dataset: dataset.set_setting(key, value)


def _missed_target(indicator: str, more: dict[str, str | None]) -> Change:
    """年度指标值 4次, 实际完成值 1次, scored full (its weight, or 10 when it has none)."""

    def run(dataset: Dataset) -> object:
        weight = str(dataset.number(f"P01.{indicator}.weight") or Decimal(10))
        cells = {"expected": "4次", "actual_value": "1次", "weight": weight, "score": weight}
        return dataset.set_many({f"P01.{indicator}.{k}": v for k, v in cells.items()} | more)

    return run


def _reason_changes(base: list[str]) -> Iterator[tuple[str, Change]]:
    reasons = sorted({key for text in base if (key := json.loads(text).get("reason_key"))})
    for key in reasons:
        yield f"text {key}", _explained(key)


def _other_changes(dataset: Dataset, rng: random.Random) -> Iterator[tuple[str, Change]]:
    yield "setting rounded.current", _setting("rounded.current", "1")
    yield "setting rounded.prior", _setting("rounded.prior", "1")
    yield "setting threshold 0.30", _setting("threshold", "0.30")
    yield "setting threshold 0.01", _setting("threshold", "0.01")
    numbers = sorted(c.id for c in dataset.cells().values() if not c.computed and c.kind != "text")
    for cell in rng.sample(numbers, 4):
        yield f"stored {cell}", _stored(cell, "坏值")
    for cell, value in STORED.items():
        yield f"stored {cell} {value}", _stored(cell, value)
    for cell in UNLISTED:
        yield f"unlisted {cell}", _typed({cell: "1"})
    yield "vehicles bought", _typed({"X01.vehicles_bought.value": "3"})
    yield "printed sum", _typed({"G05.2010601.basic": "0.004", "G05.2010601.project": "0.004"})
    yield from _project_changes(dataset)


def _project_changes(dataset: Dataset) -> Iterator[tuple[str, Change]]:
    """A wrong grade for every project; a missed target scored full for its first indicator."""
    for project in (row for row in dataset.rows("P01") if "." not in row):
        yield f"grade {project}", _typed({f"P01.{project}.grade": "差"})
        first = next((row for row in dataset.rows("P01") if row.startswith(f"{project}.")), None)
        if first is not None:
            yield f"target {first}", _missed_target(first, {})
            yield f"target {first}, grade 优", _missed_target(first, {f"P01.{project}.grade": "优"})


def scenarios(dataset: Dataset, seed: str, base: list[str]) -> Iterator[tuple[str, Change]]:
    rng = random.Random(seed)
    yield from _cell_changes(dataset, rng)
    yield from _reason_changes(base)
    yield from _other_changes(dataset, rng)


def _outcome(dataset: Dataset, change: Change, base: list[str]) -> dict[str, Any]:
    done = history.last_done(dataset._schema)
    try:
        change(dataset)
    except ValueError as refused:  # a value the dataset refuses changes nothing
        return {"refused": str(refused)}
    after = _finding_texts(dataset)
    if history.last_done(dataset._schema) != done:  # not a value the cell already held
        dataset.undo()
    assert _finding_texts(dataset) == base, "undo restores the findings"
    known = set(base)
    return {
        "added": [json.loads(t) for t in after if t not in known],
        "removed": [json.loads(t) for t in base if t not in set(after)],
    }


def run_edition(edition: str, folder: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in DATASETS:
        doc = json.loads(shared_path("datasets", f"{name}.json").read_text(encoding="utf-8"))
        department = doc["department"]
        path = folder / f"{edition}-{name}.jsd"
        with Dataset.create(path, department["name"], int(department["year"]), edition=edition) as dataset:
            import_document(dataset, doc)
            base = _finding_texts(dataset)
            changes = {
                label: _outcome(dataset, change, base)
                for label, change in scenarios(dataset, f"{edition}/{name}", base)
            }
            result[name] = {"findings": [json.loads(t) for t in base], "scenarios": changes}
    return result


def golden_text(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_findings_match_the_golden_file(tmp_path: Path) -> None:
    actual = {edition: run_edition(edition, tmp_path) for edition in edition_ids()}
    actual = json.loads(golden_text(actual))
    if os.environ.get("SNAPSHOT_UPDATE") == "1" or not GOLDEN.exists():
        GOLDEN.write_text(golden_text(actual), "utf-8")
        if os.environ.get("SNAPSHOT_UPDATE") != "1":
            pytest.fail(f"golden file {GOLDEN.name} was missing and has been written: check it in")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert actual.keys() == expected.keys()
    for edition, datasets in expected.items():
        for name, outcome in datasets.items():
            assert actual[edition][name]["findings"] == outcome["findings"], (edition, name)
            for label, changed in outcome["scenarios"].items():
                assert actual[edition][name]["scenarios"][label] == changed, (edition, name, label)
            assert actual[edition][name] == outcome
