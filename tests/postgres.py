"""A real PostgreSQL server for the tests: Debian's `postgresql` binaries (installed by
scripts/setup.sh), a throwaway data folder, loopback only, a free port, trust auth; stopped
and removed afterwards. Missing binaries fail the test (the test command installs them)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "postgres"  # the OS user the server runs as when the tests run as root (initdb refuses root)


@dataclass(frozen=True)
class Server:
    bin: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        _run(self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, name)
        return self.url(name)


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL server binaries missing: install Debian's postgresql (scripts/setup.sh test)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_server_user(*command: object) -> list[str]:
    args = [str(c) for c in command]
    return ["runuser", "-u", USER, "--", *args] if os.geteuid() == 0 else args


def _run(*command: object) -> None:
    done = subprocess.run(_as_server_user(*command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} failed: {done.stdout}{done.stderr}")


@contextmanager
def postgres_server() -> Iterator[Server]:
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="juesuan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, USER)
    data, port = folder / "data", _free_port()
    _run(binaries / "initdb", "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run(binaries / "pg_ctl", "-D", data, "-o", options, "-l", folder / "log", "-w", "start")
    try:
        yield Server(binaries, port)
    finally:
        subprocess.run(
            _as_server_user(binaries / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"), check=False
        )
        shutil.rmtree(folder, ignore_errors=True)
