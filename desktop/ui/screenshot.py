"""Rendering a window to a PNG (offscreen platform included) for docs and checks.

`python -m desktop.ui.screenshot docs` writes the docs' screenshots as a clerk first sees them:
the demo in a first-run window on a 1366×768 laptop (docs/*.png) and on 1920×1080 at 150%
(docs/150/*.png), each in a process of its own whose only screen is that one, less a taskbar
(desktop.ui.screen_probe)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.ui.grab import save_screenshot

SCREEN_FOLDERS = {"1366x768": ".", "1920x1080@150": "150"}
DOC_FORMS = {
    "g01.png": "G01",
    "g05.png": "G05",
    "g06.png": "G06",
    "g07.png": "G07",
    "p01.png": "P01",
    "p02.png": "P02",
    "texts.png": "texts",
    "export.png": "export",
}
DOC_FINDING = "budget.G05"  # a finding with a reason text box, shown in docs/findings.png


def render_docs(folder: Path) -> list[Path]:
    """Every screen's shots, each rendered by a child process on that screen."""
    from desktop.ui.screen_probe import screen_env

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        for screen, sub in SCREEN_FOLDERS.items():
            target = (folder / sub).resolve()
            command = [sys.executable, "-m", "desktop.ui.screenshot", "--render", str(target)]
            done = subprocess.run(
                command, env=screen_env(screen, Path(scratch)), capture_output=True, text=True
            )
            if done.returncode:
                raise OSError(f"截图失败（{screen}）：{done.stderr[-2000:]}")
            written += [Path(line) for line in done.stdout.splitlines() if line]
    return written


def render_here(folder: Path) -> list[Path]:
    """The shots on this process's screen: the demo in a first-run window, as placed on it."""
    from desktop.actions.demo import create_demo
    from desktop.ui.application import application
    from desktop.ui.main_window import MainWindow
    from desktop.ui.screen_extras import extra_shots
    from desktop.ui.settings import AppSettings

    application()
    window = MainWindow(AppSettings(Path(tempfile.mkdtemp()) / "settings.ini"))
    window.open_path(create_demo())
    assert window.workspace is not None
    written = []
    for name, form in DOC_FORMS.items():
        window.workspace.show_step(form).focus_main()
        written.append(save_screenshot(window, folder / name, None))
    finding = next(f for f in window.workspace.session.findings if f.rule == DOC_FINDING)
    window.workspace.findings.select(finding)
    written.append(save_screenshot(window, folder / "findings.png", None))
    written += extra_shots(window, folder)
    window.close_dataset()  # the start page then lists the demo as a recent file
    written.append(save_screenshot(window, folder / "start.png", None))
    window.close()
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    paths = (
        render_here(Path(args[1]))
        if args[:1] == ["--render"]
        else render_docs(Path(args[0] if args else "docs"))
    )
    for path in paths:
        print(path)
