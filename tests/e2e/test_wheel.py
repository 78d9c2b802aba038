"""The wheel, as a clerk's machine or the frozen build gets it: built with `python -m build`,
installed (not editable) into a new venv, run outside the checkout through installer/smoke.sh.

The new venv borrows the dependencies (Qt, openpyxl, …) from the running environment through a
.pth line, so the suite does not unpack Qt again; the package itself comes only from the wheel,
which the first test proves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=dist)
    (built,) = dist.glob("juesuan-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", folder, cwd=folder)
    python = folder / "bin" / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=folder,
    )
    site = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=folder).strip()
    )
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return folder


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUESUAN", "XDG_"))}
    return env | {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def test_the_wheel_carries_every_resource_file_inside_the_package_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = ROOT / "resources"
    expected = {
        f"desktop/_resources/{p.relative_to(resources).as_posix()}"
        for p in resources.rglob("*")
        if p.is_file()
    }
    assert expected <= names
    assert {name.split("/")[0] for name in names} == {"desktop", wheel.name.split("-py3")[0] + ".dist-info"}
    assert "desktop/_resources/editions/sichuan-2020/forms/G05.toml" in names and "desktop/cli.py" in names


def test_the_installed_package_reads_its_own_copy_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    probe = "import desktop, desktop.resources as r; print(desktop.__file__); print(r.RESOURCES)"
    module, resources = run(
        venv / "bin" / "python", "-c", probe, cwd=tmp_path, env=clean_env(tmp_path)
    ).split()
    assert Path(module).is_relative_to(venv) and not Path(module).is_relative_to(ROOT)
    assert Path(resources).name == "_resources" and Path(resources).is_relative_to(venv)


def test_the_installed_wheel_passes_the_smoke_test(venv: Path, tmp_path: Path) -> None:
    out = tmp_path / "smoke"
    report = run(
        "bash",
        ROOT / "installer" / "smoke.sh",
        venv / "bin" / "juesuan",
        out,
        cwd=tmp_path,
        env=clean_env(tmp_path),
    )
    assert report.rstrip().endswith("smoke: 11 passed, 0 failed"), report
    pdf = subprocess.run(
        ["pdftotext", "-layout", out / "demo.pdf", "-"], capture_output=True, text=True, check=True
    )
    assert "攀枝花市西区财政局" in pdf.stdout and "收入支出决算总表" in pdf.stdout
    book = openpyxl.load_workbook(out / "demo.xlsx", read_only=True)
    assert len(book.sheetnames) >= 9
    book.close()
    assert not (tmp_path / ".local").exists()  # JUESUAN_DATA_DIR kept the user's folder untouched


def test_the_smoke_test_stops_at_a_broken_command(tmp_path: Path) -> None:
    broken = tmp_path / "juesuan"
    broken.write_text("#!/bin/sh\necho 'juesuan 0.1.0'\n[ \"$1\" = --version ]\n", encoding="utf-8")
    broken.chmod(0o755)
    done = subprocess.run(
        ["bash", ROOT / "installer" / "smoke.sh", broken, tmp_path / "out"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "smoke: 1 passed, 1 failed"
    assert "FAILED demo: exit 1, expected 0" in done.stdout
