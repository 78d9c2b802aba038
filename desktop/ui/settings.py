"""What the window remembers between runs: recent files, the last file, and where the clerk
was in each file (form and cell). An INI file in the app's data folder, so tests (which point
JUESUAN_DATA_DIR at a temporary folder) never touch the clerk's real settings."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.paths import data_dir
from desktop.ui.qt import QByteArray, QSettings

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.qsettings = QSettings(str(path or data_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def recent_files(self) -> list[str]:
        value = self.qsettings.value("recent", [])
        # QSettings gives a plain string back for a one-item list.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        text = str(Path(path).resolve())
        recent = [text, *(p for p in self.recent_files() if p != text)][:MAX_RECENT]
        self.qsettings.setValue("recent", recent)
        self.qsettings.setValue("last_file", text)
        self.qsettings.sync()

    def last_file(self) -> Path | None:
        value = self.qsettings.value("last_file", "")
        return Path(str(value)) if value else None

    def forget_last_file(self) -> None:
        self.qsettings.remove("last_file")
        self.qsettings.sync()

    @staticmethod
    def _key(path: Path) -> str:
        digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
        return f"position/{digest}"

    def save_position(self, path: Path, step: str | None, cell: str | None) -> None:
        self.qsettings.setValue(self._key(path), f"{step or ''}|{cell or ''}")
        self.qsettings.sync()

    def position(self, path: Path) -> tuple[str | None, str | None]:
        value = str(self.qsettings.value(self._key(path), "") or "")
        step, _, cell = value.partition("|")
        return step or None, cell or None

    # --- window and panes -------------------------------------------------------------------

    def state(self, key: str) -> QByteArray | None:
        """A saved geometry or splitter state (Qt's own bytes)."""
        value = self.qsettings.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_state(self, key: str, state: QByteArray) -> None:
        self.qsettings.setValue(f"layout/{key}", state)

    def flag(self, key: str, default: bool) -> bool:
        value = self.qsettings.value(f"layout/{key}", default)
        return value in (True, "true", "1", 1)

    def save_flag(self, key: str, on: bool) -> None:
        self.qsettings.setValue(f"layout/{key}", on)

    def folder(self, purpose: str) -> str:
        """The folder last used to create or export (新建, 导出), so the dialog opens there."""
        return str(self.qsettings.value(f"folders/{purpose}", "") or "")

    def save_folder(self, purpose: str, folder: Path) -> None:
        self.qsettings.setValue(f"folders/{purpose}", str(Path(folder)))
        self.qsettings.sync()
