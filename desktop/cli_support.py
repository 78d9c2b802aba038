"""What every CLI command shares: exit codes, the usage error, opening FILE, JSON on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

OK, DATA_ERRORS, BAD_INPUT = 0, 1, 2
DEBUG = "--debug"


class UsageError(Exception):
    """Bad usage or input: exit 2 with the message."""


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(
            f"用法错误 (usage error): {message}\n运行 juesuan --help 查看帮助 (see juesuan --help)"
        )


def open_dataset(path: str) -> Dataset:
    """Open FILE; a read-only one is said so (reading and exporting still work)."""
    # The dataset and its rule engine load here, not when the window's door is imported.
    from desktop.models.dataset import Dataset
    from desktop.models.store import read_only_message

    dataset = Dataset.open(Path(path))
    if dataset.read_only:
        print(f"注意：{read_only_message(dataset.path)}", file=sys.stderr)
    return dataset


def emit(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
