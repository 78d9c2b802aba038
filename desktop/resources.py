"""Where the application's read-only data lives: editions, forms, rules, code lists, fonts, icons, demo data.

The repository keeps it in the top-level `resources/` folder, beside the package. An installed
wheel (setup.py) and the frozen app (installer/juesuan.spec) carry the same folder inside the
package as `desktop/_resources`. Both places are found from the `desktop` package through
importlib.resources, so a checkout, an editable install, a wheel and the frozen app run the same code.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BUNDLED = "_resources"  # the folder's name inside an installed or frozen package


def locate(package: Path) -> Path:
    """The data folder for the package folder `package`: inside it when installed, beside it in a checkout."""
    for candidate in (package / BUNDLED, package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"程序的数据文件夹缺失 (application data missing): neither {package / BUNDLED} "
        f"nor {package.parent / 'resources'} exists; 请重新安装 (please reinstall)"
    )


RESOURCES = locate(Path(str(files("desktop"))))
