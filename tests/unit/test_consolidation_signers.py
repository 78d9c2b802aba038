"""The known-signers record is kept per sender: a department's units that send their bundles apart,
each sealed on its own installation with its own key, consolidate run after run; a unit whose
bundle comes signed by another key is refused, naming the unit and the new key's fingerprint,
until the bureau accepts that key (`--accept-key`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.actions.consolidation import consolidate
from desktop.io.bundle.keys import installation_signer
from desktop.io.bundle.seal import write_bundle
from desktop.io.release import release_for
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from tests.consolidation_support import split_doc, unit_files

__all__ = ["split_doc"]  # the fixture


def sealed_on_own_pc(dataset_path: Path, pc: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """The unit's bundle as its own installation (data folder `pc`, so its own key) writes it;
    and that key's fingerprint."""
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(pc))
    bundle = pc.parent / f"{pc.name}-{dataset_path.stem}.zip"
    with Dataset.open(dataset_path) as dataset:
        xlsx = export_xlsx(dataset, pc.parent / f"{pc.name}-{dataset_path.stem}.xlsx")
        # a unit alone has findings the department's total settles: its clerk confirms them
        write_bundle(dataset, bundle, xlsx=xlsx, pdf=None, release=release_for(dataset, force=True))
    return bundle, installation_signer().fingerprint


def test_units_signed_each_with_its_own_key_are_known_apart(
    split_doc: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = unit_files(tmp_path, split_doc)
    bundles = [sealed_on_own_pc(path, tmp_path / f"pc-{path.stem}", monkeypatch)[0] for path in datasets]
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / "bureau"))
    for run in ("first", "second"):  # the second run checks each unit against its recorded key
        report = consolidate(tmp_path / f"{run}.jsd", bundles)
        assert not report.refused and len(report.lines) == 3, report.text()

    moved, new_key = sealed_on_own_pc(datasets[1], tmp_path / "new-pc", monkeypatch)
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / "bureau"))
    again = [bundles[0], moved, bundles[2]]
    report = consolidate(tmp_path / "third.jsd", again)
    (refused,) = report.refused
    assert refused.path == moved and "签名者" in refused.reason
    assert "攀枝花市西区财政监督检查局（单位代码 501002）" in refused.reason, refused.reason
    assert new_key in refused.reason and "--accept-key" in refused.reason

    report = consolidate(tmp_path / "fourth.jsd", again, accept_keys=[new_key])
    assert not report.refused and len(report.lines) == 3
    assert not consolidate(tmp_path / "fifth.jsd", again).refused  # the unit's key is the new one now


def test_one_sender_with_two_keys_in_one_run_is_not_trusted_twice(
    split_doc: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sender new here is trusted on its first key; a second bundle of it in the same run,
    signed with another key, is left out and said so (the first is not silently replaced)."""
    datasets = unit_files(tmp_path, split_doc)
    first, first_key = sealed_on_own_pc(datasets[1], tmp_path / "pc-a", monkeypatch)
    other, other_key = sealed_on_own_pc(datasets[1], tmp_path / "pc-b", monkeypatch)
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(tmp_path / "bureau"))
    report = consolidate(tmp_path / "sum.jsd", [first, other])
    (refused,) = report.refused
    assert refused.path == other and len(report.lines) == 1
    assert first_key in refused.reason and other_key in refused.reason
    assert "攀枝花市西区财政监督检查局（单位代码 501002）" in refused.reason
    assert consolidate(tmp_path / "again.jsd", [first]).refused == []  # the first key was recorded
