"""Incremental checking equals a full pass: after any sequence of edits to the sample dataset
(amounts, blanks, negatives, last year's figures, reason texts, a new 项 row, settings, undo and
redo) the kept findings and computed values equal a fresh calculation and validation, the
edits' deltas add up to them, and the file reopens to the same state."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.forms.edition import load_edition
from desktop.models import history
from desktop.models.dataset import Dataset, EditResult
from desktop.rules.finding import Finding
from desktop.rules.ruleset import edition_rules
from tests.helpers import sample_dataset
from tests.unit.rules_support import assert_matches_full_pass, fresh, of_rule

CLASSIFIED = ("G02", "G03", "G05", "G08", "G09")
AMOUNTS = st.one_of(
    st.none(),
    st.decimals(min_value=Decimal("-500"), max_value=Decimal("2000"), places=2),
    st.sampled_from([Decimal("0"), Decimal("0.01"), Decimal("-0.01"), Decimal("5.1"), Decimal("5.10")]),
)
SETTINGS = [("threshold", "0.2"), ("threshold", "0.05"), ("threshold", None)]
SETTINGS += [("rounded.current", "1"), ("rounded.current", None), ("rounded.prior", "1")]
ACTIONS = ["cell"] * 6 + ["prior", "prior", "text", "text", "row", "undo", "redo", "setting"]


class Sample:
    """The sample as a closed file (imported once); each example works on a copy."""

    def __init__(self, folder: Path, doc: dict[str, Any]) -> None:
        dataset = sample_dataset(folder, doc)
        self.path = dataset.path
        self.cells = {year: self._amount_inputs(dataset, year) for year in ("current", "prior")}
        used = set(dataset.rows("G03")) | set(dataset.rows("G05"))
        self.new_codes = [
            s.code
            for s in load_edition("sichuan-2020").codes.functional
            if s.level == 3 and s.code not in used
        ][:40]
        self.reasons = sorted(
            {
                str(r.param("reason"))
                for r in edition_rules(load_edition("sichuan-2020"))
                if r.param("reason") and "{" not in str(r.param("reason"))
            }
            | {str(r.param("text")) for r in edition_rules(load_edition("sichuan-2020")) if r.param("text")}
            | {"reason.G05.2010602", "reason.G05.2050201", "reason.G05.2010601"}
        )
        dataset.close()

    @staticmethod
    def _amount_inputs(dataset: Dataset, year: str) -> list[str]:
        calc = dataset.calc(year)
        return sorted(
            c for c, v in calc.inputs.items() if isinstance(v, Decimal) and calc.cells[c].kind == "amount"
        )


pytestmark = pytest.mark.usefixtures("no_fsync")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Sample:
    return Sample(tmp_path_factory.mktemp("sample"), sample_doc)


class Session:
    """One open copy of the sample for the whole test. Each example starts from the sample's
    state and undoes its own actions at the end (the change log says which are its own)."""

    def __init__(self, source: Path, path: Path) -> None:
        self.source, self.path = source, path
        shutil.copyfile(source, path)
        self.dataset = Dataset.open(path)
        self.clean = True  # False while an example runs: a failed one leaves a fresh copy behind
        self.baseline = self.dataset.findings()
        self.start_batch = self.last_done()
        self.view: list[Finding] = []  # the findings as the edits' deltas tell them

    def last_done(self) -> int | None:
        return history.last_done(self.dataset._schema)

    def can_undo(self) -> bool:
        """Undo only this example's actions, never the import below them."""
        return self.last_done() != self.start_batch

    def start(self) -> None:
        if not self.clean:
            self.dataset.close()
            shutil.copyfile(self.source, self.path)
            self.dataset = Dataset.open(self.path)
        self.clean = False
        self.view = self.dataset.findings()

    def rewind(self) -> None:
        while self.can_undo():
            self.dataset.undo()
        assert self.dataset.findings() == self.baseline
        self.clean = True

    def reopen(self) -> Dataset:
        self.dataset.close()
        self.dataset = Dataset.open(self.path)
        return self.dataset


@pytest.fixture(scope="module")
def session(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    opened = Session(sample.path, tmp_path_factory.mktemp("runs") / "edit.jsd")
    yield opened
    opened.dataset.close()


def text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def act(session: Session, sample: Sample, data: st.DataObject) -> None:
    """One random action, drawn from the sample's own cells, texts and codes."""
    dataset = session.dataset
    action = data.draw(st.sampled_from(ACTIONS), label="action")
    result: EditResult | None = None
    if action in ("cell", "prior"):
        year = "current" if action == "cell" else "prior"
        cell = data.draw(st.sampled_from(sample.cells[year]), label=f"{year} cell")
        result = dataset.set(cell, text(data.draw(AMOUNTS, label="amount")), year=year)
    elif action == "text":
        key = data.draw(st.sampled_from(sample.reasons), label="text key")
        result = dataset.set_text(key, data.draw(st.sampled_from(["", "变动原因说明"]), label="text"))
    elif action == "row":
        form = data.draw(st.sampled_from(CLASSIFIED), label="form")
        code = data.draw(st.sampled_from(sample.new_codes), label="code")
        col = data.draw(st.sampled_from(["basic", "project"] if form != "G02" else ["fiscal", "other"]))
        result = dataset.set(f"{form}.{code}.{col}", text(data.draw(AMOUNTS, label="amount")) or "1")
    elif action == "setting":
        key, value = data.draw(st.sampled_from(SETTINGS), label="setting")
        result = dataset.set_setting(key, value)
    elif action == "undo" and session.can_undo():
        result = dataset.undo()
    elif action == "redo" and dataset.can_redo():
        result = dataset.redo()
    apply_delta(session.view, result)


def apply_delta(view: list[Finding], result: EditResult | None) -> None:
    if result is None:
        return
    for finding in result.findings.removed:
        view.remove(finding)
    view.extend(result.findings.added)


def ordered(findings: list[Finding]) -> list[tuple[str, tuple[str, ...], str]]:
    return sorted((f.rule, f.cells, f.message) for f in findings)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_incremental_equals_full_pass(session: Session, sample: Sample, data: st.DataObject) -> None:
    session.start()
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        act(session, sample, data)
    dataset = session.dataset
    assert_matches_full_pass(dataset)
    assert ordered(session.view) == ordered(dataset.findings())
    if data.draw(st.integers(0, 5), label="reopen") == 0:
        findings, computed = dataset.findings(), dict(dataset.calc().computed)
        again = session.reopen()
        assert again.findings() == findings
        assert again.calc().computed == computed
    session.rewind()


def test_a_change_of_scale_is_a_change(tmp_path: Path) -> None:
    """5.100 over 5.1 is the same number written differently: the file stores the new text,
    so memory (and the messages) must follow, as a reopened file would show it."""
    with fresh(tmp_path) as dataset:
        dataset.set("X01.admin_cost.value", "-5.1")
        result = dataset.set("X01.admin_cost.value", "-5.100")
        assert "X01.admin_cost.value" in result.cells
        (finding,) = of_rule(dataset, "sign.nonnegative")
        assert "-5.100" in finding.message
        assert_matches_full_pass(dataset)
    with Dataset.open(tmp_path / "rules.jsd") as again:
        assert of_rule(again, "sign.nonnegative") == [finding]
