"""Issue 13 §7: a consolidation whose output does not fit on the disk: a clear Chinese message,
exit code 2, and nothing under OUT's name (no dataset, no summary, no temporary or journal
left beside them); with space again the same run succeeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.consolidation import template_bundle, unit_copy
from tests.hardening.conftest import fill
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUESUAN_DATA_DIR", str(folder / "appdata"))
        yield template_bundle(folder, sample_doc)


@pytest.mark.parametrize("left_kb", [0, 64, 512])
def test_a_full_disk_while_writing_out_leaves_nothing_under_its_name(
    template: Path, tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str], left_kb: int
) -> None:
    bundles = [unit_copy(template, tmp_path / f"{n}.zip", code=f"00{n}", name=f"单位{n}") for n in (1, 2, 3)]
    filler = fill(small_disk, left_kb * 1024)
    out = small_disk / "sum.jsd"
    code, _, err = run_cli(capsys, "consolidate", out, *bundles)
    assert code == 2 and "磁盘空间不足" in err and "Traceback" not in err, err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler.bin"]
    filler.unlink()
    code, printed, _ = run_cli(capsys, "consolidate", out, *bundles)
    assert code == 0 and "已汇总 3 个来源" in printed
    assert sorted(p.name for p in small_disk.iterdir()) == ["sum-汇总情况.xlsx", "sum.jsd"]
