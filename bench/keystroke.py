"""Only the bench's keystroke figure (bench/ui_paths.py) on the large synthetic dataset: the
quick before/after check for work on the keystroke path, without the whole bench's two minutes."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import ui_paths  # noqa: E402
from bench.measure import load_1min  # noqa: E402
from bench.run import EDITS  # noqa: E402
from bench.synthetic import Shape, build  # noqa: E402


def main() -> None:
    load_before = load_1min()
    with tempfile.TemporaryDirectory(prefix="juesuan-keystroke-") as scratch:
        large = Path(scratch) / "large.jsd"
        build(large, Shape()).close()
        found = ui_paths.keystroke_figure(large, EDITS // 2)
    found["load_1min"] = {"before": load_before, "after": load_1min()}
    print(json.dumps(found, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
