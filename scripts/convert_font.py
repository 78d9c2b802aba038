"""Convert a CFF-flavoured CJK font (Noto Sans/Serif CJK SC) into a TrueType-outline font for the app.

One-off maintainer tool; it is NOT run in CI or at build time. The converted files are committed under
``resources/fonts/`` together with ``OFL.txt``; ``resources/fonts/README.md`` records the exact commands.

Why: reportlab embeds only TrueType (``glyf``) outlines and refuses every Noto CJK / Source Han file as
distributed ("postscript outlines are not supported"). This script

1. opens one face of an OTF/OTC/TTC (``--face-index``; in Debian's ``NotoSansCJK-Regular.ttc`` face 2 is
   "Noto Sans CJK SC"),
2. subsets it to the code points a Chinese finance report needs (ASCII, Latin-1, Latin Extended-A,
   general punctuation, letterlike/number forms, arrows, math operators, enclosed numbers, box drawing,
   geometric shapes, CJK symbols and punctuation, full-width forms, everything encodable in GBK, which
   includes all of GB2312, and the whole CJK Unified Ideographs block U+4E00..U+9FFF; CJK Extension A
   only with ``--ext-a``), keeping only horizontal layout features,
3. converts the cubic CFF outlines to quadratic ``glyf`` outlines with fontTools' ``cu2qu``
   (``Cu2QuPen`` into ``TTGlyphPen``, as in fontTools' ``otf2ttf`` snippet),
4. renames the font. The SIL Open Font License 1.1 forbids a Modified Version from using a Reserved Font
   Name. Debian's copyright file for fonts-noto-cjk declares none, but the upstream/Google Fonts copies
   of the licence declare "Reserved Font Name 'Source'" and the name table says "Noto is a trademark of
   Google Inc.", so the result carries neither "Noto" nor "Source" in its names (e.g. "Juesuan Sans SC").
   The copyright notice and licence fields of the name table are kept, as OFL clause 2 requires.

Example (Debian 12, ``apt-get install fonts-noto-cjk fonts-noto-cjk-extra``)::

    .venv/bin/python scripts/convert_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \\
        --face-index 2 --family "Juesuan Sans SC" --style Regular \\
        resources/fonts/JuesuanSansSC-Regular.ttf
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Maximum distance (font units, 1000 per em in Noto CJK) between a cubic curve and its quadratic
# approximation. 1.0 is what fontTools' otf2ttf and fontmake use; invisible at any print size.
MAX_ERR = 1.0

# Code point ranges kept in addition to everything GBK can encode (inclusive bounds).
EXTRA_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement: ¥ § ° ± × ÷ ...
    (0x0100, 0x017F),  # Latin Extended-A (pinyin tone marks ā ē ī ...)
    (0x01CD, 0x01DC),  # pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x02C6, 0x02DD),  # spacing modifiers ˇ ˉ ˊ ˋ
    (0x0391, 0x03C9),  # Greek (α β Σ Δ in formulas)
    (0x0401, 0x0451),  # Cyrillic as in GB2312
    (0x2000, 0x206F),  # General Punctuation: – — ‘ ’ “ ” … ‰ ※
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency symbols (€)
    (0x2100, 0x214F),  # letterlike symbols: ℃ № ℉
    (0x2150, 0x218F),  # number forms: Ⅰ Ⅱ Ⅲ ⅰ ⅱ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≥ ≤ ≠ ≈ ∑ √ ∞
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈ Ⓐ
    (0x2500, 0x257F),  # box drawing
    (0x2580, 0x259F),  # block elements
    (0x25A0, 0x25FF),  # geometric shapes: □ ■ △ ○ ● ◆
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆ ☑ ☒
    (0x2700, 0x27BF),  # dingbats: ✓ ✔ ✗ ❶
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 《 》 「 」 【 】 〔 〕
    (0x3040, 0x30FF),  # hiragana/katakana (in GB2312; ・ ー)
    (0x3100, 0x312F),  # bopomofo
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3200, 0x32FF),  # enclosed CJK letters and months: ㈠ ㈱ ㊣
    (0x3300, 0x33FF),  # CJK compatibility: ㎡ ㎏ ㎎ ㎝
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs (GBK hanzi stop at U+9FA5)
    (0xF900, 0xFAFF),  # CJK compatibility ideographs (the few in GBK)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms (in GBK)
    (0xFE50, 0xFE6F),  # small form variants (in GBK)
    (0xFF00, 0xFFEF),  # half-width and full-width forms: （ ） ， ： ； ％ ￥
)
EXT_A_RANGE = (0x3400, 0x4DBF)  # CJK Unified Ideographs Extension A, e.g. 䶮 (~6,500 rarely used hanzi)

# OpenType features kept for horizontal text (Qt/HarfBuzz use them; reportlab ignores GSUB/GPOS).
# Dropped on purpose: 'locl' (pulls in the JP/KR/TC glyph variants) and all vertical-writing features.
LAYOUT_FEATURES = ["ccmp", "liga", "calt", "kern", "mark", "mkmk", "halt", "palt"]

# Name IDs removed in every language before the new names are written: family/style/full/unique/
# PostScript names, typographic family/subfamily, WWS names, variation PostScript prefix.
NAME_IDS_REPLACED = (1, 2, 3, 4, 5, 6, 16, 17, 18, 21, 22, 25)


def gbk_code_points() -> set[int]:
    """Return every code point that GBK (Python's ``gbk`` codec, a superset of GB2312) can encode."""
    points: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            points.update(ord(ch) for ch in text)
    # Drop private-use code points (user-defined GBK areas) if the codec returned any.
    return {cp for cp in points if not 0xE000 <= cp <= 0xF8FF}


def wanted_code_points(with_ext_a: bool) -> set[int]:
    """The code points to keep, before intersecting with what the source font actually covers."""
    points = gbk_code_points()
    ranges: list[tuple[int, int]] = list(EXTRA_RANGES)
    if with_ext_a:
        ranges.append(EXT_A_RANGE)
    for first, last in ranges:
        points.update(range(first, last + 1))
    return points


def subset_font(font: TTFont, code_points: Iterable[int]) -> int:
    """Subset ``font`` in place to ``code_points``; return the number of code points kept."""
    cmap = font.getBestCmap()
    present = sorted(cp for cp in set(code_points) if cp in cmap)
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]  # keep copyright, licence, designer... (names are rewritten afterwards)
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # CFF hints do not survive the conversion anyway
    options.desubroutinize = True  # simpler charstrings to draw through the pens
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"]  # vertical / CFF-only metrics
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    return len(present)


def cff_to_glyf(font: TTFont, max_err: float = MAX_ERR) -> None:
    """Replace the ``CFF `` table of ``font`` with quadratic ``glyf``/``loca`` outlines, in place."""
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError("the source font has no CFF outlines (is it already TrueType?)")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        quadratic[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):  # left side bearing must equal xMin for TrueType
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(g.components) for g in glyf.glyphs.values() if hasattr(g, "components")), default=0
    )

    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CID names of the source are meaningless and cost space

    # Unhinted outlines: ask Windows for grayscale + symmetric smoothing at every size.
    gasp = font["gasp"] = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000A}

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, style: str, source_label: str) -> None:
    """Give ``font`` a new family name without any Reserved Font Name; keep copyright and licence."""
    if style not in ("Regular", "Bold"):
        raise ValueError("style must be Regular or Bold")
    name = font["name"]
    source_version = name.getDebugName(5) or "?"
    name.names = [rec for rec in name.names if rec.nameID not in NAME_IDS_REPLACED]
    version = font["head"].fontRevision
    ps_name = f"{family.replace(' ', '')}-{style}"
    full_name = family if style == "Regular" else f"{family} {style}"
    new_names = {
        1: family,
        2: style,
        3: f"{version:.3f};JUESUAN;{ps_name}",
        4: full_name,
        5: f"Version {version:.3f}; converted from {source_label} ({source_version})",
        6: ps_name,
    }
    for name_id, text in new_names.items():
        name.setName(text, name_id, 3, 1, 0x409)
    designer_note = (
        f"Modified Version of {source_label}: subset to the code points of Chinese finance reports "
        "(GBK, CJK Unified Ideographs, punctuation and symbols) and converted from CFF to TrueType "
        "outlines with fontTools cu2qu, for 决算填报助手. "
    )
    description = name.getDebugName(10) or ""
    name.setName(designer_note + description, 10, 3, 1, 0x409)

    os2 = font["OS/2"]
    head = font["head"]
    bold = style == "Bold"
    os2.usWeightClass = 700 if bold else 400
    # fsSelection: bit 0 italic, bit 5 bold, bit 6 regular.
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    head.macStyle = 1 if bold else 0


def convert(source: Path, face_index: int, family: str, style: str, output: Path, with_ext_a: bool) -> None:
    started = time.perf_counter()
    font = TTFont(str(source), fontNumber=face_index, lazy=False)
    source_label = font["name"].getDebugName(4) or source.name
    print(f"source: {source} face {face_index}: {source_label}, {len(font.getGlyphOrder())} glyphs")

    kept = subset_font(font, wanted_code_points(with_ext_a))
    print(f"subset: {kept} code points, {len(font.getGlyphOrder())} glyphs")

    cff_to_glyf(font)
    rename(font, family, style, source_label)

    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))
    size_mb = output.stat().st_size / 1e6
    elapsed = time.perf_counter() - started
    print(f"wrote {output}: {size_mb:.1f} MB in {elapsed:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert a CFF CJK font to a renamed, subset TrueType font.")
    parser.add_argument("source", type=Path, help="CFF font: .otf, .otc or .ttc")
    parser.add_argument("output", type=Path, help="the .ttf to write")
    parser.add_argument("--face-index", type=int, default=0, help="face inside a collection (SC is 2)")
    parser.add_argument("--family", required=True, help='new family name, e.g. "Juesuan Sans SC"')
    parser.add_argument("--style", choices=("Regular", "Bold"), default="Regular")
    parser.add_argument("--ext-a", action="store_true", help="also keep CJK Extension A (U+3400..4DBF)")
    args = parser.parse_args(argv)

    lowered = args.family.lower()
    if "noto" in lowered or "source" in lowered:
        parser.error("the family name of a Modified Version must not contain 'Noto' or 'Source' (OFL)")
    convert(args.source, args.face_index, args.family, args.style, args.output, args.ext_a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
