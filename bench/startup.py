"""Start-up and size figures of the installers: `.venv/bin/python bench/startup.py` prints ONE JSON object.

Time from starting `juesuan demo.jsd` to its window being mapped on a virtual X screen (Xvfb,
found with xdotool), for the frozen app (build/frozen/dist/juesuan, installer/build-app.sh) and
for the development venv: once cold (the page cache dropped first, when this runs as root) and
REPEATS times warm (median). Sizes: the .deb in dist/, the frozen folder, the wheel's download.
Needs Xvfb and xdotool (`apt-get install xvfb xdotool`); a missing program or build is an error.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "build" / "frozen" / "dist" / "juesuan"
PROGRAMS = {"frozen": FROZEN / "juesuan", "venv": ROOT / ".venv" / "bin" / "juesuan"}
REPEATS = 5
TIMEOUT_S = 60.0


def require(path: Path | str | None, what: str) -> Path:
    if path is None or not Path(path).exists():
        sys.exit(f"bench/startup.py: {what} is missing ({path})")
    return Path(path)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A virtual screen on a display number nobody uses (far from :0, which others may take)."""
    xvfb = str(require(shutil.which("Xvfb"), "Xvfb"))
    number = next(n for n in range(300 + os.getpid() % 300, 1000) if not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.perf_counter() + TIMEOUT_S
    while not socket.exists():
        if server.poll() is not None or time.perf_counter() > deadline:
            sys.exit(f"bench/startup.py: Xvfb did not start on :{number}")
        time.sleep(0.05)
    return server, f":{number}"


def drop_page_cache() -> bool:
    """Cold start: the files are read from disk again (root only)."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def window_seconds(program: Path, dataset: Path, env: dict[str, str]) -> float:
    """Start the program on `dataset`; seconds until one of its windows is mapped."""
    xdotool = str(require(shutil.which("xdotool"), "xdotool"))
    start = time.perf_counter()
    log = dataset.with_suffix(".log").open("w+", encoding="utf-8")
    app = subprocess.Popen([str(program), str(dataset)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while time.perf_counter() - start < TIMEOUT_S:
            found = subprocess.run(
                [xdotool, "search", "--onlyvisible", "--pid", str(app.pid)],
                env=env,
                capture_output=True,
                check=False,
            )
            if found.stdout.strip():
                return time.perf_counter() - start
            if app.poll() is not None:
                log.seek(0)
                sys.exit(f"bench/startup.py: {program} ended (exit {app.returncode}) early:\n{log.read()}")
            time.sleep(0.02)
        sys.exit(f"bench/startup.py: no window from {program} after {TIMEOUT_S} s")
    finally:
        app.terminate()
        app.wait(timeout=30)
        log.close()


def start_figures(program: Path, dataset: Path, env: dict[str, str]) -> dict[str, Any]:
    cold = drop_page_cache()
    first = window_seconds(program, dataset, env)
    warm = [window_seconds(program, dataset, env) for _ in range(REPEATS)]
    return {
        "first_window_cold_s" if cold else "first_window_first_run_s": round(first, 2),
        "first_window_warm_median_s": round(statistics.median(warm), 2),
        "warm_runs": len(warm),
    }


def folder_mb(folder: Path) -> float:
    return round(
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20, 1
    )


def size_figures() -> dict[str, Any]:
    debs = sorted((ROOT / "dist").glob("juesuan_*.deb"))
    return {
        "deb_mb": round(
            require(debs[-1] if debs else None, "the .deb (installer/build-deb.sh)").stat().st_size / 2**20, 1
        ),
        "installed_mb": folder_mb(FROZEN),
    }


def main() -> None:
    for name, program in PROGRAMS.items():
        require(program, f"the {name} program")
    result: dict[str, Any] = {"sizes": size_figures()}
    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="juesuan-startup-") as folder:
            env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
            env |= {"DISPLAY": display, "JUESUAN_DATA_DIR": folder, "HOME": folder}
            subprocess.run(
                [str(PROGRAMS["venv"]), "demo", "--headless"], env=env, capture_output=True, check=True
            )
            dataset = Path(folder) / "demo.jsd"
            for name, program in PROGRAMS.items():
                result[name] = start_figures(program, dataset, env)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
