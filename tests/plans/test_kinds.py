"""Every kind of document a committee issues (issue 13, part 1; part 2: the Party header and a
date left blank), built through the services and the workflow, printed as PDF and DOCX and
measured against CHECKLIST.md (sections A–I and §L, tests/plans/pdfcheck.py).

The PDFs are rendered once for the module; every test reads those renderings.
"""

import copy
import io
import re
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from docx import Document as WordDocument
from docx.oxml.ns import qn

from campaign.text import fold
from documents.pdf import document_pdf
from documents.word import document_docx
from orgs.models import Organisation
from orgs.services import add_organisation, grant_role
from plans import completeness, reuse, services, workflow
from plans.errors import PlanError
from plans.kinds import KINDS, default_symbol, spec
from plans.models import Plan, PlanEvent, Section
from plans.printing import (
    build_document,
    freeze_issued_pdf,
    plan_file,
    plan_file_name,
    plan_for_document,
)
from plans.tasks import plans_without_issued_pdf

from ..personas import build_tree
from .pdfcheck import MUST_ITEMS, check, measure, reading_text
from .test_bad_input import plan_form_data
from .test_docx import FONT, W, attr, body_paragraphs, parts, sections

pytestmark = [pytest.mark.django_db, pytest.mark.engine_independent]

Kind = Plan.Kind
ISSUED_ON = date(2024, 3, 5)
# Sample texts, one per kind of part: long enough to wrap (the checks measure the text block).
BODIES = {
    Section.Kind.PURPOSES: (
        "1. Mục đích\nNâng cao nhận thức của cán bộ, đảng viên và nhân dân về phong trào, tạo "
        "sự chuyển biến rõ nét trong xây dựng đời sống văn hóa ở khu dân cư trên địa bàn xã."
    ),
    Section.Kind.TARGETS: (
        "Phấn đấu đến hết năm 2024 có ít nhất 90% hộ gia đình đạt danh hiệu Gia đình văn hóa, "
        "100% thôn duy trì danh hiệu Thôn văn hóa và không để phát sinh tệ nạn xã hội."
    ),
    Section.Kind.TASKS: (
        "1. Tuyên truyền sâu rộng các nội dung của phong trào trên hệ thống loa truyền thanh của "
        "xã, tại các buổi sinh hoạt của thôn và các đoàn thể chính trị - xã hội."
    ),
    Section.Kind.FUNDING: (
        "Kinh phí thực hiện được bố trí từ ngân sách xã năm 2024 và các nguồn xã hội hóa hợp "
        "pháp khác theo quy định hiện hành của Nhà nước."
    ),
    Section.Kind.IMPLEMENTATION: (
        "Các thành viên Ban Chỉ đạo theo lĩnh vực được phân công chủ động triển khai, định kỳ "
        "báo cáo kết quả về Thường trực Ban Chỉ đạo trước ngày 15 tháng 12 năm 2024."
    ),
    Section.Kind.FREE: (
        "Trong năm qua, phong trào được các cấp ủy, chính quyền và Mặt trận quan tâm chỉ đạo, "
        "nhân dân đồng tình hưởng ứng, nhiều mô hình hay được nhân rộng trong toàn xã."
    ),
}
ARTICLES = [
    "Ban hành kèm theo Quyết định này Kế hoạch thực hiện phong trào “Toàn dân đoàn kết xây "
    "dựng đời sống văn hóa” trên địa bàn xã năm 2024, với các chỉ tiêu, nhiệm vụ và giải pháp "
    "cụ thể cho từng thôn, từng cơ quan, đơn vị.",
    "Quyết định này có hiệu lực kể từ ngày ký. Các quy định trước đây của Ban Chỉ đạo trái với "
    "Quyết định này đều bãi bỏ; những nội dung khác vẫn giữ nguyên hiệu lực thi hành.",
    "Văn phòng Ban Chỉ đạo, các thành viên Ban Chỉ đạo, Trưởng các thôn và các cơ quan, đơn vị "
    "có liên quan chịu trách nhiệm thi hành Quyết định này kể từ ngày ký ban hành.",
]
PARTY = Plan.HeaderStyle.PARTY
HOSTILE = '<script>alert("kính gửi")</script> & <b>Ủy ban</b>'


def fill(plan, *, party=False):
    """Sample text in every part of plan, its recipients and its signature."""
    articles = iter(ARTICLES)
    for section in plan.sections.all():
        if section.kind == Section.Kind.ARTICLE:
            section.body = next(articles, ARTICLES[-1])
            if section.title:  # a Quy chế's titled article: a paragraph under its title
                section.body = BODIES[Section.Kind.FREE]
        else:
            section.body = BODIES.get(section.kind, BODIES[Section.Kind.FREE])
        section.save()
    prefix = "T/M" if party else "TM."
    plan.authority_lines = f"{prefix} BAN CHỈ ĐẠO\nTRƯỞNG BAN"
    plan.signer_name = "Nguyễn Văn An"
    plan.closing = "Trên đây là nội dung văn bản, đề nghị các đơn vị nghiêm túc thực hiện."
    plan.save()
    return plan


def issue(plan, tree, number):
    """Submitted, approved and issued through the workflow, as the committee's staff do."""
    users = tree.users
    plan = workflow.submit_plan(plan, by=users["own_editor"])
    plan = workflow.approve_plan(plan, by=users["own_approver"])
    return workflow.issue_plan(plan, by=users["own_clerk"], number=number, issued_on=ISSUED_ON)


def start(tree, kind, summary, **fields):
    issuer = fields.pop("issuer", tree.orgs["committee_one"])
    plan = services.start_plan(
        issuer=issuer, by=tree.users["own_editor"], year=2024, summary=summary, kind=kind, **fields
    )
    services.add_recipient(plan, tree.orgs["village_one"])
    services.add_recipient(plan, tree.orgs["government_one"])
    return plan


def render(plan):
    document = build_document(plan_for_document(plan.pk))
    return document, document_pdf(document), document_docx(document)


SUMMARIES = {
    Kind.PLAN: "Thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2024",
    Kind.GUIDANCE: "Hướng dẫn bình xét danh hiệu Gia đình văn hóa, Thôn văn hóa năm 2024",
    Kind.PROGRAMME: "Chương trình công tác năm 2024 của Ban Chỉ đạo phong trào",
    Kind.JOINT_PROGRAMME: "Phối hợp tuyên truyền, vận động nhân dân xây dựng nếp sống văn minh",
    Kind.SCHEME: "Nâng cao chất lượng phong trào xây dựng đời sống văn hóa giai đoạn 2024-2026",
    Kind.NOTICE: "Kết luận của Trưởng ban tại hội nghị sơ kết 6 tháng đầu năm 2024",
    Kind.REPORT: "Kết quả thực hiện phong trào 6 tháng đầu năm 2024",
    Kind.DECISION: "Ban hành Kế hoạch thực hiện phong trào năm 2024",
    Kind.REGULATION: "Quy chế hoạt động của Ban Chỉ đạo phong trào xã Một",
    Kind.LETTER: "Đôn đốc báo cáo kết quả thực hiện phong trào năm 2024",
}


@pytest.fixture(scope="module")
def examples(django_db_setup, django_db_blocker):
    """{name: (plan facts, Document, pdf, docx, Measured, problems)} for every kind in draft
    and issued, the Party header, a date left blank, a decision with its attached plan."""
    out = {}
    with django_db_blocker.unblock(), transaction.atomic():
        tree = build_tree()
        committee = tree.orgs["committee_one"]
        committee.name = (
            "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Một"
        )
        committee.parent_body_line = "UBND xã Một"
        committee.save()
        party = add_organisation(
            parent=tree.orgs["commune_one"],
            kind=Organisation.Kind.COMMITTEE,
            level=committee.level,
            name="Ban Chỉ đạo thực hiện Nghị quyết số 06-NQ/ĐU",
            parent_body_line="Đảng bộ xã Một",
            symbol="BCĐ",
        )
        for persona in ("own_editor", "own_approver", "own_clerk"):
            role = tree.users[persona].memberships.get(organisation=committee).role
            grant_role(tree.users[persona], party, role)

        def keep(name, plan, mode, **measure_args):
            plan = Plan.objects.get(pk=plan.pk)
            document, pdf, docx = render(plan)
            kind = spec(plan.kind)
            measured = measure(pdf, mode, title=kind.title, type_code=kind.code, **measure_args)
            out[name] = {
                "plan": plan,
                "document": document,
                "pdf": pdf,
                "docx": docx,
                "measured": measured,
                "found": check(measured),
            }

        number = 1
        for kind in Kind.values:
            for mode in ("draft", "issued"):
                plan = fill(start(tree, kind, SUMMARIES[kind], addressees=addressees(kind)))
                if mode == "issued":
                    plan = issue(plan, tree, number)
                    number += 1
                keep((kind, mode), plan, mode)
        plan = start(tree, Kind.PLAN, SUMMARIES[Kind.PLAN], issuer=party, header_style=PARTY)
        plan = fill(plan, party=True)
        keep(("party", "draft"), plan, "draft")
        keep(("party", "issued"), issue(plan, tree, 1), "issued")
        letter = start(tree, Kind.LETTER, SUMMARIES[Kind.LETTER], issuer=party,
                       header_style=PARTY, addressees="Các chi bộ trực thuộc")  # fmt: skip
        keep(("party letter", "issued"), issue(fill(letter, party=True), tree, 2), "issued")
        by_hand = fill(start(tree, Kind.PLAN, SUMMARIES[Kind.PLAN], date_by_hand=True))
        by_hand = issue(by_hand, tree, 40)
        keep(("by hand", "issued"), by_hand, "draft", numbered=True)
        decision = fill(start(tree, Kind.DECISION, SUMMARIES[Kind.DECISION]))
        decision.bases = (
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân xã Một về việc "
            "kiện toàn Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã\n"
            "Xét đề nghị của Văn phòng Ban Chỉ đạo phong trào xã tại Tờ trình số 03/TTr-VP ngày "
            "01 tháng 3 năm 2024 về việc ban hành Kế hoạch thực hiện phong trào năm 2024"
        )
        decision.signer_position = "TRƯỞNG BAN"
        decision.authority_lines = ""
        decision.save()
        attached = services.add_attached_document(
            decision, kind=Kind.PLAN, by=tree.users["own_editor"],
            summary="Thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2024",
        )  # fmt: skip
        fill(attached)
        keep(("decision+plan", "draft"), decision, "draft")
        issued = issue(decision, tree, 41)
        keep(("decision+plan", "issued"), issued, "issued")
        out["attached"] = Plan.objects.get(pk=attached.pk)
        out["attached events"] = list(
            out["attached"].events.values_list("action", flat=True).order_by("at", "pk")
        )
        out["attached file"] = plan_file(out["attached"], "pdf")
        out["decision file"] = plan_file(issued, "pdf")
        hostile = start(tree, Kind.LETTER, "Thử nơi nhận", addressees=f"{HOSTILE}\nThôn Một-1")
        keep(("hostile", "draft"), fill(hostile), "draft")
        transaction.set_rollback(True)
    return out


def addressees(kind):
    if kind == Kind.LETTER:
        return "Ủy ban nhân dân các xã, thị trấn\nCác cơ quan, đơn vị thành viên Ban Chỉ đạo"
    if kind == Kind.REPORT:
        return "Ban Chỉ đạo phong trào tỉnh A"
    return ""


def must_problems(found):
    return {
        item: [m for m in messages if not m.endswith("(SHOULD)")]
        for item, messages in found.items()
        if item in MUST_ITEMS and any(not m.endswith("(SHOULD)") for m in messages)
    }


CASES = [(kind, mode) for kind in Kind.values for mode in ("draft", "issued")] + [
    ("party", "draft"),
    ("party", "issued"),
    ("party letter", "issued"),
    ("by hand", "issued"),
    ("decision+plan", "draft"),
    ("decision+plan", "issued"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: "-".join(case))
def test_every_kind_prints_without_a_must_failure(examples, case):
    assert must_problems(examples[case]["found"]) == {}


@pytest.mark.parametrize("kind", [k for k in Kind.values if k != Kind.LETTER])
def test_each_kind_prints_its_title_and_type_code(examples, kind):
    example = examples[(kind, "issued")]
    measured = example["measured"]
    assert measured.title.text == KINDS[kind].title
    assert measured.number.text.startswith("Số: 0")
    assert f"/{KINDS[kind].code}-BCĐ" in measured.number.text
    assert 80 in example["found"] and example["found"][80] == []


def test_the_kinds_items_of_the_checklist_are_checked_where_they_apply(examples):
    def checked(case):
        return {item for item in examples[case]["found"] if 84 <= item <= 91}

    assert checked((Kind.DECISION, "issued")) >= {84, 85}
    assert checked((Kind.REGULATION, "issued")) >= {84}
    assert checked((Kind.LETTER, "issued")) >= {87, 88}
    assert checked(("party", "issued")) >= {89, 90, 91}
    assert checked(("decision+plan", "issued")) >= {84, 85, 86}


def test_a_letter_has_no_title_its_vv_under_the_number_and_kinh_gui_before_the_body(examples):
    example = examples[(Kind.LETTER, "issued")]
    measured = example["measured"]
    assert measured.title is None
    assert re.fullmatch(r"Số: \d\d/BCĐ", measured.number.text)  # no type code
    subject = " ".join(line.text for line in measured.subject)
    assert subject == f"V/v {SUMMARIES[Kind.LETTER]}"
    assert all(line.sizes == {12.0} for line in measured.subject)
    kinh_gui = [line.text for line in measured.addressee]
    assert kinh_gui == [
        "Kính gửi: - Ủy ban nhân dân các xã, thị trấn;",
        "- Các cơ quan, đơn vị thành viên Ban Chỉ đạo.",
    ]
    text = reading_text(measured.pdf)
    assert "KẾ HOẠCH" not in text and "CÔNG VĂN" not in text
    assert re.fullmatch(r"CV-\d\d-BCD-2024\.pdf", plan_file_name(example["plan"], "pdf").ascii)


def test_a_report_prints_its_one_addressee_after_kinh_gui(examples):
    measured = examples[(Kind.REPORT, "issued")]["measured"]
    assert [line.text for line in measured.addressee] == ["Kính gửi: Ban Chỉ đạo phong trào tỉnh A"]


def test_a_decision_prints_its_authority_bases_decision_word_and_articles(examples):
    document = examples[("decision+plan", "issued")]["document"]
    assert document.decision_lines == ["TRƯỞNG BAN BAN CHỈ ĐẠO PHONG TRÀO “TOÀN DÂN ĐOÀN KẾT",
                                       "XÂY DỰNG ĐỜI SỐNG VĂN HÓA” XÃ MỘT"] or all(
        line.isupper() for line in document.decision_lines
    )  # fmt: skip
    assert document.bases[0].endswith(";") and document.bases[-1].endswith(".")
    assert document.decision_word == "QUYẾT ĐỊNH:"
    assert [s.heading for s in document.sections] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert document.sections[1].run_in == ARTICLES[1]
    measured = examples[("decision+plan", "issued")]["measured"]
    articles = [p.first for p in measured.paragraphs if p.first.text.startswith("Điều ")]
    assert [a.text.split(" ", 2)[:2] for a in articles] == [["Điều", "1."], ["Điều", "2."],
                                                          ["Điều", "3."]]  # fmt: skip
    italic = [line for line in measured.body if line.text.startswith(("Căn cứ", "Xét"))]
    assert italic and all(line.italic for line in italic)


def test_a_regulation_prints_titled_articles_bold(examples):
    measured = examples[(Kind.REGULATION, "issued")]["measured"]
    first = next(line for line in measured.body if line.text.startswith("Điều 1."))
    assert first.text == "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" and first.bold


def test_a_decision_and_its_attached_plan_are_one_file_and_one_issuance(examples):
    example = examples[("decision+plan", "issued")]
    measured = example["measured"]
    assert len(measured.attached) == 1
    start = measured.attached[0]
    first = [line.text for line in measured.pages[start]]
    assert first[0] == "KẾ HOẠCH"
    reference = next(text for text in first if text.startswith("(Kèm theo"))
    assert reference.startswith("(Kèm theo Quyết định số 41/QĐ-BCĐ ngày 05 tháng 3 năm 2024")
    assert not any(text.startswith("Số") for text in first)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in first
    # Its page numbers restart: none on its first page.
    assert start not in measured.page_numbers
    attached = examples["attached"]
    assert attached.status == Plan.Status.ISSUED and attached.number is None
    assert attached.issued_on == ISSUED_ON
    assert examples["attached events"][-3:] == [
        PlanEvent.Action.SUBMITTED,
        PlanEvent.Action.APPROVED,
        PlanEvent.Action.ISSUED,
    ]
    # Downloading the attached plan gives the decision's file, the one issued.
    assert examples["attached file"][0] == examples["decision file"][0]
    docx = WordDocument(io.BytesIO(example["docx"]))
    texts = [p.text for p in docx.paragraphs]
    assert "KẾ HOẠCH" in texts and any(t.startswith("(Kèm theo Quyết định số 41/") for t in texts)
    starts = docx.element.body.findall(".//" + qn("w:pgNumType"))
    assert [s.get(qn("w:start")) for s in starts] == ["1"]


def test_the_party_header(examples):
    example = examples[("party", "issued")]
    measured = example["measured"]
    assert measured.party and measured.qh is None and measured.tn is None
    assert measured.party_line.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert measured.number.text == "Số 01-KH/BCĐ"
    assert [line.text for line in measured.parent] == ["ĐẢNG BỘ XÃ MỘT"]
    assert measured.star is not None
    assert measured.title.sizes == {15.0}
    signature = [line.text for line in measured.signature]
    assert signature[0] == "T/M BAN CHỈ ĐẠO"
    docx = WordDocument(io.BytesIO(example["docx"]))
    header = docx.tables[0]
    cells = [cell.text for cell in header.rows[0].cells]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells[1] and "CỘNG HÒA" not in cells[1]
    assert cells[0].splitlines()[-1] == "*"
    assert header.rows[1].cells[0].text == "Số 01-KH/BCĐ"


def test_a_party_letter_prints_its_vv_in_italic(examples):
    measured = examples[("party letter", "issued")]["measured"]
    assert measured.subject and all(line.italic for line in measured.subject)
    assert measured.number.text == "Số 02-CV/BCĐ"


def test_a_date_left_blank_keeps_the_number_and_the_year(examples):
    example = examples[("by hand", "issued")]
    measured = example["measured"]
    assert measured.number.text == "Số: 40/KH-BCĐ"
    raw = "".join(c["text"] for c in measured.date.chars)
    assert re.fullmatch(r"Một, ngày\s+tháng\s+năm 2024", raw)
    docx = WordDocument(io.BytesIO(example["docx"]))
    assert re.fullmatch(r"Một, ngày\s+tháng\s+năm 2024", docx.tables[0].rows[1].cells[1].text)


def test_hostile_addressees_are_text_in_html_and_pdf(examples, client):
    example = examples[("hostile", "draft")]
    from documents.html import preview_html

    html = preview_html(example["document"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;Ủy ban&lt;/b&gt;" in html
    text = reading_text(example["measured"].pdf)
    assert '<script>alert("kính gửi")</script>' in " ".join(text.split())


def test_new_documents_get_the_symbol_and_parts_of_their_kind(tree):
    editor, issuer = tree.users["own_editor"], tree.orgs["committee_one"]
    assert default_symbol(Kind.GUIDANCE, "BCĐ") == "HD-BCĐ"
    for kind in Kind.values:
        plan = services.start_plan(issuer=issuer, by=editor, year=2024, summary="Thử", kind=kind)
        expected = f"{KINDS[kind].code}-BCĐ" if KINDS[kind].code else "BCĐ"
        assert plan.symbol == expected
        parts = [(s.kind, s.title) for s in plan.sections.all()]
        assert parts == list(KINDS[kind].parts)
        assert plan.search_text.startswith(fold(plan.get_kind_display()))
    decision = Plan.objects.get(kind=Kind.DECISION)
    assert [s.kind for s in decision.sections.all()] == [Section.Kind.ARTICLE] * 3
    letter = Plan.objects.get(kind=Kind.LETTER)
    assert [(s.kind, s.title) for s in letter.sections.all()] == [(Section.Kind.FREE, "")]


def test_registers_are_per_kind_code(tree):
    """The unique number is per issuer, symbol and year: a Kế hoạch and a Quyết định of the
    same committee may both be 01, and each register suggests its own next number."""
    editor, issuer = tree.users["own_editor"], tree.orgs["committee_one"]
    plan = services.start_plan(issuer=issuer, by=editor, year=2024, summary="KH", kind=Kind.PLAN)
    decision = services.start_plan(
        issuer=issuer, by=editor, year=2024, summary="QĐ", kind=Kind.DECISION
    )
    issue(plan, tree, 1)
    assert workflow.suggest_number(issuer, 2024, "QĐ-BCĐ") == 1
    assert workflow.suggest_number(issuer, 2024, "KH-BCĐ") == 2
    issued = issue(decision, tree, None)
    assert issued.number == 1 and issued.document_number == "Số: 01/QĐ-BCĐ"
    again = services.start_plan(
        issuer=issuer, by=editor, year=2024, summary="QĐ 2", kind=Kind.DECISION
    )
    again = workflow.approve_plan(
        workflow.submit_plan(again, by=editor), by=tree.users["own_approver"]
    )
    with pytest.raises(PlanError, match="01/QĐ-BCĐ năm 2024 đã được dùng"):
        workflow.issue_plan(again, by=tree.users["own_clerk"], number=1, issued_on=ISSUED_ON)


def test_an_attached_document_cannot_move_on_its_own(tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(
        issuer=tree.orgs["committee_one"], by=editor, year=2024, summary="QĐ",
        kind=Kind.DECISION,
    )  # fmt: skip
    attached = services.add_attached_document(decision, kind=Kind.SCHEME, by=editor)
    assert attached.attached_to == decision and attached.kind == Kind.SCHEME
    assert attached.symbol == "ĐA-BCĐ"
    assert workflow.allowed_actions(editor, attached) == []
    with pytest.raises(PlanError, match="kèm theo quyết định"):
        workflow.submit_plan(attached, by=editor)
    workflow.submit_plan(decision, by=editor)
    attached.refresh_from_db()
    assert attached.status == Plan.Status.SUBMITTED
    with pytest.raises(PlanError, match="kế hoạch, đề án hoặc quy chế"):
        services.add_attached_document(decision, kind=Kind.LETTER, by=editor)
    plan = services.start_plan(
        issuer=tree.orgs["committee_one"], by=editor, year=2024, summary="KH"
    )
    with pytest.raises(PlanError, match="Chỉ quyết định"):
        services.add_attached_document(plan, kind=Kind.PLAN, by=editor)


# ---------------------------------------------------------------------------- the editor


def test_a_new_document_is_started_with_its_kind_and_header_style(client, tree):
    client.force_login(tree.users["own_editor"])
    page = client.get(reverse("plans:create")).content.decode()
    assert 'name="kind"' in page and 'name="header_style"' in page
    response = client.post(reverse("plans:create"), {
        "issuer": tree.orgs["committee_one"].pk, "kind": "decision", "header_style": "party",
        "summary": "Ban hành Quy chế làm việc", "year": "2024", "task_layout": "paragraphs",
    })  # fmt: skip
    plan = Plan.objects.get(summary="Ban hành Quy chế làm việc")
    assert response.url == reverse("plans:edit", args=[plan.pk])
    assert (plan.kind, plan.header_style, plan.symbol) == ("decision", "party", "QĐ-BCĐ")
    assert [s.kind for s in plan.sections.all()] == ["article"] * 3


def test_the_editor_offers_kind_header_style_date_by_hand_and_addressees(client, tree):
    editor = tree.users["own_editor"]
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                               summary="Đôn đốc báo cáo", kind="letter")  # fmt: skip
    client.force_login(editor)
    data = plan_form_data(client, plan)
    assert {"kind", "header_style", "addressees"} <= set(data)
    page = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    assert 'name="date_by_hand"' in page  # a checkbox, sent only when ticked
    data |= {"header_style": "party", "date_by_hand": "on",
             "addressees": f"{HOSTILE}\r\nThôn Một-1"}  # fmt: skip
    assert client.post(reverse("plans:edit", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert plan.header_style == "party" and plan.date_by_hand
    assert plan.addressees == f"{HOSTILE}\r\nThôn Một-1"
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "Loại văn bản: Công văn (thể thức Đảng)" in page


@pytest.mark.parametrize(
    ("text", "message"),
    [("Ủy ban\x00", "Không được chứa ký tự rỗng"), ("Ủy ban\x1b[31m", "Có ký tự điều khiển"),
     ("Ủy ban " * 400, "tối đa 2000")],
)  # fmt: skip
def test_bad_addressees_are_refused_beside_the_field_and_kept(client, tree, text, message):
    editor = tree.users["own_editor"]
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                               summary="Đôn đốc báo cáo", kind="letter")  # fmt: skip
    client.force_login(editor)
    data = plan_form_data(client, plan) | {"addressees": text}
    response = client.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 200
    [error] = response.context["form"].errors["addressees"]
    assert message in error
    assert response.context["form"]["addressees"].value() == text
    assert Plan.objects.get(pk=plan.pk).addressees == ""


def test_an_attached_document_is_added_from_the_decision_and_linked_both_ways(client, tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Đề án", kind="decision")  # fmt: skip
    client.force_login(editor)
    page = client.get(reverse("plans:detail", args=[decision.pk])).content.decode()
    assert "Thêm văn bản kèm theo" in page
    response = client.post(reverse("plans:attach", args=[decision.pk]), {"kind": "scheme"})
    attached = decision.attachments.get()
    assert response.url == reverse("plans:edit", args=[attached.pk])
    assert attached.kind == "scheme" and attached.symbol == "ĐA-BCĐ"
    page = client.get(reverse("plans:detail", args=[decision.pk])).content.decode()
    assert reverse("plans:detail", args=[attached.pk]) in page and "Đề án “" in page
    page = client.get(reverse("plans:detail", args=[attached.pk])).content.decode()
    assert reverse("plans:detail", args=[decision.pk]) in page
    assert "(Kèm theo Quyết định số" in page  # its page shows the decision it prints with
    # A letter cannot be attached; the attached document cannot become one either.
    response = client.post(reverse("plans:attach", args=[decision.pk]), {"kind": "letter"})
    assert decision.attachments.count() == 1
    data = plan_form_data(client, attached) | {"kind": "letter"}
    response = client.post(reverse("plans:edit", args=[attached.pk]), data)
    assert "kế hoạch, đề án hoặc quy chế" in response.context["form"].errors["kind"][0]
    data = plan_form_data(client, decision) | {"kind": "plan"}
    response = client.post(reverse("plans:edit", args=[decision.pk]), data)
    assert "phải giữ loại quyết định" in response.context["form"].errors["kind"][0]


def test_a_plan_that_is_no_decision_offers_no_attachment(client, tree, plans):
    client.force_login(tree.users["own_editor"])
    page = client.get(reverse("plans:detail", args=[plans["draft"].pk])).content.decode()
    assert "Thêm văn bản kèm theo" not in page
    response = client.post(reverse("plans:attach", args=[plans["draft"].pk]), {"kind": "plan"})
    assert response.url == reverse("plans:detail", args=[plans["draft"].pk])
    assert not plans["draft"].attachments.exists()


def test_lists_name_each_document_by_its_kind(client, tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Quy chế", kind="decision")  # fmt: skip
    services.add_recipient(decision, tree.orgs["village_one"])
    issue(decision, tree, 3)
    client.force_login(editor)
    page = client.get(reverse("plans:list")).content.decode()
    assert "Quyết định · Số: 03/QĐ-BCĐ" in page
    assert "Quyết định" in client.get(reverse("plans:list"), {"q": "quyet dinh"}).content.decode()
    client.force_login(tree.users["child_editor"])
    assert "Quyết định · Số: 03/QĐ-BCĐ" in client.get(reverse("plans:inbox")).content.decode()
    page = client.get(reverse("plans:detail", args=[decision.pk])).content.decode()
    assert "Quyết định Số: 03/QĐ-BCĐ</li>" in page


def test_the_workflow_messages_name_the_kind(client, tree):
    editor = tree.users["own_editor"]
    letter = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                 summary="Đôn đốc", kind="letter")  # fmt: skip
    client.force_login(editor)
    response = client.post(reverse("plans:transition", args=[letter.pk, "submit"]), follow=True)
    assert "Đã trình duyệt công văn." in response.content.decode()


def test_the_pdf_kept_at_issuance_is_the_decisions_with_its_attachment(tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Quy chế", kind="decision")  # fmt: skip
    attached = services.add_attached_document(decision, kind=Kind.REGULATION, by=editor)
    issue(decision, tree, 7)
    assert list(plans_without_issued_pdf()) == [Plan.objects.get(pk=decision.pk)]
    kept = freeze_issued_pdf(Plan.objects.get(pk=attached.pk))
    assert kept.plan_id == decision.pk
    assert list(plans_without_issued_pdf()) == []
    data, name = plan_file(Plan.objects.get(pk=attached.pk), "pdf")
    assert name.unicode == "QĐ-07-BCĐ-2024.pdf"
    text = reading_text(measure(data, "issued", title="QUYẾT ĐỊNH", type_code="QĐ").pdf)
    assert "QUY CHẾ" in text and "(Kèm theo Quyết định số 07/QĐ-BCĐ" in " ".join(text.split())


def test_a_copy_or_a_corrected_version_keeps_the_kind_and_the_attached_documents(tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(
        issuer=tree.orgs["committee_one"], by=editor, year=2024, summary="Ban hành Đề án 2024",
        kind="decision", header_style="party", date_by_hand=True, addressees="Thôn Một-1",
    )  # fmt: skip
    attached = services.add_attached_document(decision, kind=Kind.SCHEME, by=editor)
    issued = issue(decision, tree, 9)
    version = workflow.supersede_plan(issued, by=editor)
    assert (version.kind, version.header_style, version.date_by_hand, version.addressees) == (
        "decision",
        "party",
        True,
        "Thôn Một-1",
    )
    [copied] = version.attachments.all()
    assert copied.kind == Kind.SCHEME and copied.pk != attached.pk
    assert copied.status == Plan.Status.DRAFT and copied.symbol == "ĐA-BCĐ"
    assert [s.kind for s in version.sections.all()] == ["article"] * 3
    next_year = reuse.copy_plan_to_year(attached, year=2025, by=editor)
    assert next_year.kind == Kind.SCHEME and next_year.attached_to is None


def expected_rules(case):
    """Short rules of a DOCX: under the Tiêu ngữ (or ĐCSVN), the issuer (not in the Party
    header), the trích yếu (not in a Công văn) and each attached document's reference."""
    kind, _mode = case
    party = kind.startswith("party")
    letter = kind in (Kind.LETTER, "party letter")
    return 1 + (not party) + (not letter) + (kind == "decision+plan")


@pytest.mark.parametrize("case", CASES, ids=lambda case: "-".join(case))
def test_every_kind_as_docx_follows_checklist_section_k(examples, case):
    data = examples[case]["docx"]
    xml = parts(data)
    document = xml["word/document.xml"]
    for sect in sections(xml):
        size, margin = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        assert (int(attr(size, "w")), int(attr(size, "h"))) == (11906, 16838)
        assert 1134 <= int(attr(margin, "top")) <= 1418
        assert 1701 <= int(attr(margin, "left")) <= 1985
        assert 850 <= int(attr(margin, "right")) <= 1134
    assert next(sections(xml)).find(f"{W}titlePg") is not None
    for name, part in xml.items():  # numbering.xml: the template's unused bullets
        for fonts in [] if name.endswith("numbering.xml") else part.iter(f"{W}rFonts"):
            assert attr(fonts, "ascii") in (None, FONT)
    paragraphs = body_paragraphs(data)
    assert len(paragraphs) >= 2  # a Công văn: its one body and the closing
    for p in paragraphs:
        assert int(attr(p.find(f"{W}pPr/{W}ind"), "firstLine")) in (567, 720)
    header = document.find(f"{W}body").findall(f"{W}tbl")[0]
    assert len(header.findall(f"{W}tblGrid/{W}gridCol")) == 2
    assert all(attr(e, "val") in ("nil", "none") for e in header.find(f"{W}tblPr/{W}tblBorders"))
    text = "".join(header.itertext())
    party = case[0].startswith("party")
    assert ("ĐẢNG CỘNG SẢN VIỆT NAM" in text) == party
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text) == (not party)
    assert not list(document.iter(f"{W}u"))
    rules = [b for b in document.iter(f"{W}pBdr") if b.find(f"{W}bottom") is not None]
    assert len(rules) == expected_rules(case)


def test_a_decisions_articles_are_bold_labels_with_their_text_run_in_in_the_docx(examples):
    docx = WordDocument(io.BytesIO(examples[("decision+plan", "issued")]["docx"]))
    articles = [p for p in docx.paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(" ", 2)[:2] for p in articles[:3]] == [
        ["Điều", "1."], ["Điều", "2."], ["Điều", "3."]
    ]  # fmt: skip
    for paragraph in articles[:3]:
        label, text = paragraph.runs[0], paragraph.runs[1]
        assert label.bold and label.text.startswith("Điều") and not text.bold
    word = next(p for p in docx.paragraphs if p.text == "QUYẾT ĐỊNH:")
    assert word.runs[0].bold and word.alignment == 1  # centred
    bases = [p for p in docx.paragraphs if p.text.startswith(("Căn cứ", "Xét"))]
    assert bases and all(run.italic for p in bases for run in p.runs)
    letter = WordDocument(io.BytesIO(examples[(Kind.LETTER, "issued")]["docx"]))
    number_cell = letter.tables[0].rows[1].cells[0]
    assert number_cell.paragraphs[1].text.startswith("V/v ")
    assert number_cell.paragraphs[1].runs[0].font.size.pt == 12
    kinh_gui = [p.text for p in letter.paragraphs if p.text.startswith(("Kính gửi", "- "))]
    assert kinh_gui[:2] == [
        "Kính gửi: - Ủy ban nhân dân các xã, thị trấn;",
        "- Các cơ quan, đơn vị thành viên Ban Chỉ đạo.",
    ]


def test_history_keeps_a_decisions_articles_and_what_a_kind_prints(tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Quy chế", kind="decision")  # fmt: skip
    article = decision.sections.first()
    with workflow.editing(decision, by=editor):
        article.body = "Ban hành kèm theo Quyết định này Quy chế làm việc."
        article.save()
    event = decision.events.latest("at", "pk")
    assert ["Phần “Điều 1.”", "", "Ban hành kèm theo Quyết định này Quy chế làm việc."] in (
        event.changes
    )
    assert event.snapshot["Loại văn bản"] == "QUYẾT ĐỊNH"
    assert "ban hanh kem theo quyet dinh nay" in Plan.objects.get(pk=decision.pk).body_text
    letter = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                 summary="Đôn đốc", kind="letter", addressees="Thôn Một-1")  # fmt: skip
    snapshot = letter.events.get().snapshot
    assert (snapshot["Loại văn bản"], snapshot["Kính gửi"], snapshot["V/v"]) == (
        "Công văn",
        "Thôn Một-1",
        "V/v Đôn đốc",
    )
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                               summary="Kế hoạch")  # fmt: skip
    assert not {"Loại văn bản", "Thể thức", "Kính gửi", "V/v"} & set(plan.events.get().snapshot)


def test_a_letter_without_kinh_gui_is_reported_before_submission(tree):
    editor = tree.users["own_editor"]
    letter = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                 summary="Đôn đốc", kind="letter")  # fmt: skip
    found = [gap.message for gap in completeness.gaps(plan_for_document(letter.pk))]
    assert "Công văn chưa có nơi nhận ở “Kính gửi”." in found
    assert "Chưa có đoạn kết (“Trên đây là Công văn…”)." in found
    letter.addressees = "Thôn Một-1"
    letter.save()
    found = [gap.message for gap in completeness.gaps(plan_for_document(letter.pk))]
    assert not any("Kính gửi" in message for message in found)


def test_an_article_is_written_in_the_section_editor(client, tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Quy chế", kind="decision")  # fmt: skip
    article = decision.sections.first()
    client.force_login(editor)
    url = reverse("plans:section", args=[decision.pk, article.pk])
    assert client.get(url).status_code == 200
    page = client.get(reverse("plans:edit", args=[decision.pk])).content.decode()
    assert "Điều (quyết định)" in page


def test_notices_name_the_kind_of_document(tree):
    from campaign.models import Notification

    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Quy chế", kind="decision")  # fmt: skip
    attached = services.add_attached_document(decision, kind=Kind.REGULATION, by=editor)
    workflow.submit_plan(decision, by=editor)
    assert Notification.objects.filter(text__contains="trình duyệt quyết định “Ban hành").exists()
    approved = workflow.approve_plan(decision, by=tree.users["own_approver"])
    workflow.issue_plan(approved, by=tree.users["own_clerk"], number=4, issued_on=ISSUED_ON)
    issued = Notification.objects.filter(text__contains="đã ban hành Quyết định số 04/QĐ-BCĐ")
    assert issued.exists()
    own_page = reverse("plans:detail", args=[attached.pk])
    assert not Notification.objects.filter(link=own_page).exists()  # one issuance, one notice


def test_the_kind_checks_catch_a_document_laid_out_wrongly(examples):
    """Items 85, 87 and 64 fail on documents printed without what their kind needs."""

    def problems_of(case, change, **measure_args):
        document = copy.deepcopy(examples[case]["document"])
        change(document)
        kind = spec(examples[case]["plan"].kind)
        measured = measure(document_pdf(document), case[1], title=kind.title,
                           type_code=kind.code, **measure_args)  # fmt: skip
        return must_problems(check(measured))

    def no_decision_word(document):
        document.decision_word = ""

    def no_addressees(document):
        document.addressees = []

    def state_prefix(document):
        document.authority_lines = ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]

    assert 85 in problems_of(("decision+plan", "issued"), no_decision_word)
    assert 87 in problems_of((Kind.LETTER, "issued"), no_addressees)
    assert 64 in problems_of(("party", "issued"), state_prefix)


@pytest.mark.parametrize(
    ("kind", "symbol", "new_kind", "typed", "expected"),
    [("plan", "KH-BCĐ", "guidance", None, "HD-BCĐ"), ("plan", "KH-BCĐ", "letter", None, "BCĐ"),
     ("letter", "BCĐ-VP", "notice", None, "TB-BCĐ-VP"),
     ("plan", "KH-BCĐ", "guidance", "HD-BCĐ-VP", "HD-BCĐ-VP")],
)  # fmt: skip
def test_changing_the_kind_changes_the_code_of_the_symbol_unless_retyped(
    client, tree, kind, symbol, new_kind, typed, expected
):
    editor = tree.users["own_editor"]
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                               summary="Thử", kind=kind, symbol=symbol)  # fmt: skip
    client.force_login(editor)
    data = plan_form_data(client, plan) | {"kind": new_kind}
    if typed:
        data["symbol"] = typed
    assert client.post(reverse("plans:edit", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert (plan.kind, plan.symbol) == (new_kind, expected)


def test_add_part_proposes_the_next_article_of_a_decision(client, tree):
    editor = tree.users["own_editor"]
    decision = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Ban hành Quy chế", kind="decision")  # fmt: skip
    client.force_login(editor)
    page = client.get(reverse("plans:edit", args=[decision.pk])).content.decode()
    assert 'value="article" class="btn btn-outline-secondary btn-sm me-1 mb-1">+ Điều' in page
    assert "(chưa có)" not in page  # a decision lacks none of a plan's usual parts
    client.post(reverse("plans:section_add", args=[decision.pk]), {"kind": "article"})
    assert [s.kind for s in decision.sections.all()] == ["article"] * 4
    guidance = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2024,
                                   summary="Hướng dẫn", kind="guidance")  # fmt: skip
    page = client.get(reverse("plans:edit", args=[guidance.pk])).content.decode()
    assert "+ Điều" not in page
