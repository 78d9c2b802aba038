"""Package layout (the metadata is in pyproject.toml).

The repository keeps the application's data in the top-level `resources/` folder (DESIGN.md);
the distribution carries it inside the package as `desktop/_resources`, every file of every
folder under it, so a new folder there ships without a change here. `desktop/resources.py`
finds it either way. pyproject.toml alone cannot map a folder outside the package into it.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA_PACKAGE = "desktop._resources"
DATA_FOLDERS = [DATA_PACKAGE, *(f"{DATA_PACKAGE}.{name}" for name in find_namespace_packages("resources"))]

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), *DATA_FOLDERS],
    package_dir={DATA_PACKAGE: "resources"},
    package_data={folder: ["*"] for folder in DATA_FOLDERS},
)
