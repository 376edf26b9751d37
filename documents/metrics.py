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


# Words a name is best broken before: the administrative unit that ends a body's name.
UNIT_WORDS = {"TỈNH", "THÀNH", "HUYỆN", "QUẬN", "THỊ", "XÃ", "PHƯỜNG"}
INFINITY = (float("inf"), float("inf"))


def split_lines(text, size, max_width, *, bold=False, italic=False, prefer_before=()):
    """text broken at spaces into the fewest lines no wider than max_width (pt), as even as
    possible (the longest line as short as it can be). Breaks before a word of prefer_before
    win over evenness ("… LAO ĐỘNG / TỈNH BẮC GIANG"). A word longer than the line stands
    alone; a line never starts with a dash."""
    words = text.split()
    if not words:
        return []

    def width(i, j):
        return text_width(" ".join(words[i:j]), size, bold=bold, italic=italic)

    # Fewest lines first (greedy), then the best split with that many lines.
    count, i = 0, 0
    while i < len(words):
        j = i + 1
        while j < len(words) and width(i, j + 1) <= max_width:
            j += 1
        count, i = count + 1, j
    n = len(words)
    best = {}  # (start, lines used) -> ((awkward breaks, longest line), next start)

    def solve(i, used):
        if i == n:
            return (0, 0.0)
        if (i, used) in best:
            return best[(i, used)][0]
        result = (INFINITY, None)
        if used < count:
            for j in range(i + 1, n + 1):
                w = width(i, j)
                if w > max_width and j > i + 1:
                    break
                if j < n and words[j] in DASHES:
                    continue
                rest = solve(j, used + 1)
                if rest == INFINITY:
                    continue
                awkward = int(bool(prefer_before) and j < n and words[j] not in prefer_before)
                cost = (awkward + rest[0], max(w, rest[1]))
                if cost < result[0]:
                    result = (cost, j)
        best[(i, used)] = result
        return result[0]

    solve(0, 0)
    lines, i, used = [], 0, 0
    while i < n:
        j = best[(i, used)][1]
        if j is None:  # cannot happen: the greedy split exists
            return [" ".join(words)]
        lines.append(" ".join(words[i:j]))
        i, used = j, used + 1
    return lines


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
