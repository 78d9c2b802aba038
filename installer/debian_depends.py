"""The `Depends:` of the .deb, read from the frozen app itself (a small dpkg-shlibdeps).

`python installer/debian_depends.py FOLDER` prints one line such as
`libc6 (>= 2.36), libegl1, libfontconfig1, …`: the Debian packages that hold the libraries
the folder's programs and libraries link to outside it (ldd, with the folder's library paths
as the frozen app's loader sets them), and libc6 at the newest glibc symbol version they use.
Works on any Debian-based builder and architecture; a library the builder lacks is an error.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LDD_LINE = re.compile(r"^\s*(\S+) => (.+?) \(0x[0-9a-f]+\)$")
GLIBC_VERSION = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?\x00")


class DependsError(Exception):
    """The folder links to a library that is not on this machine, or that no package holds."""


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def library_path(folder: Path, files: list[Path]) -> str:
    """Every folder of the bundle that holds a shared library, as the frozen app's loader finds them."""
    return os.pathsep.join(sorted({str(f.parent) for f in files if ".so" in f.name} | {str(folder)}))


def external_libraries(folder: Path) -> set[Path]:
    """The libraries outside `folder` that its ELF files link to."""
    files = elf_files(folder)
    env = os.environ | {"LD_LIBRARY_PATH": library_path(folder, files)}
    outside: set[Path] = set()
    for path in files:
        report = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True, check=False)
        for line in report.stdout.splitlines():
            if "not found" in line:
                raise DependsError(f"{path.relative_to(folder)}: {line.strip()}")
            match = LDD_LINE.match(line)
            if match and not Path(match[2]).resolve().is_relative_to(folder.resolve()):
                outside.add(Path(match[2]))
    return outside


def package_of(library: Path) -> str:
    """The package that installed `library` (searched by name within its multiarch folder)."""
    query = subprocess.run(
        ["dpkg-query", "-S", f"*/{library.parent.name}/{library.name}"],
        capture_output=True,
        text=True,
        check=False,
    )
    packages = sorted({line.split(":")[0] for line in query.stdout.splitlines() if ": " in line})
    if not packages:
        raise DependsError(f"no Debian package holds {library}")
    return packages[0]


def glibc_floor(folder: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the folder asks for."""
    versions = {
        tuple(int(part) for part in match if part)
        for path in elf_files(folder)
        for match in GLIBC_VERSION.findall(path.read_bytes())
    }
    return ".".join(str(part) for part in max(versions))


def depends(folder: Path) -> str:
    packages = {package_of(library) for library in external_libraries(folder)} - {"libc6"}
    return ", ".join([f"libc6 (>= {glibc_floor(folder)})", *sorted(packages)])


if __name__ == "__main__":
    try:
        print(depends(Path(sys.argv[1])))
    except DependsError as error:
        sys.exit(f"debian_depends: {error}")
