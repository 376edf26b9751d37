"""Where the header names and the trích yếu break (documents/linebreak.py), and the timeframes
the body must not split. The seed PDFs and DOCX are measured with split_phrases() and
split_timeframes() in test_pdf_layout.py and test_docx.py (they share their rendered files);
here the breaker itself, without rendering.
"""

import re
import time
import unicodedata

import pytest
from django.template import Context, Template

from documents.linebreak import (
    CELL_MAX_WIDTH,
    NB_HYPHEN,
    NBSP,
    WORD_JOINER,
    keep_together,
    phrase_lines,
    together_spans,
    unbreakable,
)
from documents.metrics import MM, text_width
from documents.structure import (
    HEADER_SIZE,
    ISSUER_MAX_MM,
    SUMMARY_MAX_MM,
    TITLE_SIZE,
    header_fields,
    summary_fields,
)

pytestmark = pytest.mark.engine_independent

# Phrases of the seed plans (their titles, issuers and movement names) a line must never end
# inside: Vietnamese compound words, names of places and bodies, fixed expressions.
SEED_PHRASES = [
    "toàn dân", "đoàn kết", "xây dựng", "đời sống", "văn hóa", "văn hoá", "phong trào",
    "nông thôn", "đô thị", "văn minh", "thi đua", "cả nước", "chung sức", "người nghèo",
    "bỏ lại", "phía sau", "cuộc vận động", "vận động", "lao động", "thương binh", "xã hội",
    "liên đoàn", "ban chỉ đạo", "chỉ đạo", "triển khai", "thực hiện", "nhiệm vụ", "trọng tâm",
    "trên địa bàn", "địa bàn", "địa phương", "nâng cao", "chất lượng", "đề án", "kế hoạch",
    "tổ chức", "bắc giang", "ninh bình", "quyết tiến", "quyết thắng", "lai châu",
    "thường vụ", "giai đoạn", "ủy ban", "nhân dân",
]  # fmt: skip
# A line that ends with the lead word of a timeframe or reference while the next starts with
# its number ("… năm / 2026", "… Quý / II/2026"), or ends inside the number ("… II/ / 2026").
TIMEFRAME_LEAD = re.compile(r"(?:^|\s)(?:ngày|tháng|quý|năm|giai đoạn|số)$", re.IGNORECASE)
NUMBER_START = re.compile(r"^(?:\d|[IVX]+\b)")


def _words(text):
    return [
        word.strip("“”\"'(),.;:").lower()
        for word in unicodedata.normalize("NFC", text).replace(NBSP, " ").split()
    ]


def split_phrases(lines, phrases=SEED_PHRASES):
    """'line / next line' for each break of lines that falls inside one of phrases."""
    found = []
    for before, after in zip(lines, lines[1:], strict=False):
        tail, head = _words(before), _words(after)
        for phrase in phrases:
            parts = phrase.split()
            for cut in range(1, len(parts)):
                if tail[-cut:] == parts[:cut] and head[: len(parts) - cut] == parts[cut:]:
                    found.append(f"{before} / {after} ({phrase})")
    return found


def split_timeframes(pairs):
    """'line / next line' for each pair of consecutive lines that splits a timeframe."""
    found = []
    for before, after in pairs:
        before, after = before.replace(NBSP, " ").strip(), after.replace(NBSP, " ").strip()
        lead = TIMEFRAME_LEAD.search(before) and NUMBER_START.match(after)
        inside = re.search(r"(?:\d|\b[IVX]+)/$", before) and re.match(r"\d", after)
        if lead or inside:
            found.append(f"{before} / {after}")
    return found


def word_wrap(text, size, width, *, bold=True):
    """The lines Word makes of a paragraph: greedy, breaking at an ordinary space or after
    a plain hyphen (never at a non-breaking space or hyphen)."""
    pieces = re.findall(r"[^ -]*-|[^ -]+ ?| ", text)  # each with the space or hyphen after it
    lines, current = [], ""
    for piece in pieces:
        candidate = current + piece
        if current and text_width(candidate.rstrip(" "), size, bold=bold) > width:
            lines.append(current.rstrip(" "))
            current = piece.lstrip(" ")
        else:
            current = candidate
    return [*lines, current.rstrip(" ")] if current.strip() else lines


SEED_ISSUERS = [
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH BẮC GIANG",
    "BAN CHỈ ĐẠO PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA” PHƯỜNG QUYẾT TIẾN",
    "BAN CHỈ ĐẠO PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA” XÃ QUYẾT THẮNG",
    "BAN CHỈ ĐẠO PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA” TỈNH LAI CHÂU",
    "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG",
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH BÌNH",
]
SEED_SUMMARIES = [
    "Triển khai thực hiện Đề án số 216/ĐA-UBND, ngày 31/7/2020 của UBND tỉnh Bắc Giang về "
    "Nâng cao chất lượng phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” giai đoạn "
    "2020-2025",
    "Triển khai thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2024",
    "Triển khai thực hiện phong trào “TĐĐKXDĐSVH” trên địa phương Quyết Tiến năm 2020",
    "Thực hiện nhiệm vụ trọng tâm Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” "
    "năm 2023 trên địa bàn xã Quyết Thắng",
    "Tổ chức thực hiện phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”; phong "
    "trào thi đua “Vì người nghèo – Không để ai bỏ lại phía sau” và Cuộc vận động “Toàn dân "
    "đoàn kết xây dựng nông thôn mới, đô thị văn minh” giai đoạn 2021-2025",
]


def test_the_checks_catch_what_the_old_breaker_printed():
    """The two checks can fail: the lines printed before this breaker are caught."""
    old_issuer = ["BAN CHỈ ĐẠO PHONG TRÀO", "“TOÀN DÂN ĐOÀN KẾT XÂY", "DỰNG ĐỜI SỐNG VĂN HÓA”"]
    assert split_phrases(old_issuer) == [
        "“TOÀN DÂN ĐOÀN KẾT XÂY / DỰNG ĐỜI SỐNG VĂN HÓA” (xây dựng)"
    ]
    old_summary = ["… phong trào “Toàn", "dân đoàn kết …"]
    assert split_phrases(old_summary)
    assert split_timeframes([("Thời gian: Quý II/", "2026"), ("trong năm", "2026 và")])
    assert split_timeframes([("Trước ngày", "10/6/2026")])
    assert split_timeframes([("Cả năm", "Phối hợp")]) == []


@pytest.mark.parametrize("issuer", SEED_ISSUERS)
def test_issuer_lines_break_between_phrases_and_fit_the_column(issuer):
    lines = header_fields(issuer, "", "Bắc Giang, ngày 05 tháng 02 năm 2024")["issuer_lines"]
    assert " ".join(lines) == issuer
    assert split_phrases(lines) == []
    for line in lines:
        assert text_width(line, HEADER_SIZE, bold=True) <= ISSUER_MAX_MM * MM


def test_the_movement_committee_keeps_each_word_of_its_quoted_name_whole():
    issuer = SEED_ISSUERS[2]
    lines = header_fields(issuer, "", "Quyết Tiến, ngày 09 tháng 3 năm 2020")["issuer_lines"]
    assert lines[0] == "BAN CHỈ ĐẠO PHONG TRÀO"
    assert lines[-1] == "PHƯỜNG QUYẾT TIẾN"
    assert not any(line.endswith(" XÂY") for line in lines)


def test_an_administrative_unit_opens_its_own_line():
    lines = header_fields(SEED_ISSUERS[0], "", "Bắc Giang")["issuer_lines"]
    assert lines == ["LIÊN ĐOÀN LAO ĐỘNG", "TỈNH BẮC GIANG"]
    lines = header_fields(SEED_ISSUERS[1], "", "Bắc Giang")["issuer_lines"]
    assert lines[-1] == "TỈNH BẮC GIANG"
    assert "THƯƠNG BINH" in " / ".join(lines)


@pytest.mark.parametrize("summary", SEED_SUMMARIES)
def test_summary_lines_break_between_phrases_and_word_would_break_them_alike(summary):
    lines = summary_fields(summary)["summary_lines"]
    assert " ".join(lines) == " ".join(summary.split())
    assert split_phrases(lines) == []
    assert split_timeframes(zip(lines, lines[1:], strict=False)) == []
    assert not [line for line in lines if re.search(r"“[^”\s]+$", line)]  # "… “Vì / người …"
    # The DOCX writes one paragraph, each line held by non-breaking spaces, as wide as the
    # lines were measured against: Word's greedy wrap gives back exactly these lines.
    paragraph = " ".join(unbreakable(line) for line in lines)
    wrapped = word_wrap(paragraph, TITLE_SIZE, SUMMARY_MAX_MM * MM)
    assert [line.replace(NBSP, " ").replace(NB_HYPHEN, "-") for line in wrapped] == lines


def test_summary_breaks_before_the_phrase_that_follows():
    lines = summary_fields(SEED_SUMMARIES[0])["summary_lines"]
    assert lines[1].startswith("của UBND tỉnh Bắc Giang về")
    assert lines[-1].endswith("giai đoạn 2020-2025")


@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("Hoàn thành trong Quý II/2026.", "Quý II/2026"),
        ("Tháng 6/2026 báo cáo", "Tháng 6/2026"),
        ("trong năm 2026 và", "năm 2026"),
        ("trước ngày 10/6/2026;", "ngày 10/6/2026"),
        ("ngày 28 tháng 02 năm 2023 của", "ngày 28 tháng 02 năm 2023"),
        ("Quý I năm 2023.", "Quý I năm 2023"),
        ("giai đoạn 2021 - 2025", "giai đoạn 2021 - 2025"),
        ("Đề án số 216/ĐA-UBND, ngày", "số 216/ĐA-UBND"),
        ("hạn 10/11/2026", "10/11/2026"),
    ],
)
def test_timeframes_and_references_are_held_together(text, together):
    held = keep_together(text)
    assert together.replace(" ", NBSP) in held
    assert held.replace(NBSP, " ") == text


def test_in_a_table_cell_only_what_fits_the_time_column_is_held():
    held = keep_together("Trước ngày 28 tháng 02 năm 2023,", max_width=CELL_MAX_WIDTH)
    assert held == f"Trước ngày{NBSP}28 tháng{NBSP}02 năm{NBSP}2023,"
    assert keep_together("Tháng 12/2026", max_width=CELL_MAX_WIDTH) == f"Tháng{NBSP}12/2026"
    for text in ("Quý III/2026", "Tháng 12/2026", "10/11/2026"):
        (span,) = together_spans(text, CELL_MAX_WIDTH)
        assert text_width(text[span[0] : span[1]], 13) <= CELL_MAX_WIDTH
    cell = Template('{% load print_text %}{{ text|keep_together:"cell" }}')
    html = cell.render(Context({"text": "Trước ngày 28 tháng 02 năm 2023"}))
    assert html == f"Trước ngày{NBSP}28 tháng{NBSP}02 năm{NBSP}2023"


def test_words_that_only_look_like_a_timeframe_stay_breakable():
    for text in ("số lượng lớn", "năm học mới", "Quý I", "tháng này", "Năm Căn"):
        assert keep_together(text) == text or text == "Quý I"
    assert keep_together("Quý I") == f"Quý{NBSP}I"


def test_the_html_filter_escapes_what_it_holds_together():
    template = Template("{% load print_text %}{{ text|keep_together }}")
    hostile = '<script>alert("x")</script> năm 2026 <b>Quý II/2026</b>\x07 & số 216/ĐA-UBND'
    html = template.render(Context({"text": hostile}))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert f"năm{NBSP}2026" in html
    assert f"&lt;b&gt;Quý{NBSP}II/{WORD_JOINER}2026&lt;/b&gt;" in html
    assert f"&amp; số{NBSP}216/{WORD_JOINER}ĐA-{WORD_JOINER}UBND" in html


@pytest.mark.parametrize("bold", [True, False])
def test_hostile_and_huge_texts_still_give_lines_that_fit(bold):
    width = ISSUER_MAX_MM * MM
    words = ["XÂY DỰNG", "“TOÀN", "DÂN”", "-", "năm 2026", "<b>", "\x00", "A" * 80, "–"]
    text = " ".join(words[i % len(words)] for i in range(1200))
    start = time.process_time()
    lines = phrase_lines(text, HEADER_SIZE, width, bold=bold, fewest=False)
    assert time.process_time() - start < 20  # a 1,200-word name still prints
    assert " ".join(lines).split() == text.replace(NBSP, " ").split()
    for line in lines:
        assert not line.startswith(("-", "–"))
        if text_width(line, HEADER_SIZE, bold=bold) > width:  # a word wider than the column
            assert len([word for word in line.split() if word not in "-–"]) == 1, line


def test_empty_and_single_word_texts():
    assert phrase_lines("", 13, 100) == []
    assert phrase_lines("   ", 13, 100) == []
    assert phrase_lines("UBND", 13, 100) == ["UBND"]
    assert phrase_lines("A" * 200, 13, 100) == ["A" * 200]
