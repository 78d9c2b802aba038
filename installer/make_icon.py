"""Draw the application icon: `python installer/make_icon.py [FOLDER]` (default resources/icons).

One geometry, on a 256-unit canvas, written twice: as `juesuan.svg` (the scalable icon of the
Linux desktop entry) and, drawn with Pillow at 4x and scaled down, as `juesuan-<size>.png` (the
window, the hicolor theme) and `juesuan.ico` (the Windows programs and the installer).
The picture: a red tile, a white ledger sheet with table rules, a green badge with a tick
(the package is checked). The files are committed; run this again only to change the icon.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SCALE = 4  # drawn at 4x, then scaled down: smooth edges

TILE = {"box": (16, 16, 240, 240), "radius": 48, "fill": "#C0392B"}
SHEET = {"box": (60, 44, 176, 212), "radius": 10, "fill": "#FFFFFF"}
RULES = [(76, y, 160, y) for y in (84, 112, 140, 168)] + [(104, 68, 104, 188)]
RULE_STYLE = {"stroke": "#D98880", "width": 7}
BADGE = {"centre": (180, 180), "radius": 46, "fill": "#1E8449", "ring": "#FFFFFF", "ring_width": 8}
TICK = {"points": [(158, 181), (174, 197), (203, 164)], "stroke": "#FFFFFF", "width": 13}


def svg() -> str:
    x0, y0, x1, y1 = TILE["box"]
    sx0, sy0, sx1, sy1 = SHEET["box"]
    (cx, cy), r = BADGE["centre"], BADGE["radius"]
    rules = "".join(f'<line x1="{a}" y1="{b}" x2="{c}" y2="{d}"/>' for a, b, c, d in RULES)
    tick = " ".join(f"{x},{y}" for x, y in TICK["points"])
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\n'
        f'  <rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{TILE["radius"]}" '
        f'fill="{TILE["fill"]}"/>\n'
        f'  <rect x="{sx0}" y="{sy0}" width="{sx1 - sx0}" height="{sy1 - sy0}" rx="{SHEET["radius"]}" '
        f'fill="{SHEET["fill"]}"/>\n'
        f'  <g stroke="{RULE_STYLE["stroke"]}" stroke-width="{RULE_STYLE["width"]}" '
        f'stroke-linecap="round">{rules}</g>\n'
        f'  <circle cx="{cx}" cy="{cy}" r="{r}" fill="{BADGE["fill"]}" stroke="{BADGE["ring"]}" '
        f'stroke-width="{BADGE["ring_width"]}"/>\n'
        f'  <polyline points="{tick}" fill="none" stroke="{TICK["stroke"]}" stroke-width="{TICK["width"]}" '
        'stroke-linecap="round" stroke-linejoin="round"/>\n'
        "</svg>\n"
    )


def _scaled(values: tuple[int, ...] | list[int]) -> list[int]:
    return [v * SCALE for v in values]


def _round_line(draw: ImageDraw.ImageDraw, points: list[tuple[int, int]], colour: str, width: int) -> None:
    """A polyline with round caps and joins, as the SVG draws it."""
    scaled = [(x * SCALE, y * SCALE) for x, y in points]
    draw.line(scaled, fill=colour, width=width * SCALE)
    for x, y in scaled:
        half = width * SCALE // 2
        draw.ellipse((x - half, y - half, x + half, y + half), fill=colour)


def master() -> Image.Image:
    image = Image.new("RGBA", (256 * SCALE, 256 * SCALE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(_scaled(TILE["box"]), TILE["radius"] * SCALE, fill=TILE["fill"])
    draw.rounded_rectangle(_scaled(SHEET["box"]), SHEET["radius"] * SCALE, fill=SHEET["fill"])
    for a, b, c, d in RULES:
        _round_line(draw, [(a, b), (c, d)], RULE_STYLE["stroke"], RULE_STYLE["width"])
    (cx, cy), r = BADGE["centre"], BADGE["radius"] + BADGE["ring_width"] // 2
    draw.ellipse(_scaled((cx - r, cy - r, cx + r, cy + r)), fill=BADGE["ring"])
    r = BADGE["radius"] - BADGE["ring_width"] // 2
    draw.ellipse(_scaled((cx - r, cy - r, cx + r, cy + r)), fill=BADGE["fill"])
    _round_line(draw, TICK["points"], TICK["stroke"], TICK["width"])
    return image


def write_icons(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "juesuan.svg"]
    written[0].write_text(svg(), encoding="utf-8")
    big = master()
    for size in PNG_SIZES:
        path = folder / f"juesuan-{size}.png"
        big.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)
        written.append(path)
    ico = folder / "juesuan.ico"
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ico, sizes=[(s, s) for s in ICO_SIZES])
    return [*written, ico]


DEFAULT_FOLDER = Path(__file__).resolve().parents[1] / "resources" / "icons"

if __name__ == "__main__":
    for path in write_icons(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER):
        print(path)
