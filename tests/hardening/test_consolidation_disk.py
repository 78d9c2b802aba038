"""Issue 13 §7: a consolidation whose output does not fit on the disk: a clear Chinese message,
exit code 2, and nothing under OUT's name (no dataset, no summary, no temporary or journal
left beside them); with space again the same run succeeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.consolidation import unit_copy
from tests.hardening.conftest import fill
from tests.helpers import run_cli


@pytest.mark.parametrize("left_kb", [0, 64, 256])
def test_a_full_disk_while_writing_out_leaves_nothing_under_its_name(
    sample_bundle: Path, tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str], left_kb: int
) -> None:
    bundles = [
        unit_copy(sample_bundle, tmp_path / f"{n}.zip", code=f"00{n}", name=f"单位{n}") for n in (1, 2, 3)
    ]
    filler = fill(small_disk, left_kb * 1024)
    out = small_disk / "sum.jsd"
    code, _, err = run_cli(capsys, "consolidate", out, *bundles)
    assert code == 2 and "磁盘空间不足" in err and "Traceback" not in err, err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler.bin"]
    filler.unlink()
    code, printed, _ = run_cli(capsys, "consolidate", out, *bundles)
    assert code == 0 and "已汇总 3 个来源" in printed
    assert sorted(p.name for p in small_disk.iterdir()) == ["sum-汇总情况.xlsx", "sum.jsd"]
