"""Text widths in Times New Roman metrics, for the lines the document builder measures.

Liberation Serif is metric-compatible with Times New Roman (same advance widths by design), so
a table of its advance widths gives the width a line has in any of the fonts we print with, on
any server, and the HTML preview, the PDF and the DOCX agree on where an issuer name or a
summary breaks. The table (metrics.json) is generated from the Debian package fonts-liberation2:

    .venv/bin/python -m plans.rendering.metrics /usr/share/fonts/truetype/liberation2
"""

import json
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

MM = 72 / 25.4  # points in a millimetre
DASHES = {"-", "–", "—"}
DATA = Path(__file__).with_name("metrics.json")
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
# Characters a plan may contain: ASCII, Latin-1, Latin Extended-A/B and Vietnamese, punctuation.
CHARSET = "".join(
    chr(c)
    for c in [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x1EA0, 0x1F00)]
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022, 0x2212]
)


@lru_cache(maxsize=1)
def _table():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return data["units_per_em"], data["widths"], data["default"]


def text_width(text, size, *, bold=False, italic=False):
    """Width of text in points at size (pt), without kerning."""
    units, widths, default = _table()
    style = ("bold" if bold else "") + ("italic" if italic else "") or "regular"
    table = widths[style]
    text = unicodedata.normalize("NFC", text)
    return sum(table.get(ch, default[style]) for ch in text) * size / units


def generate(folder):
    """Write metrics.json from the four Liberation Serif 2 files in folder."""
    from fontTools.ttLib import TTFont

    widths, default, units = {}, {}, None
    for style, suffix in STYLES.items():
        font = TTFont(Path(folder) / f"LiberationSerif-{suffix}.ttf")
        units = font["head"].unitsPerEm
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths[style] = {ch: hmtx[cmap[ord(ch)]][0] for ch in CHARSET if ord(ch) in cmap}
        default[style] = hmtx[cmap[ord("n")]][0]
    DATA.write_text(
        json.dumps(
            {
                "source": "Liberation Serif 2 (fonts-liberation2), advance widths",
                "units_per_em": units,
                "default": default,
                "widths": widths,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    generate(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
