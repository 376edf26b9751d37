"""Numbering of a document's parts (Plan.numbering): I/1/a, A/I/1, Phần I/1/a, 1/1.1/a and
none, in the PDF (text order, CHECKLIST MUST items), the DOCX paragraphs and the preview; a
part without a title prints no heading and takes no number.

The sample is seed 003 (purposes, targets, tasks as paragraphs, duties) with a part without a
title after the purposes; under "A." and "Phần I" the purposes open with a mục "I. …" line.
The five PDFs are rendered once for the module.
"""

import io
import re

import docx
import pdfplumber
import pytest
from django.db import transaction
from django.db.models import F
from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents.html import preview_html
from documents.pdf import html_to_pdf, print_html
from documents.word import document_docx
from plans.models import Plan, Section
from plans.printing import build_document, plan_for_document
from plans.services import add_section

from .pdfcheck import MUST_ITEMS, check, measure, reading_text, section_of
from .wordshare import html_text

pytestmark = [pytest.mark.django_db, pytest.mark.engine_independent]

STYLES = [choice.value for choice in Plan.Numbering]
UNTITLED = "Đoạn văn của một phần không có tiêu đề, in ngay sau phần trước."
MUC = "I. Mục tiêu chung"

# The headings each style prints, in order (the untitled part takes no number).
HEADINGS = {
    "roman": ["I. MỤC ĐÍCH, YÊU CẦU", "II. CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023", "III. NỘI DUNG",
              "IV. TỔ CHỨC THỰC HIỆN"],
    "letter_roman": ["A. MỤC ĐÍCH, YÊU CẦU", "I. MỤC TIÊU CHUNG",
                     "B. CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023", "C. NỘI DUNG", "D. TỔ CHỨC THỰC HIỆN"],
    "part": ["Phần I", "MỤC ĐÍCH, YÊU CẦU", "I. MỤC TIÊU CHUNG", "Phần II",
             "CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023", "Phần III", "NỘI DUNG", "Phần IV",
             "TỔ CHỨC THỰC HIỆN"],
    "decimal": ["1. MỤC ĐÍCH, YÊU CẦU", "2. CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023", "3. NỘI DUNG",
                "4. TỔ CHỨC THỰC HIỆN"],
    "none": ["MỤC ĐÍCH, YÊU CẦU", "CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023", "NỘI DUNG",
             "TỔ CHỨC THỰC HIỆN"],
}  # fmt: skip
# The first target, task and duty of each part as numbered (items are khoản "1." but in the
# decimal style, where they carry their part's number).
ITEMS = {
    "decimal": ["2.1. Tỷ lệ gia đình văn hóa", "3.1. ", "4.1. "],
    **{
        style: ["1. Tỷ lệ gia đình văn hóa", "1. ", "1. "] for style in STYLES if style != "decimal"
    },
}


def sample_document(plan, style):
    plan = plan_for_document(plan.pk)
    plan.numbering = style
    if style in ("letter_roman", "part"):
        purposes = plan.sections.all()[0]
        purposes.body = f"{MUC}\n{purposes.body}"
    return build_document(plan)


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """{style: (Document, pdf bytes, Measured, problems, docx paragraphs, preview text)}."""
    from orgs.demo import load_demo
    from plans.demo import load_demo_plans

    result = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        plan = load_demo_plans()[3]
        untitled = add_section(plan, Section.Kind.FREE, title="", body=UNTITLED)
        plan.sections.filter(order__gte=2).exclude(pk=untitled.pk).update(order=F("order") + 1)
        untitled.order = 2
        untitled.save(update_fields=["order"])
        for style in STYLES:
            document = sample_document(plan, style)
            pdf = html_to_pdf(print_html(document))
            measured = measure(pdf, "draft" if document.is_draft else "issued")
            data = document_docx(document)
            result[("docx", style)] = data
            word = docx.Document(io.BytesIO(data))
            paragraphs = [(plain(p.text), p) for p in word.paragraphs]
            preview = plain(html_text(preview_html(document)))
            result[style] = (document, pdf, measured, check(measured), paragraphs, preview)
        transaction.set_rollback(True)
    return result


def plain(text):
    """Text as read: non-breaking spaces and word joiners (documents.linebreak) as spaces."""
    return " ".join(text.replace("\u2060", "").split())


def must_problems(found):
    return {
        item: [m for m in messages if not m.endswith("(SHOULD)")]
        for item, messages in found.items()
        if item in MUST_ITEMS and [m for m in messages if not m.endswith("(SHOULD)")]
    }


def in_order(needles, haystack):
    """Whether every needle occurs in haystack after the one before it."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


@pytest.mark.parametrize("style", STYLES)
def test_every_must_item_of_the_checklist_holds_in_each_numbering_style(rendered, style):
    _, _, _, found, _, _ = rendered[style]
    assert {section_of(item) for item in found if item in MUST_ITEMS} >= set("ABCDEFGI")
    assert must_problems(found) == {}


@pytest.mark.parametrize("style", STYLES)
def test_pdf_prints_the_headings_and_items_in_order(rendered, style):
    _, pdf, measured, _, _, _ = rendered[style]
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        text = reading_text(opened)
    body = [line.text for line in measured.body]
    headings = HEADINGS[style]
    assert [line for line in body if line in headings] == headings
    first_target, first_task, first_duty = ITEMS[style]
    second = headings[{"letter_roman": 2, "part": 3}.get(style, 1)]
    assert in_order([headings[0], UNTITLED[:40], second], " ".join(body))
    assert in_order([first_target, first_task, first_duty], text)
    for line in measured.body:  # every heading is bold
        if line.text in headings:
            assert line.bold, line


@pytest.mark.parametrize("style", STYLES)
def test_an_untitled_part_prints_no_heading_and_takes_no_number(rendered, style):
    document, _, measured, _, paragraphs, preview = rendered[style]
    untitled = next(s for s in document.sections if not s.title)
    assert (untitled.heading, untitled.label) == ("", "")
    bare = re.compile(r"^(?:[IVXLC]+|[A-ZĐ]|\d+)\.$")
    assert not [line.text for line in measured.body if bare.match(line.text)]
    assert not [text for text, _ in paragraphs if bare.match(text)]
    labels = [text for text, _ in paragraphs if re.fullmatch(r"Phần [IVXLC]+", text)]
    assert labels == (["Phần I", "Phần II", "Phần III", "Phần IV"] if style == "part" else [])
    assert "" not in [text for text, p in paragraphs if p.runs and p.runs[0].bold]
    assert UNTITLED in preview


@pytest.mark.parametrize("style", STYLES)
def test_docx_paragraphs_follow_the_same_numbering(rendered, style):
    _, _, _, _, paragraphs, _ = rendered[style]
    texts = [text for text, _ in paragraphs]
    headings = HEADINGS[style]
    assert [t for t in texts if t in headings] == headings
    assert all(p.runs[0].bold for text, p in paragraphs if text in headings)
    assert any(t.startswith(ITEMS[style][0]) for t in texts)


def test_phan_label_and_its_title_are_centred_in_pdf_and_docx(rendered):
    _, _, measured, _, paragraphs, _ = rendered["part"]
    lines = {line.text: line for line in measured.body}
    for text in ("Phần I", "MỤC ĐÍCH, YÊU CẦU", "Phần IV", "TỔ CHỨC THỰC HIỆN"):
        assert abs(lines[text].centre - measured.TC) <= 3.0, text
    label = lines["Phần I"]
    assert lines["MỤC ĐÍCH, YÊU CẦU"].baseline - label.baseline < 20  # the next line
    centred = {text for text, p in paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.CENTER}
    assert {"Phần I", "MỤC ĐÍCH, YÊU CẦU", "Phần IV", "TỔ CHỨC THỰC HIỆN"} <= centred


def test_preview_html_numbers_as_the_pdf(rendered):
    for style in STYLES:
        document, _, _, _, _, preview = rendered[style]
        assert in_order(HEADINGS[style], preview), style


def test_mucs_run_again_under_each_letter_part():
    from documents.structure import body_paragraph, numbered_section

    section = numbered_section("letter_roman", 2, " Kết quả ", [])
    assert (section.heading, section.title, section.label) == ("B. Kết quả", "Kết quả", "")
    assert body_paragraph("II. Kết quả đạt được", muc=True).text == "II. KẾT QUẢ ĐẠT ĐƯỢC"
    assert body_paragraph("II. Kết quả đạt được", muc=True).style == "subheading"
    # a sentence is no mục, nor is a Roman line where the style has none
    assert body_paragraph("II. Kết quả đạt được như sau:", muc=True).style == "text"
    assert body_paragraph("II. Kết quả đạt được").style == "text"


def plan_form_data(plan, **fields):
    from plans.locks import header_version

    return {
        "kind": plan.kind, "header_style": plan.header_style, "summary": plan.summary,
        "year": str(plan.year), "symbol": plan.symbol, "place": plan.place or "Một",
        "task_layout": plan.task_layout, "archive_line": "Lưu: VP.",
        "recipients-TOTAL_FORMS": "0", "recipients-INITIAL_FORMS": "0",
        "recipients-MIN_NUM_FORMS": "0", "recipients-MAX_NUM_FORMS": "1000",
        "version": header_version(plan), **fields,
    }  # fmt: skip


def test_the_editor_chooses_the_numbering_on_the_plans_page(client, tree, plans):
    from django.urls import reverse

    from plans.printing import plan_text

    draft = plans["draft"]
    client.force_login(tree.users["own_editor"])
    url = reverse("plans:edit", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "Đánh số các phần" in page and 'name="numbering"' in page

    response = client.post(url, plan_form_data(draft, numbering="letter_roman"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.numbering == "letter_roman"
    assert re.search(r"^A\. MỤC ĐÍCH, YÊU CẦU$", plan_text(draft), re.M)

    # A plan form posted without the field (an older page) keeps the plan's numbering.
    data = plan_form_data(draft)
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.numbering == "letter_roman"


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "roman\x00", "x" * 10_000, "PHẦN I"]
)
def test_a_numbering_that_is_not_offered_is_refused_beside_the_field(client, tree, plans, value):
    from django.urls import reverse

    draft = plans["draft"]
    client.force_login(tree.users["own_editor"])
    url = reverse("plans:edit", args=[draft.pk])
    response = client.post(url, plan_form_data(draft, numbering=value, summary="Giữ chữ này"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ." in page
    assert "Giữ chữ này" in page and "<script>alert(1)" not in page
    draft.refresh_from_db()
    assert draft.numbering == "roman"


def test_the_history_keeps_every_untitled_part_apart(plans):
    from plans.history import plan_snapshot

    draft = plans["draft"]
    add_section(draft, Section.Kind.FREE, title="", body="Đoạn một.")
    add_section(draft, Section.Kind.FREE, title=" ", body="Đoạn hai.")
    parts = plan_snapshot(draft)
    untitled = [text for key, text in parts.items() if key.startswith("Phần “thứ ")]
    assert untitled == ["Đoạn một.", "Đoạn hai."]


@pytest.mark.parametrize("style", STYLES)
def test_docx_body_keeps_checklist_k_in_each_style(rendered, style):
    from .test_docx import W, attr, body_paragraphs, parts

    data = rendered[("docx", style)]
    for p in body_paragraphs(data):  # justified paragraphs, headings and items among them
        assert int(attr(p.find(f"{W}pPr/{W}ind"), "firstLine")) == 720
        spacing = p.find(f"{W}pPr/{W}spacing")
        assert int(attr(spacing, "before") or 0) >= 120
    body = parts(data)["word/document.xml"].find(f"{W}body")
    centred = [
        p for p in body.findall(f"{W}p")
        if p.find(f"{W}pPr/{W}jc") is not None and attr(p.find(f"{W}pPr/{W}jc"), "val") == "center"
        and plain("".join(t.text or "" for t in p.iter(f"{W}t"))) in HEADINGS["part"]
    ]  # fmt: skip
    if style == "part":  # the Phần labels and titles: centred, not indented, bold
        assert len(centred) == 8
        for p in centred:
            assert int(attr(p.find(f"{W}pPr/{W}ind"), "firstLine") or 0) == 0
            assert p.find(f".//{W}b") is not None
    else:
        assert centred == []
