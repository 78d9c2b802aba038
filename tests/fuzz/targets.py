"""The doors the mutation fuzzer drives, each with the seed files it mutates and the errors
that count as a clean refusal."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.actions.importing import import_file
from desktop.io.bundle.gate import read_bundle_data, verify_bundle
from desktop.io.bundle.seal import MANIFEST, BundleError, seal, write_bundle
from desktop.io.release import Release
from desktop.io.workbook.errors import WorkbookError
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document
from desktop.models.store import StoreError
from tests.conftest import FIXTURES, shared_path
from tests.fuzz.mutate import Counts, Partial, digest, fuzz, mutate_bytes, mutate_json, mutate_zip
from tests.helpers import sample_dataset

Runner = Callable[[float, int, Path | None], Counts]
SAMPLE_DOC = shared_path("datasets", "xiqu-czj-2020.json")


def _state(dataset: Dataset) -> tuple[Any, ...]:
    batches = dataset._schema.Batch.select().count()
    return dict(dataset.calc().inputs), dict(dataset.declared()), dict(dataset.texts), batches


# --- workbooks --------------------------------------------------------------------------------


def fuzz_workbooks(seconds: float, seed: int, keep: Path | None = None) -> Counts:
    seeds = [
        shared_path("workbooks", "xiqu-czj-2020.xlsx"),
        shared_path("workbooks", "xiqu-xzspj-2019.xlsx"),
        shared_path("workbooks", "xiqu-czj-2019.xls"),
        FIXTURES / "workbooks" / "split_codes.xlsx",
        FIXTURES / "workbooks" / "stacked.xlsx",
    ]
    with tempfile.TemporaryDirectory(prefix="fuzz-template-") as folder:
        template = Path(folder) / "template.jsd"
        Dataset.create(template, "模糊测试", 2020).close()

        def door(path: Path) -> bool:
            target = path.with_name(path.stem + "-data.jsd")
            shutil.copyfile(template, target)
            with Dataset.open(target) as dataset:
                before = _state(dataset)
                try:
                    import_file(dataset, path, force=True)  # past the year and name check, into the import
                    return True
                except (WorkbookError, InterchangeError):
                    if _state(dataset) != before:
                        raise Partial("a refused import changed the dataset") from None
                    raise

        def mutate(raw: bytes, rng: random.Random) -> bytes:
            return (
                mutate_zip(raw, rng)
                if raw.startswith(b"PK") and rng.random() < 0.8
                else mutate_bytes(raw, rng)
            )

        return fuzz(
            "workbooks",
            seeds,
            mutate,
            door,
            (WorkbookError, InterchangeError),
            seconds=seconds,
            seed=seed,
            keep=keep,
        )


# --- bundles ----------------------------------------------------------------------------------


def _resealed(members: dict[str, bytes]) -> bytes:
    manifest = json.loads(members.pop(MANIFEST))
    manifest["members"] = [
        {"name": name, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
        for name, payload in members.items()
    ]
    raw = json.dumps(manifest).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
        archive.writestr(MANIFEST, raw)
        archive.comment = seal(raw)
    return out.getvalue()


def mutate_bundle(raw: bytes, rng: random.Random) -> bytes:
    """Half the time as bad luck (damaged bytes), half as an attacker (data changed, the
    manifest recomputed and sealed again, as anyone can without a signature)."""
    if rng.random() < 0.5:
        return mutate_zip(raw, rng)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = rng.choice(["data.json", "data.json", "data.json", "findings.json"])
    members[name] = mutate_json(members[name].decode("utf-8"), rng).encode("utf-8")
    return _resealed(members)


def fuzz_bundles(seconds: float, seed: int, keep: Path | None = None) -> Counts:
    with tempfile.TemporaryDirectory(prefix="fuzz-bundle-") as folder:
        doc = json.loads(SAMPLE_DOC.read_text(encoding="utf-8"))
        with sample_dataset(Path(folder), doc) as dataset:
            xlsx = export_xlsx(dataset, Path(folder) / "t.xlsx")
            bundle = write_bundle(dataset, Path(folder) / "seed.zip", xlsx=xlsx, pdf=None, release=Release())

        def door(path: Path) -> bool:
            report = verify_bundle(path)
            try:
                read_bundle_data(path)
                gate = True
            except BundleError:
                gate = False
            if gate != report.ok:
                raise AssertionError(f"the gate {'accepts' if gate else 'refuses'} what verify does not")
            return report.ok

        return fuzz("bundles", [bundle], mutate_bundle, door, (), seconds=seconds, seed=seed, keep=keep)


# --- dataset files --------------------------------------------------------------------------------


def fuzz_datasets(seconds: float, seed: int, keep: Path | None = None) -> Counts:
    with tempfile.TemporaryDirectory(prefix="fuzz-jsd-") as folder:
        doc = json.loads(SAMPLE_DOC.read_text(encoding="utf-8"))
        sample_dataset(Path(folder), doc).close()
        seed_file = Path(folder) / "sample.jsd"

        def door(path: Path) -> bool:
            before = digest(path)
            try:
                with Dataset.open(path) as dataset:
                    dataset.findings()
                    export_document(dataset)
                    if not dataset.read_only:
                        dataset.set("G05.2010601.basic", "1")
                        dataset.undo()
                return True
            except StoreError:
                if digest(path) != before:
                    raise Partial("a refused file was changed") from None
                raise

        return fuzz(
            "datasets", [seed_file], mutate_bytes, door, (StoreError,), seconds=seconds, seed=seed, keep=keep
        )


TARGETS: dict[str, Runner] = {"workbooks": fuzz_workbooks, "bundles": fuzz_bundles, "datasets": fuzz_datasets}
