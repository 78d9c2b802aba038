"""The mutation fuzzer in the suite: seeded and bounded in time (JUESUAN_FUZZ_SECONDS per
target, 20 by default), over workbooks, bundles and dataset files. Zero crashes, zero hangs,
zero partial imports or writes; `python -m tests.fuzz.mutate SECONDS SEED` runs it longer."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS

SECONDS = float(os.environ.get("JUESUAN_FUZZ_SECONDS", "20"))
SEED = int(os.environ.get("JUESUAN_FUZZ_SEED", "16"))
MINIMUM_TRIED = 25  # fewer would mean the fuzzer is not really running


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_mutated_inputs_are_accepted_or_refused_cleanly(target: str, tmp_path: Path) -> None:
    counts = TARGETS[target](SECONDS, SEED, tmp_path / "failures")
    print(json.dumps(asdict(counts), ensure_ascii=False))  # shown with -s: the figures for the note
    assert counts.tried >= MINIMUM_TRIED
    assert counts.refused > 0  # the mutations do reach the checks
    assert counts.clean, counts.examples[:10]
