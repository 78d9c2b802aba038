"""The command line: `juesuan COMMAND …` (headless) or `juesuan [FILE]` (the window).

This door stays light: the window's cold start imports nothing of the commands, and a
command loads its machinery (desktop/cli_commands.py) only when it is asked for. Exit codes
and messages are the commands' (see there).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.cli_support import BAD_INPUT, DEBUG, ChineseParser, UsageError

# The commands' names (cli_commands.command_names(), which a test keeps equal): anything else
# first on the line is a file for the window.
COMMANDS = frozenset(
    {"new", "import", "set", "get", "validate", "export", "demo", "verify", "consolidate"}
    | {"narrative", "check-text"}
)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = DEBUG in argv
    argv = [a for a in argv if a != DEBUG]
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _open_window(argv)
    from desktop.cli_commands import run_command

    return run_command(argv, debug=debug, window=run_window)


def run_window(path: Path | None, args: argparse.Namespace) -> int:
    from desktop.app import run

    return int(run(path, screenshot=getattr(args, "screenshot", None), form=getattr(args, "form", None)))


def _open_window(argv: list[str]) -> int:
    """`juesuan` or `juesuan FILE [--screenshot PATH --form G05]`."""
    parser = ChineseParser(prog="juesuan")
    parser.add_argument("file", nargs="?")
    parser.add_argument("--screenshot", metavar="PATH")
    parser.add_argument("--form")
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    return run_window(Path(args.file) if args.file else None, args)
