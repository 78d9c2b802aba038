"""Where the application keeps its files on the clerk's machine."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.resources import RESOURCES

DEMO_SOURCE = RESOURCES / "demo" / "xiqu-czj-2020.json"


def data_dir() -> Path:
    """%LOCALAPPDATA%\\juesuan on Windows, $XDG_DATA_HOME/juesuan elsewhere (created)."""
    override = os.environ.get("JUESUAN_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "juesuan"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "juesuan"
    base.mkdir(parents=True, exist_ok=True)
    return base
