"""The committed icon files are what installer/make_icon.py draws, in every size the installers use."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from PIL import Image, ImageChops

from tests.conftest import ROOT
from tests.helpers import load_script

ICONS = ROOT / "resources" / "icons"


def make_icon() -> ModuleType:
    return load_script(ROOT / "installer" / "make_icon.py")


def largest_difference(a: Path, b: Path) -> int:
    with Image.open(a) as first, Image.open(b) as second:
        extrema = ImageChops.difference(first.convert("RGBA"), second.convert("RGBA")).getextrema()
    return max(high for _low, high in extrema)


def test_the_committed_icons_match_a_fresh_drawing(tmp_path: Path) -> None:
    module = make_icon()
    fresh = module.write_icons(tmp_path)
    assert {p.name for p in fresh} == {p.name for p in ICONS.iterdir()}
    assert (ICONS / "juesuan.svg").read_text(encoding="utf-8") == (tmp_path / "juesuan.svg").read_text(
        encoding="utf-8"
    )
    for size in module.PNG_SIZES:
        name = f"juesuan-{size}.png"
        with Image.open(ICONS / name) as image:
            assert image.size == (size, size)
        assert largest_difference(ICONS / name, tmp_path / name) <= 8  # resampling may differ by a shade
    with Image.open(ICONS / "juesuan.ico") as ico:
        assert sorted(ico.info["sizes"]) == [(s, s) for s in module.ICO_SIZES]


def test_a_changed_drawing_is_noticed(tmp_path: Path) -> None:
    module = make_icon()
    module.TILE = {**module.TILE, "fill": "#2255AA"}
    module.write_icons(tmp_path)
    assert (tmp_path / "juesuan.svg").read_text(encoding="utf-8") != (ICONS / "juesuan.svg").read_text(
        encoding="utf-8"
    )
    assert largest_difference(ICONS / "juesuan-64.png", tmp_path / "juesuan-64.png") > 100
