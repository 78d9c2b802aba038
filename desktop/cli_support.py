"""What every CLI command shares: exit codes, the usage error, opening FILE, JSON on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from desktop.models.dataset import Dataset
from desktop.models.store import read_only_message

OK, DATA_ERRORS, BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad usage or input: exit 2 with the message."""


def open_dataset(path: str) -> Dataset:
    """Open FILE; a read-only one is said so (reading and exporting still work)."""
    dataset = Dataset.open(Path(path))
    if dataset.read_only:
        print(f"注意：{read_only_message(dataset.path)}", file=sys.stderr)
    return dataset


def emit(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
