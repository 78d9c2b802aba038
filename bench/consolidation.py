"""Consolidation at a finance bureau's scale: `python -m bench.consolidation` prints ONE JSON
object — for 100 and 1,000 generated signed bundles (copies of the sample department under
distinct codes, re-sealed and re-signed), the CPU and wall time of `juesuan consolidate` and
its peak memory, each run in a fresh process so the peak is the run's own. `--sizes 5` for a
smoke run."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "tests" / "fixtures" / "shared" / "datasets" / "xiqu-czj-2020.json"
SIZES = (100, 1000)
TARGET_SECONDS = {100: 5.0, 1000: 30.0}


def template_bundle(folder: Path, doc: dict[str, Any]) -> Path:
    """A real bundle of the sample (its workbook, data and findings; no PDF)."""
    from desktop.io.bundle.seal import write_bundle
    from desktop.io.release import Release
    from desktop.io.xlsx.export import export_xlsx
    from desktop.models.dataset import Dataset
    from desktop.models.interchange import import_document

    department = doc["department"]
    with Dataset.create(folder / "template.jsd", department["name"], department["year"]) as dataset:
        import_document(dataset, doc)
        xlsx = export_xlsx(dataset, folder / "template.xlsx")
        return write_bundle(dataset, folder / "template.zip", xlsx=xlsx, pdf=None, release=Release())


Change = Callable[[dict[str, Any]], object]


def unit_copy(template: Path, target: Path, *, change: Change | None = None, **department: Any) -> Path:
    """The template as another unit's bundle: its department changed (code, name, year) and
    its data.json by `change` if given, the manifest re-sealed and signed with this
    installation's key."""
    from desktop.io.bundle.keys import installation_signer
    from desktop.io.bundle.seal import DATA, MANIFEST, seal
    from desktop.io.bundle.signing import SIGNATURE, signature_member

    with zipfile.ZipFile(template) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    doc = json.loads(members[DATA])
    doc["department"].update(department)
    if change is not None:
        change(doc)
    members[DATA] = _json(doc)
    manifest = json.loads(members[MANIFEST])
    manifest["department"].update(department)
    signer = installation_signer()
    manifest["signer"] = signer.public()
    for entry in manifest["members"]:
        payload = members[entry["name"]]
        entry.update(size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    members[MANIFEST] = _json(manifest)
    members[SIGNATURE] = signature_member(members[MANIFEST], signer)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, payload in members.items():
            archive.writestr(member, payload)
        archive.comment = seal(members[MANIFEST])
    return target


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def make_bundles(folder: Path, count: int, doc: dict[str, Any]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    template = template_bundle(Path(tempfile.mkdtemp(dir=folder.parent)), doc)
    return [
        unit_copy(template, folder / f"unit{n:05d}.zip", code=f"{n:06d}", name=f"单位{n:05d}")
        for n in range(count)
    ]


def run_once(folder: Path, out: Path) -> dict[str, Any]:
    """In this process: consolidate the folder; time and memory of that alone."""
    from bench.measure import clock, since
    from desktop.actions.consolidation import consolidate

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = clock()
    report = consolidate(out, [folder])
    took = since(start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bundles": len(report.lines),
        "refused": len(report.refused),
        "cpu_s": round(took.cpu, 3),
        "wall_s": round(took.wall, 3),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_mb": round(before / 1024, 1),
        "output_mb": round((out.stat().st_size + report.summary.stat().st_size) / 2**20, 2),
    }


def measure_size(work: Path, count: int, doc: dict[str, Any]) -> dict[str, Any]:
    folder = work / f"bundles-{count}"
    make_bundles(folder, count, doc)
    out = work / f"sum-{count}.jsd"
    command = [sys.executable, "-m", "bench.consolidation", "--one", str(folder), str(out)]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=True, env=dict(os.environ)
    )
    figures: dict[str, Any] = json.loads(result.stdout)
    target = TARGET_SECONDS.get(count)
    figures["target_s"] = target
    figures["within_target"] = None if target is None else figures["wall_s"] <= target
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--one", nargs=2, metavar=("FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_once(Path(args.one[0]), Path(args.one[1]))))
        return 0
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as work:
        os.environ["JUESUAN_DATA_DIR"] = str(Path(work) / "appdata")  # its own key and signer record
        sizes = {str(count): measure_size(Path(work), count, doc) for count in args.sizes}
    print(json.dumps({"consolidation": sizes, "load_1min": os.getloadavg()[0]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
