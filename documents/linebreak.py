"""Where a header name or a trích yếu breaks: between phrases, never inside one.

A clerk breaking "BAN CHỈ ĐẠO PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA”" by
hand keeps each Vietnamese compound word whole ("XÂY DỰNG", never "XÂY / DỰNG"), keeps a
timeframe or a reference on one line ("năm 2026", "Quý II/2026", "số 216/ĐA-UBND"), and
starts a line with the word that opens a phrase ("về", "của", "trên địa bàn", "giai đoạn",
the unit "TỈNH BẮC GIANG"). phrase_lines() does the same: every gap between two words gets a
penalty (0 for a natural break, more inside a name or a quoted title, much more inside a
compound word), and the lines are chosen, in the fewest lines that fit the measured width
(documents/metrics.py; a header name may take one more rather than break a compound), for
the lowest total penalty, the more even lines winning a tie.

keep_together() holds the timeframes and references the body text must not split either
(non-breaking spaces; word joiners after their slashes in the HTML, non-breaking hyphens in
the DOCX). Not a white-space: nowrap span: WeasyPrint then breaks a justified line that ends
near one wrongly ("Tổ / chức các hoạt động … từ 17/10").
"""

import re
import unicodedata

from .metrics import DASHES, text_width

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"  # a hyphen no line breaks after: the DOCX writes it as w:noBreakHyphen
WORD_JOINER = "\u2060"  # no break here, and no glyph (WeasyPrint embeds no other font for it)

# A timeframe or a reference: a lead word and a number ("năm 2026", "Quý II/2026",
# "tháng 6/2026", "ngày 28 tháng 02 năm 2023", "số 216/ĐA-UBND", "giai đoạn 2021 - 2025"),
# and a number joined to more by slashes or hyphens ("10/6/2026", "216/ĐA-UBND", "2020-2025").
# A separator belongs to the number only when a letter or digit follows it ("4,5" but not
# the comma after "2020,").
_NUMBER = r"(?:\d(?:[\w&]|[/.,\-–](?=\w))*|(?-i:[IVX]{1,4})(?:/\d+)?(?!\w))"
_LEAD = r"(?:ngày|tháng|quý|năm|giai\s+đoạn|đợt|số|kỳ|khóa|khoá)"
KEEP_TOGETHER = re.compile(
    rf"\b{_LEAD}\s+{_NUMBER}"
    rf"(?:\s*[-–]\s*\d{{4}}\b)?"  # "giai đoạn 2021 - 2025"
    rf"(?:\s+(?:tháng|năm)\s+{_NUMBER})*"  # "ngày 28 tháng 02 năm 2023", "Quý I năm 2023"
    r"|(?-i:\b\d+(?:[/\-–][\dA-ZĐ][\dA-ZĐ&]*)+)(?!\w)",  # "10/6/2026", "216/ĐA-UBND"
    re.IGNORECASE,
)

# Two- to four-syllable words and fixed phrases of plans and their issuers, written in the
# modern tone placement (key() maps "hoá" to "hóa", "uỷ" to "ủy").
COMPOUNDS = """
toàn dân|đoàn kết|xây dựng|đời sống|văn hóa|văn minh|phong trào|thi đua|vận động|cuộc vận động
nông thôn|nông thôn mới|đô thị|cả nước|chung sức|người nghèo|bỏ lại|phía sau|gia đình
khu dân cư|dân cư|tổ dân phố|dân phố|khu phố|thôn bản|ban chỉ đạo|chỉ đạo|thường vụ
ban thường vụ|ban chấp hành|chấp hành|ủy ban|nhân dân|mặt trận|tổ quốc|việt nam|liên đoàn
lao động|thương binh|xã hội|công đoàn|đoàn viên|thanh niên|cộng sản|hồ chí minh|liên hiệp
phụ nữ|cựu chiến binh|chiến binh|nông dân|cơ quan|đơn vị|doanh nghiệp|tổ chức|chính trị
chính quyền|cấp ủy|đảng ủy|tỉnh ủy|huyện ủy|thành ủy|đảng bộ|thành phố|thị xã|thị trấn
địa bàn|trên địa bàn|địa phương|công an|quân sự|y tế|giáo dục|văn phòng|trưởng ban
phó trưởng ban|chủ tịch|phó chủ tịch|giám đốc|phó giám đốc|bí thư|tuyên giáo|dân vận
hội đồng|trật tự|an ninh|quốc phòng|an toàn|kinh tế|phát triển|triển khai|thực hiện
triển khai thực hiện|tổ chức thực hiện|nâng cao|chất lượng|hiệu quả|tuyên truyền|kiểm tra
giám sát|sơ kết|tổng kết|đánh giá|báo cáo|hướng dẫn|nhiệm vụ|trọng tâm|kế hoạch|đề án
chương trình|giai đoạn|công tác|hoạt động|nội dung|mục đích|yêu cầu|kinh phí|bảo đảm
đảm bảo|quyết định|nghị quyết|chỉ thị|thông tư|nghị định|quy định|giảm nghèo|bền vững
an sinh|khen thưởng|gương mẫu|tiêu biểu|điển hình|tiên tiến|nếp sống|môi trường|cảnh quan
sạch đẹp|xanh sạch đẹp|hằng năm|hàng năm|cả năm|đầu năm|cuối năm|gia đình văn hóa
người lao động|công nhân|viên chức|công chức|cán bộ|hội viên|thành viên|ban ngành|đoàn thể
mặt trận tổ quốc|liên đoàn lao động|tổng liên đoàn|văn hóa thông tin|thể dục|thể thao
du lịch|thông tin|truyền thông|nội vụ|tài chính|bắc giang|ninh bình|lai châu|quyết tiến
quyết thắng|tân uyên|hà nội|sinh hoạt|cộng đồng|học tập|làm theo|tư tưởng|đạo đức|phong cách
"""
COMPOUND_SET = frozenset(
    phrase.strip() for line in COMPOUNDS.strip().splitlines() for phrase in line.split("|")
)
LONGEST_COMPOUND = max(len(phrase.split()) for phrase in COMPOUND_SET)
# Words a phrase starts with: a line is best begun with one ("… / về …", "… / của UBND …").
PHRASE_OPENERS = frozenset(
    ["về", "của", "trên", "tại", "trong", "cho", "đến", "theo", "với", "nhằm", "để", "và"]
    + ["hoặc", "giai", "năm", "thực", "tổ"]
)
# Units of an administrative name: "… / TỈNH BẮC GIANG", "… / phường Quyết Tiến".
UNIT_OPENERS = frozenset(["tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường", "thôn", "bản"])
# Compounds that start with a unit's word but name no unit.
NOT_OPENING = frozenset(
    ["xã hội", "thành viên", "thành tích", "thành lập", "thành công", "thành quả", "bản sắc"]
    + ["bản thân", "thị trường", "tổ chức", "thực tế", "thực tiễn", "năm học", "theo dõi"]
)
# A line had best not end with a word that needs the next one.
PHRASE_LEADS = frozenset(
    ["về", "của", "trên", "tại", "trong", "cho", "đến", "theo", "với", "nhằm", "để", "và"]
    + ["hoặc", "các", "những", "số"]
)
OPEN_QUOTES, CLOSE_QUOTES = "“(«", "”)»"

# Penalties of a break between two words (the scale is arbitrary; only the order matters).
NATURAL, AFTER_DASH, PLAIN, LEAD_AT_END, LONE_WORD = 0, 1, 2, 4, 4
IN_QUOTE, IN_NAME, IN_PHRASE, IN_COMPOUND = 3, 6, 6, 20
INFINITY = float("inf")
EXTRA_LINE = 8  # the cost of each line (fewest=False): less than a broken compound
EVENNESS = 2  # weight of the squared share of a line left empty
_RETONE = [
    ("oá", "óa"),
    ("oà", "òa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("uỷ", "ủy"),
    ("uý", "úy"),
    ("uỳ", "ùy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
    ("oé", "óe"),
    ("oè", "òe"),
]


def key(word):
    """word lower case, without quotes and punctuation, in the modern tone placement."""
    word = unicodedata.normalize("NFC", word).lower().strip("“”‘’\"'()«».,;:!?…")
    for old, new in _RETONE:  # only where the syllable ends: "hoá", not "đoàn"
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


# In a table cell (13 pt) a held timeframe wider than this is held only piece by piece
# ("ngày 28" "tháng 02" "năm 2023"), or not at all: a cell must not overflow. The time
# column of a task table (19 % of the text block) is 83 pt wide inside.
CELL_SIZE, CELL_MAX_WIDTH = 13, 80.0


def together_spans(text, max_width=None, size=CELL_SIZE):
    """(start, end) of each timeframe or reference of text, in order; with max_width (pt at
    size), only those, or the pieces of them, that fit it."""
    spans = []
    for match in KEEP_TOGETHER.finditer(text or ""):
        pieces = [match.span()]
        if max_width is not None and text_width(match.group(0), size) > max_width:
            cuts = [m.start() for m in _PIECE_START.finditer(match.group(0))]
            edges = [0, *cuts, len(match.group(0))]
            pieces = [
                (match.start() + start, match.start() + end)
                for start, end in zip(edges, edges[1:], strict=False)
            ]
        for start, end in pieces:
            start += len(text[start:end]) - len(text[start:end].lstrip())
            piece = text[start:end]
            if max_width is None or text_width(piece, size) <= max_width:
                spans.append((start, end))
    return spans


_PIECE_START = re.compile(r"\s+(?=(?:tháng|năm)\s)", re.IGNORECASE)


def keep_together(text, *, hyphen="-", joiner="", max_width=None):
    """text with the spaces inside its timeframes and references made non-breaking, their
    hyphens written as hyphen (the DOCX passes NB_HYPHEN: Word's w:noBreakHyphen) and
    joiner put after each slash or hyphen (the HTML passes WORD_JOINER: Pango would break
    "Quý II/ / 2026" and "216/ / ĐA-UBND"); with max_width, only what together_spans holds
    in a table cell."""
    text = text or ""
    out, last = [], 0
    for start, end in together_spans(text, max_width):
        held = re.sub(r"\s+", NBSP, text[start:end]).replace("-", hyphen)
        if joiner:
            held = re.sub(r"([/\-–\u2011])(?=\S)", rf"\1{joiner}", held)
        out += [text[last:start], held]
        last = end
    return "".join([*out, text[last:]])


def _words(text):
    """The words of text: runs between ordinary spaces, a timeframe being one word."""
    return [word for word in re.split(r"[ \t\r\n]+", keep_together(text).strip()) if word]


def _is_name_word(word):
    stripped = word.lstrip(OPEN_QUOTES + '"')
    return bool(stripped) and stripped[0].isupper()


def break_penalties(words, extra_openers=()):
    """penalties[i]: the cost of a break between words[i] and words[i + 1] (None: never)."""
    keys = [key(word) for word in words]
    heads = [k.split(NBSP)[0] for k in keys]  # "năm 2026" opens as "năm"
    upper_text = all(word.upper() == word for word in words)
    openers = PHRASE_OPENERS | UNIT_OPENERS | {key(word) for word in extra_openers}
    depth, straight, out = 0, False, []
    for i in range(len(words) - 1):
        word, following = words[i], words[i + 1]
        for char in word:  # is the gap after word inside a quoted title or a bracket?
            if char in OPEN_QUOTES:
                depth += 1
            elif char in CLOSE_QUOTES:
                depth = max(0, depth - 1)
            elif char == '"':
                straight = not straight
        if following in DASHES:  # a line never starts with a dash
            out.append(None)
            continue
        if word[-1] in ",;:" or word[-1] in CLOSE_QUOTES or word.endswith('"'):
            penalty = NATURAL
        elif word in DASHES:  # "SỞ LAO ĐỘNG - / THƯƠNG BINH …"
            penalty = AFTER_DASH
        elif depth == 0 and not straight and _opens(heads, i + 1, openers):
            penalty = NATURAL  # a name in quotes is one phrase: "“… Không để ai …”"
        elif following[0] in OPEN_QUOTES + '"':
            penalty = NATURAL
        else:
            penalty = PLAIN
        if keys[i] in PHRASE_LEADS and word[-1] not in ",;:":
            penalty += LEAD_AT_END
        if depth > 0 or straight:
            penalty += IN_QUOTE
            if word[0] in OPEN_QUOTES + '"':  # a quoted name's first word alone: "… “Vì / …"
                penalty += LONE_WORD
        inside = _inside_compound(keys, i)
        if inside:
            penalty += inside
        elif keys[i] in UNIT_OPENERS and _is_name_word(following):
            penalty += IN_NAME  # "tỉnh / Bắc Giang", "TỈNH / BẮC GIANG"
        elif (
            not upper_text
            and _is_name_word(word)
            and _is_name_word(following)
            and word[-1] not in ",;:"
            and following[0] not in OPEN_QUOTES + '"'
        ):
            penalty += IN_NAME  # "Bắc / Giang"
        out.append(penalty)
    return out


def _opens(heads, i, openers):
    """Whether heads[i] opens a phrase ("về …", "tỉnh …"), not a compound ("xã hội")."""
    return heads[i] in openers and " ".join(heads[i : i + 2]) not in NOT_OPENING


def _inside_compound(keys, i):
    """The penalty of a break after keys[i] inside a compound word (IN_COMPOUND) or only
    inside a longer fixed phrase such as "mặt trận tổ quốc" (IN_PHRASE); 0 if neither."""
    if not keys[i] or not keys[i + 1]:
        return 0
    if f"{keys[i]} {keys[i + 1]}" in COMPOUND_SET:
        return IN_COMPOUND
    for size in range(3, LONGEST_COMPOUND + 1):
        for start in range(max(0, i - size + 2), i + 1):
            if " ".join(keys[start : start + size]) in COMPOUND_SET:
                return IN_PHRASE
    return 0


def phrase_lines(text, size, max_width, *, bold=False, italic=False, prefer_before=(), fewest=True):
    """text broken at phrase boundaries into lines no wider than max_width (pt): the fewest
    lines (or, with fewest=False, a line more wherever that spares a broken compound word),
    then the lowest sum of break penalties and the most even lines. A timeframe is never
    split; a word longer than the line stands alone; a line never starts with a dash. The
    lines come back with ordinary spaces."""
    words = _words(text)
    if not words:
        return []
    n = len(words)
    penalties = break_penalties(words, prefer_before)
    space = text_width(" ", size, bold=bold, italic=italic)
    sizes = [text_width(word, size, bold=bold, italic=italic) for word in words]
    # best[i]: (lines, cost) of the cheapest setting of words[i:], and where its first line ends.
    best = [((INFINITY, INFINITY), None)] * n + [((0, 0.0), None)]
    for i in range(n - 1, -1, -1):
        width, chosen = -space, best[i]
        for j in range(i + 1, n + 1):
            width += space + sizes[j - 1]
            if width > max_width and j > i + 1 and chosen[1] is not None:
                break
            if j < n and penalties[j - 1] is None:
                continue
            slack = max(0.0, 1 - width / max_width)
            cost = (penalties[j - 1] if j < n else 0) + EVENNESS * slack * slack
            cost += LONE_WORD * (j == i + 1 and n > 2 and NBSP not in words[i])
            lines, rest = best[j][0]
            total = (lines + 1, rest + cost) if fewest else (0, rest + cost + EXTRA_LINE)
            if total < chosen[0]:
                chosen = (total, j)
        best[i] = chosen
    out, i = [], 0
    while i < n:
        j = best[i][1]
        out.append(" ".join(words[i:j]).replace(NBSP, " "))
        i = j
    return out


def unbreakable(line, *, hyphen=NB_HYPHEN):
    """line with every space non-breaking and every hyphen written as hyphen (Word may break
    after a plain one): Word then breaks a paragraph made of such lines joined by ordinary
    spaces exactly between them (where the lines fit its width)."""
    return line.replace(" ", NBSP).replace("-", hyphen)
