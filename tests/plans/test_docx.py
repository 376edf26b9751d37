"""The DOCX of every seed plan against CHECKLIST.md section K, read from its XML."""

import io
import re
import zipfile

import pytest
from django.db import transaction
from docx import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from documents.linebreak import NB_HYPHEN, NBSP
from documents.metrics import MM
from documents.word import document_docx
from plans.printing import build_document, plan_for_document

from .test_line_breaks import split_phrases, split_timeframes, word_wrap
from .test_pdf_layout import MODES, SEED_INDEX, in_mode, with_appendices
from .test_seeds import SEED_FILES
from .wordshare import in_order_share

pytestmark = [pytest.mark.django_db, pytest.mark.engine_independent]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT = "Times New Roman"


@pytest.fixture(scope="module")
def docx_files(django_db_setup, django_db_blocker):
    """{(seed, mode): DOCX bytes}, built in a rolled-back transaction."""
    from orgs.demo import load_demo
    from plans.demo import load_demo_plans

    result = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        for index, plan in enumerate(load_demo_plans()):
            SEED_INDEX[plan.pk] = index
            for mode in MODES:
                document = build_document(in_mode(plan_for_document(plan.pk), mode))
                result[(index, mode)] = document_docx(document)
            if index == 2:
                plan = in_mode(plan_for_document(plan.pk), "issued")
                result["appendix"] = document_docx(with_appendices(plan))
        transaction.set_rollback(True)
    return result


CASES = [(seed, mode) for seed in range(5) for mode in MODES]


def parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml") and name.startswith("word/")
        }


def attr(element, name):
    return element.get(f"{W}{name}")


def sections(xml):
    return xml["word/document.xml"].iter(f"{W}sectPr")


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_page_is_a4_portrait_with_decree_margins(docx_files, seed, mode):
    for sect in sections(parts(docx_files[(seed, mode)])):
        size = sect.find(f"{W}pgSz")
        assert abs(int(attr(size, "w")) - 11906) <= 2
        assert abs(int(attr(size, "h")) - 16838) <= 2
        assert attr(size, "orient") in (None, "portrait")
        margin = sect.find(f"{W}pgMar")
        assert 1134 <= int(attr(margin, "top")) <= 1418
        assert 1134 <= int(attr(margin, "bottom")) <= 1418
        assert 1701 <= int(attr(margin, "left")) <= 1985
        assert 850 <= int(attr(margin, "right")) <= 1134


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_page_numbers_from_page_two_in_a_centred_page_field(docx_files, seed, mode):
    xml = parts(docx_files[(seed, mode)])
    sect = next(sections(xml))
    assert sect.find(f"{W}titlePg") is not None
    rels = zipfile.ZipFile(io.BytesIO(docx_files[(seed, mode)])).read(
        "word/_rels/document.xml.rels"
    )
    targets = {
        rel.get("Id"): rel.get("Target") for rel in etree.fromstring(rels) if rel.get("Target")
    }
    headers = {
        attr(ref, "type"): xml["word/" + targets[ref.get(qn("r:id"))]]
        for ref in sect.iter(f"{W}headerReference")
    }
    default, first = headers["default"], headers["first"]
    instructions = "".join(t.text for t in default.iter(f"{W}instrText"))
    assert instructions.strip() == "PAGE"
    paragraph = next(default.iter(f"{W}p"))
    assert attr(paragraph.find(f"{W}pPr/{W}jc"), "val") == "center"
    sizes = {int(attr(sz, "val")) for sz in default.iter(f"{W}sz")}
    assert sizes and all(26 <= s <= 28 for s in sizes)
    assert "".join(first.itertext()).strip() == ""
    assert not list(first.iter(f"{W}instrText"))


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_every_run_and_style_is_times_new_roman_in_black(docx_files, seed, mode):
    xml = parts(docx_files[(seed, mode)])
    styles = xml["word/styles.xml"]
    default_fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    for script in ("ascii", "hAnsi", "cs"):
        assert attr(default_fonts, script) == FONT
    # Runs and styles (numbering.xml holds the template's unused bullet definitions).
    runs_and_styles = {n: p for n, p in xml.items() if not n.endswith("numbering.xml")}
    for name, part in runs_and_styles.items():
        for fonts in part.iter(f"{W}rFonts"):
            assert not [a for a in fonts.attrib if a.lower().endswith("theme")], name
            for script in ("ascii", "hAnsi", "cs"):
                assert attr(fonts, script) in (None, FONT), (name, dict(fonts.attrib))
        for colour in part.iter(f"{W}color"):
            if colour.getparent().tag == f"{W}rPr":
                assert attr(colour, "val") in ("auto", "000000"), name
    # Every run of the text names the font itself, so no style or theme can change it.
    for part in ("word/document.xml", "word/header1.xml", "word/header2.xml"):
        for run in xml.get(part, etree.Element("x")).iter(f"{W}r"):
            if run.find(f"{W}t") is not None:
                fonts = run.find(f"{W}rPr/{W}rFonts")
                assert fonts is not None and attr(fonts, "ascii") == FONT


def body_paragraphs(data):
    """The paragraphs of the body text: justified top-level paragraphs."""
    body = parts(data)["word/document.xml"].find(f"{W}body")
    return [
        p
        for p in body.findall(f"{W}p")
        if p.find(f"{W}pPr/{W}jc") is not None and attr(p.find(f"{W}pPr/{W}jc"), "val") == "both"
    ]


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_body_paragraphs_are_justified_indented_and_spaced(docx_files, seed, mode):
    paragraphs = body_paragraphs(docx_files[(seed, mode)])
    assert len(paragraphs) > 15
    for p in paragraphs:
        ind = p.find(f"{W}pPr/{W}ind")
        assert int(attr(ind, "firstLine")) in (567, 720)
        spacing = p.find(f"{W}pPr/{W}spacing")
        before, after = int(attr(spacing, "before") or 0), int(attr(spacing, "after") or 0)
        assert before + after >= 120
        rule, line = attr(spacing, "lineRule"), int(attr(spacing, "line"))
        if rule in (None, "auto"):
            assert 240 <= line <= 360
        else:
            sizes = {int(attr(sz, "val")) / 2 for sz in p.iter(f"{W}sz")}
            for size in sizes:
                assert size * 20 * 1.149 <= line <= size * 20 * 1.725


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_header_and_signature_are_borderless_two_column_tables(docx_files, seed, mode):
    body = parts(docx_files[(seed, mode)])["word/document.xml"].find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    header, signature = tables[0], tables[-1]
    for table in (header, signature):
        assert len(table.findall(f"{W}tblGrid/{W}gridCol")) == 2
        borders = table.find(f"{W}tblPr/{W}tblBorders")
        assert borders is not None
        for edge in borders:
            assert attr(edge, "val") in ("nil", "none")
    assert "Nơi nhận:" in "".join(signature.itertext())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "".join(header.itertext())


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_short_rules_are_paragraph_borders_never_underlines(docx_files, seed, mode):
    document = parts(docx_files[(seed, mode)])["word/document.xml"]
    assert not list(document.iter(f"{W}u"))
    rules = [b for b in document.iter(f"{W}pBdr") if b.find(f"{W}bottom") is not None]
    assert len(rules) == 3  # under the Tiêu ngữ, the issuer and the trích yếu
    for rule in rules:
        assert attr(rule.find(f"{W}bottom"), "val") == "single"


def test_task_table_repeats_its_header_row_and_keeps_rows_whole(docx_files):
    body = parts(docx_files[(2, "draft")])["word/document.xml"].find(f"{W}body")
    tasks = body.findall(f"{W}tbl")[1]
    rows = tasks.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows[1:])


def paragraph_text(paragraph):
    """The text of a paragraph as Word shows it (a w:noBreakHyphen is a hyphen)."""
    return "".join(
        "-" if element.tag == f"{W}noBreakHyphen" else element.text or ""
        for element in paragraph.iter(f"{W}t", f"{W}noBreakHyphen")
    )


def docx_text(data):
    """The text of a DOCX in reading order: paragraphs, and tables cell by cell."""
    word = WordDocument(io.BytesIO(data))
    out = []
    for element in word.element.body.iterchildren():
        if element.tag == f"{W}p":
            out.append(paragraph_text(element))
        elif element.tag == f"{W}tbl":
            for cell in element.iter(f"{W}tc"):
                for paragraph in cell.iter(f"{W}p"):
                    out.append(paragraph_text(paragraph))
    return "\n".join(out)


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_docx_text_holds_the_seed_words_in_order(docx_files, seed, mode):
    seed_text = SEED_FILES[seed].read_text(encoding="utf-8").replace("~~", "")
    share = in_order_share(seed_text, docx_text(docx_files[(seed, mode)]))
    assert share >= 0.97, f"{SEED_FILES[seed].name} ({mode}): {share:.4f}"


def test_each_appendix_is_a_section_numbered_from_one_and_a_wide_one_is_landscape(docx_files):
    xml = parts(docx_files["appendix"])
    main, first, second = list(sections(xml))
    for sect in (first, second):
        assert attr(sect.find(f"{W}pgNumType"), "start") == "1"
        assert sect.find(f"{W}titlePg") is not None
        assert sect.find(f"{W}type") is None or attr(sect.find(f"{W}type"), "val") == "nextPage"
    assert attr(first.find(f"{W}pgSz"), "orient") in (None, "portrait")
    wide = second.find(f"{W}pgSz")
    assert attr(wide, "orient") == "landscape"
    assert (int(attr(wide, "w")), int(attr(wide, "h"))) == pytest.approx((16838, 11906), abs=2)
    text = docx_text(docx_files["appendix"])
    assert "Chi tiết tại Phụ lục I kèm theo Kế hoạch này." in text
    assert "Phụ lục II" in text and "(Kèm theo Kế hoạch số 07/KH-BCĐ ngày 09 tháng 3" in text


def summary_paragraphs(data):
    """The paragraphs between the title KẾ HOẠCH and the rule under the trích yếu."""
    body = parts(data)["word/document.xml"].find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    start = next(i for i, p in enumerate(paragraphs) if paragraph_text(p) == "KẾ HOẠCH")
    end = next(i for i, p in enumerate(paragraphs) if p.find(f"{W}pPr/{W}pBdr") is not None)
    return paragraphs[start + 1 : end]


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_summary_is_one_paragraph_without_forced_breaks_that_word_wraps_between_phrases(
    docx_files, seed, mode
):
    (summary,) = summary_paragraphs(docx_files[(seed, mode)])
    assert list(summary.iter(f"{W}br")) == []
    assert list(summary.iter(f"{W}cr")) == []
    assert attr(summary.find(f"{W}pPr/{W}jc"), "val") == "center"
    # Word wraps it at the text width less the paragraph's indents (twips), greedily at
    # ordinary spaces: no line it makes ends inside a phrase or a timeframe.
    indent = summary.find(f"{W}pPr/{W}ind")
    sides = (
        sum(int(attr(indent, side) or 0) for side in ("left", "right")) if indent is not None else 0
    )
    width = 165 * MM - sides / 20
    size = int(attr(summary.find(f"{W}r/{W}rPr/{W}sz"), "val")) / 2
    hyphens = summary.findall(f"{W}r/{W}noBreakHyphen")
    text = "".join(
        NB_HYPHEN if element in hyphens else element.text or ""
        for element in summary.iter(f"{W}t", f"{W}noBreakHyphen")
    )
    assert "-" not in text  # Word may break after a plain hyphen
    lines = [line.replace(NB_HYPHEN, "-") for line in word_wrap(text, size, width)]
    assert 1 <= len(lines) <= 4
    # The ordinary spaces are those between the lines the PDF prints: Word breaks there.
    assert lines == [line.replace(NB_HYPHEN, "-") for line in text.split(" ")]
    assert split_phrases(lines) == []
    assert split_timeframes(zip(lines, lines[1:], strict=False)) == []


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_issuer_lines_break_between_phrases(docx_files, seed, mode):
    body = parts(docx_files[(seed, mode)])["word/document.xml"].find(f"{W}body")
    issuer_cell = body.find(f"{W}tbl").find(f"{W}tr").find(f"{W}tc")
    lines = [
        paragraph_text(p)
        for p in issuer_cell.findall(f"{W}p")
        if p.find(f"{W}r/{W}rPr/{W}b") is not None
    ]
    assert len(lines) >= 2
    assert split_phrases(lines) == []


TIMEFRAME_WITH_SPACE = re.compile(r"\b(?:năm|quý|tháng|ngày|số) (?:\d|[IVX]+\b)", re.IGNORECASE)


@pytest.mark.parametrize(("seed", "mode"), CASES)
def test_timeframes_in_the_body_and_tables_are_joined_by_non_breaking_spaces(
    docx_files, seed, mode
):
    body = parts(docx_files[(seed, mode)])["word/document.xml"].find(f"{W}body")
    header = body.find(f"{W}tbl")  # the date line stands alone in its cell
    texts = [paragraph_text(p) for p in body.iter(f"{W}p") if header not in p.iterancestors()]
    held = [text for text in texts if re.search(rf"(?:năm|Quý|tháng|ngày){NBSP}\d", text)]
    assert held  # every seed dates something in its body
    assert [text for text in texts if TIMEFRAME_WITH_SPACE.search(text)] == []
