"""Which serif family the PDF is set in, and the proof that nothing else slipped in.

Nghị định 30 asks for Times New Roman. We use it where the server has it, otherwise a
metric-compatible substitute with the Vietnamese letters: Liberation Serif 2 (Debian
fonts-liberation2; the 1.x files lack letters such as Ộ and Ủ) or Tinos (fonts-croscore).
Anything else is an error, raised before rendering (resolve_family) and checked again on the
fonts WeasyPrint actually embedded (check_embedded): there is no silent fallback.
"""

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

FAMILIES = ("Times New Roman", "Liberation Serif", "Tinos")
STYLES = {
    "regular": "weight=regular:slant=roman",
    "bold": "weight=bold:slant=roman",
    "italic": "weight=regular:slant=italic",
    "bolditalic": "weight=bold:slant=italic",
}
# Letters every font must have: the Vietnamese vowels with their tones, đ/Đ, typographic quotes.
VIETNAMESE = "ĐđƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ“”–"  # noqa: E501
INSTALL_HINT = (
    "Cài phông Times New Roman, hoặc Liberation Serif 2 (Debian: apt-get install "
    "fonts-liberation2) hoặc Tinos (Debian: apt-get install fonts-croscore)."
)


class FontMissing(RuntimeError):
    """No Times New Roman-compatible family with the Vietnamese letters is installed, or
    the PDF would use another family."""


@dataclass(frozen=True)
class FontFamily:
    name: str  # the family name fontconfig and the CSS use
    files: dict  # style -> path of the file fontconfig picks


def _match(family, style):
    """(family, file) fontconfig picks for family in style (it may substitute another)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissing("Không tìm thấy fc-match (gói fontconfig) để kiểm tra phông chữ.")
    out = subprocess.run(
        [fc_match, "--format=%{family[0]}\n%{file}", f"{family}:{STYLES[style]}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    ).stdout.splitlines()
    return (out[0], out[1]) if len(out) == 2 else ("", "")


def missing_letters(path):
    """The Vietnamese letters the font file at path cannot show."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(path, lazy=True, fontNumber=0).getBestCmap() or {}
    return "".join(ch for ch in VIETNAMESE if ord(ch) not in cmap)


def find_family(families=FAMILIES):
    """The first of families installed in all four styles with the Vietnamese letters;
    FontMissing (with what was found instead) if none is."""
    problems = []
    for family in families:
        files = {}
        for style in STYLES:
            found, path = _match(family, style)
            if found.casefold() != family.casefold():
                problems.append(f"{family}: không có (hệ thống thay bằng “{found}”)")
                break
            missing = missing_letters(path)
            if missing:
                problems.append(f"{family}: tệp {path} thiếu chữ {missing[:12]}")
                break
            files[style] = path
        else:
            return FontFamily(family, files)
    raise FontMissing(
        "Không có phông chữ Times New Roman hoặc tương thích có đủ chữ tiếng Việt. "
        + "; ".join(problems)
        + ". "
        + INSTALL_HINT
    )


@lru_cache(maxsize=1)
def resolve_family():
    """The family the PDF is set in, found once per process."""
    return find_family()


def check_embedded(document, family):
    """Raise FontMissing if the rendered WeasyPrint document used any other family (pango
    falls back per character, e.g. for a symbol the font lacks)."""
    used = {font.family for font in document.fonts.values()}
    others = sorted(name for name in used if name.casefold() != family.name.casefold())
    if others:
        raise FontMissing(
            f"Văn bản cần phông khác ngoài {family.name}: {', '.join(others)} "
            "(có ký tự mà phông không có). Hãy bỏ ký tự đó khỏi nội dung."
        )
