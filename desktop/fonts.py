"""The bundled CJK fonts (resources/fonts): the same files serve the window and the PDF."""

from __future__ import annotations

from pathlib import Path

from desktop.resources import RESOURCES

FONT_DIR = RESOURCES / "fonts"
SANS = FONT_DIR / "JuesuanSansSC-Regular.ttf"
SANS_BOLD = FONT_DIR / "JuesuanSansSC-Bold.ttf"
SERIF = FONT_DIR / "JuesuanSerifSC-Regular.ttf"
SERIF_BOLD = FONT_DIR / "JuesuanSerifSC-Bold.ttf"
UI_FAMILY = "Juesuan Sans SC"


def font_files() -> tuple[Path, ...]:
    return (SANS, SANS_BOLD, SERIF, SERIF_BOLD)
