"""A seeded, time-bounded mutation fuzzer for the files a clerk (or an attacker) hands the
program: workbooks, bundles and dataset files. Each input is a real sample with bytes or
XML mutated; it goes through the real door, and the outcome is classified:

- refused: the documented error (a message for the clerk), nothing changed;
- crash: any other exception (a traceback the clerk would see);
- hang: longer than HANG_SECONDS (interrupted by an alarm);
- partial: a refused import that changed the dataset, or a refused open that changed the file.

`python -m tests.fuzz.mutate [SECONDS] [SEED]` runs every target and prints one JSON object.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HANG_SECONDS = 20


class Hang(Exception):
    pass


class Partial(Exception):
    pass


@dataclass
class Counts:
    target: str
    tried: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: int = 0
    hangs: int = 0
    partial_writes: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)  # what went wrong, for the report

    @property
    def clean(self) -> bool:
        return self.crashes == self.hangs == self.partial_writes == 0


# --- byte and XML mutations -------------------------------------------------------------------


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.choice((1, 1, 2, 4, 16))):
        kind = rng.randrange(6)
        at = rng.randrange(max(len(data), 1))
        if kind == 0 and data:  # flip a bit
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:  # overwrite a run with noise or an edge byte
            run = rng.choice((1, 4, 64, 512))
            data[at : at + run] = bytes(rng.choice((0, 0xFF, rng.randrange(256))) for _ in range(run))
        elif kind == 2:  # cut off the end
            del data[at:]
        elif kind == 3:  # remove a run
            del data[at : at + rng.choice((1, 16, 4096))]
        elif kind == 4:  # repeat a run
            data[at:at] = data[at : at + rng.choice((8, 256, 4096))]
        else:  # an interesting integer
            value = rng.choice((0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF))
            data[at : at + 4] = value.to_bytes(4, "little")
    return bytes(data)


def _pick(rng: random.Random, *choices: str) -> str:
    return rng.choice(choices)


def _values(x: str, r: random.Random) -> str:
    new = lambda m: f"<v>{_pick(r, '1e308', '-1e26', 'nan', 'x', '1' * 40)}</v>"  # noqa: E731
    return re.sub(r"<v>[^<]*</v>", new, x, count=r.randrange(1, 50))


def _places(x: str, r: random.Random) -> str:
    new = lambda m: f'r="{_pick(r, "XFD1048576", "A0", "ZZZZ1", "A99999999")}"'  # noqa: E731
    return re.sub(r'r="[A-Z]+[0-9]+"', new, x, count=r.randrange(1, 5))


def _merges(x: str, r: random.Random) -> str:
    if r.random() < 0.5:
        whole = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
        return x.replace("</sheetData>", "</sheetData>" + whole, 1)
    new = lambda m: f'ref="{_pick(r, "A1:XFD1048576", "Z9:A1", "B2", "A1:A", "")}"'  # noqa: E731
    return re.sub(r'ref="[^"]*"', new, x, count=r.randrange(1, 4))


def _texts(x: str, r: random.Random) -> str:
    new = lambda m: f"<t>{_pick(r, '', '①②', '1²', '٣', 'x' * 40000)}</t>"  # noqa: E731
    return re.sub(r"<t[^>]*>[^<]*</t>", new, x, count=r.randrange(1, 20))


def _structure(x: str, r: random.Random) -> str:
    if r.random() < 0.3:
        return x[: r.randrange(len(x) + 1)]
    if r.random() < 0.5:
        return x.replace("<", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]><", 1)
    return x.replace("<row", "<row><row", 1)


def _styles(x: str, r: random.Random) -> str:
    return re.sub(
        r' s="[0-9]+"', lambda m: f' s="{_pick(r, "9999", "-1", "x")}"', x, count=r.randrange(1, 10)
    )


_XML_EDITS = (_values, _places, _merges, _texts, _structure, _styles)
TEXT_MEMBERS = (".xml", ".rels", ".json")


def mutate_zip(
    raw: bytes, rng: random.Random, text_members: tuple[str, ...] = (".xml", ".rels", ".json")
) -> bytes:
    """Rewrite a zip with one member's content mutated (structure-aware) or its bytes damaged."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:
        return mutate_bytes(raw, rng)
    index = rng.randrange(len(members))
    name, payload = members[index]
    if name.endswith(text_members) and rng.random() < 0.7:
        text = payload.decode("utf-8", "replace")
        payload = (
            rng.choice(_XML_EDITS)(text, rng).encode("utf-8")
            if name.endswith((".xml", ".rels"))
            else mutate_json(text, rng).encode("utf-8")
        )
    else:
        payload = mutate_bytes(payload, rng)
    members[index] = (name, payload)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members:
            archive.writestr(member, content)
    return out.getvalue()


_JSON_VALUES = (
    "null",
    "true",
    "[]",
    "{}",
    '"x"',
    "1e999",
    "-1e26",
    "NaN",
    '"' + "9" * 30 + '"',
    "[" * 200 + "]" * 200,
    '{"a":' * 50 + "1" + "}" * 50,
)


def mutate_json(text: str, rng: random.Random) -> str:
    """Replace a value after a random key, drop a key, or damage the text."""
    kind = rng.randrange(3)
    keys = [m.end() for m in re.finditer(r'"[^"]{1,60}":\s*', text)]
    if kind == 0 and keys:
        at = rng.choice(keys)
        end = re.match(r'"[^"]*"|[^,}\]]*', text[at:])
        return text[:at] + rng.choice(_JSON_VALUES) + text[at + (end.end() if end else 0) :]
    if kind == 1 and keys:
        at = rng.choice(keys)
        return text[: max(text.rfind(",", 0, at), 0)] + text[at:]
    return mutate_bytes(text.encode("utf-8"), rng).decode("utf-8", "replace")


# --- running one input ----------------------------------------------------------------------------


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(_signum: int, _frame: object) -> None:
        raise Hang(f"longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


Door = Callable[[Path], bool]
Expected = tuple[type[BaseException], ...]


def run_one(counts: Counts, door: Door, path: Path, expected: Expected) -> None:
    counts.tried += 1
    try:
        with alarm(HANG_SECONDS):
            accepted = door(path)
        counts.accepted += accepted
        counts.refused += not accepted
    except Hang:
        counts.hangs += 1
        counts.examples.append(f"hang: {path.name}")
    except Partial as exc:
        counts.partial_writes += 1
        counts.examples.append(f"partial: {path.name}: {exc}")
    except expected:
        counts.refused += 1
    except Exception as exc:
        counts.crashes += 1
        where = traceback.extract_tb(exc.__traceback__)[-1]
        counts.examples.append(
            f"crash: {path.name}: {type(exc).__name__}: {str(exc)[:120]} at {where.filename}:{where.lineno}"
        )


def fuzz(
    target: str,
    seed_files: list[Path],
    mutate: Callable[[bytes, random.Random], bytes],
    door: Door,
    expected: Expected,
    *,
    seconds: float,
    seed: int,
    keep: Path | None = None,
) -> Counts:
    """Mutate the seed files for `seconds`; `keep` saves the inputs that crashed, hung or wrote partly."""
    rng = random.Random(seed)
    counts = Counts(target)
    start = time.monotonic()
    seeds = [path.read_bytes() for path in seed_files]
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as folder:
        while time.monotonic() - start < seconds:
            source = rng.randrange(len(seed_files))
            path = Path(folder) / f"{target}-{counts.tried}{seed_files[source].suffix}"
            mutated = mutate(seeds[source], rng)
            path.write_bytes(mutated)
            failures = len(counts.examples)
            run_one(counts, door, path, expected)
            if keep is not None and len(counts.examples) > failures:  # the input as it was given
                keep.mkdir(parents=True, exist_ok=True)
                (keep / path.name).write_bytes(mutated)
            for leftover in Path(folder).iterdir():
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    counts.seconds = round(time.monotonic() - start, 1)
    return counts


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def main(argv: list[str]) -> None:
    from tests.fuzz.targets import TARGETS

    seconds = float(argv[0]) if argv else 60.0
    seed = int(argv[1]) if len(argv) > 1 else 16
    results: dict[str, Any] = {}
    for name, run in TARGETS.items():
        results[name] = asdict(run(seconds / len(TARGETS), seed, Path("fuzz-failures")))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
