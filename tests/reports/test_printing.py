"""The printed report (BÁO CÁO): the layout checks of the plans (CHECKLIST A–G and I on the PDF,
K on the DOCX) with "BÁO CÁO" as the title and "BC" as the type, its Kính gửi line, the table
of targets against actuals, the narrative parts, escaping, and the downloads.

One report of Ban Chỉ đạo xã Một on the province's plan is rendered once for the module, before
it is sent (a draft: blank number and day) and after (dated, still unnumbered).
"""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from documents.pdf import document_pdf, print_html
from documents.structure import document_text
from documents.word import document_docx
from orgs.models import Membership, Organisation
from orgs.services import grant_role
from plans import services, workflow
from plans.models import ReportingRule, TargetAllocation
from reports import services as reporting
from reports.printing import build_report_document, report_file_name, report_for_document
from reports.tasks import create_plan_expected_reports

from ..plans import test_docx as docx_checks
from ..plans.pdfcheck import MUST_ITEMS, SHOULD_ITEMS, check, measure, reading_text, section_of
from ..plans.wordshare import in_order_share
from ..reportdata import report_of, send
from ..worker import run_queued_tasks

pytestmark = pytest.mark.django_db
MODES = ("draft", "sent")
HOSTILE = '<script>alert("x")</script> & <b>đậm</b>'
RESULTS = (
    "Ban Chỉ đạo xã Một đã quán triệt Kế hoạch đến các thôn; 100% thôn tổ chức hội nghị "
    "triển khai, tuyên truyền trên hệ thống loa truyền thanh.\n"
    f"Ghi chú gõ tay: {HOSTILE}."
)
NARRATIVE = {
    "results": RESULTS,
    "shortcomings": "Một số thôn còn chậm gửi số liệu.\nKinh phí cho hoạt động còn hạn chế.",
    "causes": "",  # left empty: the parts after it move up one number
    "directions": "Tiếp tục rà soát, bình xét gia đình văn hóa trong 6 tháng cuối năm.",
    "proposals": "Đề nghị Ban Chỉ đạo tỉnh hỗ trợ kinh phí tập huấn cho cán bộ thôn.",
    "signer_position": "Trưởng ban",
    "signer_name": "Nguyễn Văn An",
}
SENT_AT = datetime(2024, 6, 5, 9, 30)


def make_report():
    """The province plan (three targets, two tasks led by the commune) and the commune's
    report on it with figures, progress and the narrative; built through the services."""
    from campaign.catalogue import load_catalogue

    from ..personas import build_tree

    tree = build_tree()
    o = tree.orgs
    boss = get_user_model().objects.create_user("boss", password="x")
    for key in ("province_committee", "committee_one"):
        o[key].duty_separation = Organisation.DutySeparation.NONE  # one person does it all
        o[key].save(update_fields=["duty_separation"])
        for role in Membership.Role:
            grant_role(boss, o[key], role)
    indicator = load_catalogue()[1]["gia-dinh-van-hoa"]
    plan = services.start_plan(
        issuer=o["province_committee"], by=boss, year=2024,
        summary="Thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2024",
    )  # fmt: skip
    section = plan.sections.get(kind="targets")
    families = services.add_target(
        section, "Tỷ lệ gia đình văn hóa", indicator=indicator, value=86, unit="%"
    )
    clubs = services.add_target(
        section, "Câu lạc bộ văn hóa, thể thao thành lập mới", value=3, unit="câu lạc bộ"
    )
    villages = services.add_target(section, "Tỷ lệ thôn văn hóa", value=80, unit="%")
    TargetAllocation.objects.create(target=villages, organisation=o["committee_one"], value=75)
    tasks = plan.sections.get(kind="tasks")
    meetings = services.add_task(
        tasks, "Tổ chức hội nghị triển khai Kế hoạch đến các thôn.", leads=[o["committee_one"]]
    )
    review = services.add_task(
        tasks, "Bình xét danh hiệu gia đình văn hóa năm 2024.", leads=[o["committee_one"]]
    )
    ReportingRule.objects.create(
        plan=plan, period="half_year", due_day=10, due_month=6,
        reporters=ReportingRule.Reporters.SUBORDINATES,
    )  # fmt: skip
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=boss)
    plan = workflow.issue_plan(plan, by=boss, number=34, issued_on=date(2024, 2, 28))
    run_queued_tasks(create_plan_expected_reports)
    report = report_of(plan, o["committee_one"])
    report = reporting.save_report(
        report, by=boss, fields=NARRATIVE,
        progress=[
            {"task": meetings, "status": "done", "result": "Tổ chức 5 hội nghị, 420 lượt người."},
            {"task": review, "status": "in_progress"},
        ],
        actuals=[
            {"target": families, "numerator": Decimal(80), "denominator": Decimal(100)},
            {"target": clubs, "numerator": Decimal(4), "denominator": None},
            {"target": villages, "numerator": Decimal(7), "denominator": Decimal(9)},
        ],
    )  # fmt: skip
    return report, boss


def render(report):
    document = build_report_document(report_for_document(report.pk))
    return {
        "document": document,
        "html": print_html(document),
        "pdf": document_pdf(document),
        "docx": document_docx(document),
    }


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """{mode: {document, html, pdf, docx, measured, found}}, built in a rolled-back
    transaction."""
    result = {}
    with django_db_blocker.unblock(), transaction.atomic():
        report, boss = make_report()
        result["draft"] = render(report)
        sent = reporting.submit_report(report, by=boss)
        sent.submitted_at = timezone.make_aware(SENT_AT)
        sent.save(update_fields=["submitted_at"])
        result["sent"] = render(sent)
        transaction.set_rollback(True)
    for mode, files in result.items():
        files["measured"] = measure(
            files["pdf"], "issued" if mode == "sent" else "draft",
            title="BÁO CÁO", type_code="BC", numbered=False,
        )  # fmt: skip
        files["found"] = check(files["measured"])
    return result


def left(found, items, section=None):
    """The problems of found among items (in section), SHOULD messages of MUST items apart."""
    return {
        item: [message for message in messages if not message.endswith("(SHOULD)")]
        for item, messages in found.items()
        if item in items
        and (section is None or section_of(item) == section)
        and any(not message.endswith("(SHOULD)") for message in messages)
    }


@pytest.mark.parametrize("section", list("ABCDEFGI"))
@pytest.mark.parametrize("mode", MODES)
def test_report_pdf_passes_every_must_item_of_the_plan_layout(rendered, mode, section):
    found = rendered[mode]["found"]
    checked = {item for item in found if section_of(item) == section} & MUST_ITEMS
    assert checked, f"no MUST item of section {section} was checked"
    assert left(found, MUST_ITEMS, section) == {}


@pytest.mark.parametrize("mode", MODES)
def test_report_pdf_meets_the_should_items_too(rendered, mode):
    found = rendered[mode]["found"]
    should = {
        item: messages
        for item, messages in found.items()
        if messages and (item in SHOULD_ITEMS or any(m.endswith("(SHOULD)") for m in messages))
    }
    assert should == {}


@pytest.mark.parametrize("mode", MODES)
def test_title_is_bao_cao_and_the_number_is_left_blank_with_type_bc(rendered, mode):
    m = rendered[mode]["measured"]
    assert m.title.text == "BÁO CÁO"
    number = "".join(c["text"] for c in m.number.chars)
    assert re.fullmatch(r"Số: {4,}/BC-BCĐ", number), number
    summary = " ".join(line.text for line in m.summary)
    assert summary == (
        "Kết quả 6 tháng đầu năm 2024 thực hiện Kế hoạch số 34/KH-BCĐ ngày 28/02/2024 "
        "của Ban Chỉ đạo tỉnh A"
    )


def test_draft_report_leaves_the_day_blank_and_a_sent_one_prints_the_day_it_was_sent(rendered):
    draft = "".join(c["text"] for c in rendered["draft"]["measured"].date.chars)
    assert re.fullmatch(r"Một, ngày {3,}tháng {3,}năm 2024", draft), draft
    assert rendered["sent"]["measured"].date.text == "Một, ngày 05 tháng 6 năm 2024"


@pytest.mark.parametrize("mode", MODES)
def test_kinh_gui_stands_under_the_summary_in_upright_normal_case(rendered, mode):
    m = rendered[mode]["measured"]
    assert [line.text for line in m.addressee] == ["Kính gửi: Ban Chỉ đạo tỉnh A"]
    line = m.addressee[0]
    assert line.sizes <= {13.0, 14.0} and not line.some_bold and not line.some_italic
    assert m.summary_rule.bottom < line.top < m.body[0].top
    assert abs(line.centre - m.TC) <= 3.0
    # ND30 Sơ đồ: ô 9a lies within 0.41–0.85 of the page width.
    assert 0.41 * 595.28 <= line.centre <= 0.85 * 595.28
    assert "Kính gửi: Ban Chỉ đạo tỉnh A" in docx_checks.docx_text(rendered[mode]["docx"])


def test_nơi_nhan_refers_to_the_addressee_and_ends_with_the_archive_copy(rendered):
    m = rendered["sent"]["measured"]
    assert [line.text for line in m.recipients] == ["- Như trên;", "- Lưu: VT."]
    assert [line.text for line in m.signature] == ["TRƯỞNG BAN", "Nguyễn Văn An"]


def test_targets_table_gives_plan_actual_and_rate_in_vietnamese_figures(rendered):
    pdf = rendered["sent"]["measured"].pdf
    rows = [row for page in pdf.pages for table in page.find_tables() for row in table.extract()]
    rows = [[" ".join((cell or "").split()) for cell in row] for row in rows]
    assert rows == [
        ["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ"],
        ["1", "Tỷ lệ gia đình văn hóa", "86% trở lên", "80/100", "80,0%"],
        ["2", "Câu lạc bộ văn hóa, thể thao thành lập mới", "3 câu lạc bộ trở lên", "4 câu lạc bộ",
         ""],
        ["3", "Tỷ lệ thôn văn hóa", "75% trở lên", "7/9", "77,8%"],
    ]  # fmt: skip
    docx = docx_checks.docx_text(rendered["sent"]["docx"])
    assert "80/100\n80,0%" in docx and "7/9\n77,8%" in docx


def test_narrative_parts_are_numbered_without_the_empty_one(rendered):
    m = rendered["sent"]["measured"]
    body = [line.text for line in m.body]
    headings = [text for text in body if re.match(r"^[IVX]+\. ", text)]
    assert headings == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    text = " ".join(body)
    for part in ("Một số thôn còn chậm gửi số liệu.", "hỗ trợ kinh phí tập huấn cho cán bộ thôn."):
        assert part in text
    assert "1. Kết quả thực hiện các chỉ tiêu" in body and "2. Tiến độ thực hiện nhiệm vụ" in body
    assert (
        "- Tổ chức hội nghị triển khai Kế hoạch đến các thôn: đã hoàn thành; Tổ chức 5 hội nghị, "
        "420 lượt người." in text
    )
    assert "- Bình xét danh hiệu gia đình văn hóa năm 2024: đang thực hiện." in text
    assert body[-1].endswith("của Ban Chỉ đạo xã Một./.")


def test_html_typed_in_the_narrative_is_printed_as_text(rendered):
    html = rendered["sent"]["html"]
    assert "<script>" not in html and "<b>đậm" not in html
    assert "&lt;script&gt;" in html
    assert HOSTILE in reading_text(rendered["sent"]["measured"].pdf)
    assert HOSTILE in docx_checks.docx_text(rendered["sent"]["docx"])


@pytest.mark.parametrize("mode", MODES)
def test_pdf_and_docx_hold_the_words_of_the_report_in_order(rendered, mode):
    files = rendered[mode]
    text = document_text(files["document"])
    pdf_share = in_order_share(text, reading_text(files["measured"].pdf))
    docx_share = in_order_share(text, docx_checks.docx_text(files["docx"]))
    assert pdf_share >= 0.97 and docx_share >= 0.97, (pdf_share, docx_share)


@pytest.mark.parametrize("mode", MODES)
def test_report_docx_passes_section_k(rendered, mode):
    files = {(0, mode): rendered[mode]["docx"]}
    for check_k in (
        docx_checks.test_page_is_a4_portrait_with_decree_margins,
        docx_checks.test_page_numbers_from_page_two_in_a_centred_page_field,
        docx_checks.test_every_run_and_style_is_times_new_roman_in_black,
        docx_checks.test_header_and_signature_are_borderless_two_column_tables,
        docx_checks.test_short_rules_are_paragraph_borders_never_underlines,
    ):
        check_k(files, 0, mode)
    paragraphs = docx_checks.body_paragraphs(rendered[mode]["docx"])
    body = rendered[mode]["measured"].paragraphs
    assert len(paragraphs) >= len(body) - 1  # the PDF's paragraphs; Kính gửi is centred
    attr, w = docx_checks.attr, docx_checks.W
    for p in paragraphs:
        assert int(attr(p.find(f"{w}pPr/{w}ind"), "firstLine")) in (567, 720)
        spacing = p.find(f"{w}pPr/{w}spacing")
        assert int(attr(spacing, "before") or 0) + int(attr(spacing, "after") or 0) >= 120
        line = int(attr(spacing, "line"))
        assert attr(spacing, "lineRule") == "exact" and 14 * 20 * 1.149 <= line <= 14 * 20 * 1.725


def test_report_downloads_as_pdf_and_docx_for_its_readers_only(client, tree, boss, province):
    report = report_of(province["province_committee"], tree.orgs["committee_one"])
    client.force_login(boss)
    page = client.get(reverse("reports:detail", args=[report.pk]))
    pdf_url = reverse("reports:pdf", args=[report.pk])
    docx_url = reverse("reports:docx", args=[report.pk])
    assert pdf_url in page.content.decode() and docx_url in page.content.decode()
    draft = client.get(docx_url)
    assert draft.status_code == 200
    assert draft["Content-Disposition"].startswith(
        'attachment; filename="BC-BCD-6-thang-dau-nam-2024-du-thao.docx"'
    )
    send(report, boss, 80, 100)
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="BC-BCD-6-thang-dau-nam-2024.pdf"' in response["Content-Disposition"]
    assert "BC-BC%C4%90-6-th%C3%A1ng" in response["Content-Disposition"]
    client.force_login(tree.users["outsider"])
    assert client.get(pdf_url).status_code == 404
    assert client.get(docx_url).status_code == 404
    client.logout()
    assert client.get(pdf_url).status_code == 302  # to the login page


def test_village_report_takes_the_place_above_it_and_a_bare_bc_symbol(tree, province):
    """A village has no place name or abbreviation of its own (orgs of the personas tree)."""
    report = report_of(province["committee_one"], tree.orgs["village_one"])
    document = build_report_document(report_for_document(report.pk))
    assert document.number_line == "Số:       /BC"
    assert document.place_date_line == "Một, ngày       tháng       năm 2024"
    assert document.issuer_lines == ["THÔN MỘT-1"]
    assert document.addressee == "Ban Chỉ đạo xã Một"
    assert document.recipients == ["- Như trên;", "- Lưu: VT."]
    assert document.authority_lines == [] and document.signer_name == ""
    assert [section.heading for section in document.sections] == ["I. KẾT QUẢ ĐẠT ĐƯỢC"]
    name = report_file_name(report, "pdf")
    assert (name.ascii, name.unicode) == (
        "BC-Thon-Mot-1-6-thang-dau-nam-2024-du-thao.pdf",
        "BC-Thôn-Một-1-6-tháng-đầu-năm-2024-dự-thảo.pdf",
    )
