"""A clerk's first minutes on a given screen, measured: the demo opened in a first-run window,
every step visited, and where things land. Run in a process of its own with an offscreen
screen of the wanted size (`screen_env`), since the screen and the scale factor are fixed when
Qt starts. Used by the tests and by the docs screenshots (desktop.ui.screenshot)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

SCREENS: dict[str, dict[str, Any]] = {
    "1366x768": {"width": 1366, "height": 768, "scale": "1"},
    "1920x1080@150": {"width": 1920, "height": 1080, "scale": "1.5"},
}
TASKBAR = 48  # physical pixels the Windows taskbar takes from the bottom of the screen


def screen_env(name: str, folder: Path) -> dict[str, str]:
    """Environment for a child process whose only screen is `name` (offscreen, with frames),
    less the taskbar: the offscreen screen is all available, a desktop's is not."""
    screen = SCREENS[name]
    config = {
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": True,
        "screens": [
            {"name": name, "x": 0, "y": 0, "width": screen["width"], "height": screen["height"] - TASKBAR,
             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        ],
    }  # fmt: skip
    path = folder / f"screen-{name}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": f"offscreen:configfile={path}", "QT_SCALE_FACTOR": str(screen["scale"])})
    env["JUESUAN_DATA_DIR"] = str(folder / "appdata")
    return env


def _visible_rows(view: Any) -> int:
    viewport = view.viewport().rect()
    model = view.model()
    return sum(
        1
        for row in range(model.rowCount())
        if viewport.contains(view.visualRect(model.index(row, 1)).adjusted(0, 0, 0, -1))
    )


def probe() -> dict[str, Any]:
    """Open the demo as a first run would and measure the window on every step."""
    from desktop.actions.demo import create_demo
    from desktop.ui.application import application
    from desktop.ui.grab import settle
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import AppSettings
    from desktop.ui.window_fit import available_area

    application()
    window = MainWindow(AppSettings(Path(tempfile.mkdtemp()) / "settings.ini"))
    window.open_path(create_demo())
    window.show()
    settle()
    available = available_area(window)
    inside = {}
    assert window.workspace is not None
    for step in window.workspace.navigator.steps():
        window.workspace.show_step(step)
        settle()
        inside[step] = available.contains(window.frameGeometry())
    page: Any = window.workspace.show_step("P01")
    page.list.setCurrentRow(max(range(page.list.count()), key=lambda r: _indicator_count(page, r)))
    settle()
    status = window.statusBar()
    return {
        "available": [available.width(), available.height()],
        "frame": [window.frameGeometry().width(), window.frameGeometry().height()],
        "inside": inside,
        "status_bar_shown": available.contains(status.mapToGlobal(status.rect().bottomRight())),
        "indicator_rows_shown": _visible_rows(page.indicators_view),
        "indicators": page.indicators.rowCount(),
    }


def _indicator_count(page: Any, row: int) -> int:
    page.list.setCurrentRow(row)
    return int(page.indicators.rowCount())


if __name__ == "__main__":
    print(json.dumps(probe(), ensure_ascii=False))
