"""Joint documents and signature variants (issue 13, part 2): co-issuers named in the header and
the ký hiệu, one signature block per issuer side by side, TM./KT./TL./TUQ./Q., a second signer
and an endorsement block, printed as PDF and DOCX and measured against CHECKLIST.md (§G and §L
item 92, tests/plans/pdfcheck.py). Access and reuse: co-issuers read the plan and get it in
their inbox; a copy keeps the blocks.

The PDFs are rendered once for the module; every test reads those renderings.
"""

import copy
import io

import pytest
from django.db import transaction
from django.urls import reverse
from docx import Document as WordDocument

from documents.pdf import html_to_pdf, print_html
from orgs.models import Organisation
from orgs.services import add_organisation, grant_role
from plans import reuse, services, workflow
from plans.errors import PlanError
from plans.kinds import spec
from plans.models import Plan, Signature
from plans.todo import incoming_plans

from ..personas import build_tree
from .pdfcheck import check, measure
from .test_bad_input import plan_form_data
from .test_kinds import ISSUED_ON, fill, issue, must_problems, render, start

pytestmark = [pytest.mark.django_db, pytest.mark.engine_independent]

Kind = Plan.Kind
Role = Signature.Role
JOINT_SUMMARY = "Phối hợp tuyên truyền, vận động nhân dân xây dựng nếp sống văn minh năm 2024"
FRONT_NAME = "Ủy ban Mặt trận Tổ quốc Việt Nam xã Một"


def add_front(tree):
    front = add_organisation(
        parent=tree.orgs["commune_one"],
        kind=Organisation.Kind.FRONT,
        level=tree.orgs["committee_one"].level,
        name=FRONT_NAME,
        symbol="MTTQ",
    )
    return front


def joint(tree, front, **fields):
    plan = fill(start(tree, Kind.JOINT_PROGRAMME, JOINT_SUMMARY))
    services.add_signature(
        plan, Role.CO_ISSUER, organisation=front, authority_lines="TM. BAN THƯỜNG TRỰC",
        signer_position="CHỦ TỊCH", signer_name="Trần Thị Bình", **fields,
    )  # fmt: skip
    plan.symbol = services.joint_symbol(plan)
    plan.save()
    return plan


@pytest.fixture(scope="module")
def examples(django_db_setup, django_db_blocker):
    """{name: {plan, document, pdf, docx, found}} for each variant."""
    out = {}
    with django_db_blocker.unblock(), transaction.atomic():
        tree = build_tree()
        front = add_front(tree)

        def keep(name, plan, mode):
            plan = Plan.objects.get(pk=plan.pk)
            document, pdf, docx = render(plan)
            kind = spec(plan.kind)
            measured = measure(pdf, mode, title=kind.title, type_code=kind.code)
            out[name] = {"plan": plan, "document": document, "pdf": pdf, "docx": docx,
                         "measured": measured, "found": check(measured)}  # fmt: skip

        keep("joint draft", joint(tree, front), "draft")
        issued = issue(joint(tree, front), tree, 1)
        # Renamed after issuance: the issued document keeps the name it was issued with.
        Organisation.objects.filter(pk=front.pk).update(name="Ủy ban MTTQ xã Một mới")
        keep("joint issued", issued, "issued")
        Organisation.objects.filter(pk=front.pk).update(name=FRONT_NAME)

        # Three issuers: two blocks on the first row, the third under the first.
        union = add_organisation(
            parent=tree.orgs["commune_one"], kind=Organisation.Kind.WOMEN,
            level=tree.orgs["committee_one"].level, name="Hội Liên hiệp Phụ nữ xã Một",
            symbol="HLHPN",
        )  # fmt: skip
        three = joint(tree, front)
        services.add_signature(
            three, Role.CO_ISSUER, organisation=union, authority_lines="TM. BAN CHẤP HÀNH",
            signer_position="CHỦ TỊCH", signer_name="Lê Thị Cúc",
        )  # fmt: skip
        three.symbol = services.joint_symbol(three)
        three.save()
        keep("three issuers", three, "draft")

        # A report with its endorsement ("XÁC NHẬN CỦA …") left of the issuer's block.
        report = fill(start(tree, Kind.REPORT, "Kết quả thực hiện phong trào năm 2024",
                            addressees="Ban Chỉ đạo phong trào tỉnh A"))  # fmt: skip
        report.authority_lines = "KT. TRƯỞNG BAN"
        report.signer_position = "PHÓ TRƯỞNG BAN"
        report.save()
        services.add_signature(
            report, Role.ENDORSEMENT, heading="Xác nhận của UBND xã Một",
            authority_lines="TUQ. CHỦ TỊCH", signer_position="CHÁNH VĂN PHÒNG",
            signer_name="Phạm Văn Dũng",
        )  # fmt: skip
        keep("endorsement", issue(report, tree, 2), "issued")

        # Two signers of one issuer: TL. and Q.
        two = fill(start(tree, Kind.PLAN, "Thực hiện phong trào năm 2024"))
        two.authority_lines = "TL. TRƯỞNG BAN"
        two.signer_position = "CHÁNH VĂN PHÒNG"
        two.save()
        services.add_signature(two, Role.SECOND, authority_lines="Q. TRƯỞNG BAN",
                               signer_name="Hoàng Văn Em")  # fmt: skip
        keep("two signers", two, "draft")
        transaction.set_rollback(True)
    return out


CASES = ["joint draft", "joint issued", "three issuers", "endorsement", "two signers"]


@pytest.mark.parametrize("case", CASES)
def test_every_variant_prints_without_a_must_failure(examples, case):
    found = examples[case]["found"]
    assert examples[case]["measured"].blocks, "read as a joint document"
    assert must_problems(found) == {}
    assert 92 in found  # item 92 was checked


def test_a_joint_document_names_both_issuers_in_the_header_and_the_symbol(examples):
    document = examples["joint draft"]["document"]
    header = " ".join(document.issuer_lines)
    assert "BAN CHỈ ĐẠO XÃ MỘT" in header
    assert FRONT_NAME.upper() in header
    assert header.index("BAN CHỈ ĐẠO") < header.index("MẶT TRẬN")
    assert document.number_line.endswith("/CTr-BCĐ-MTTQ")
    assert 92 not in must_problems(examples["joint draft"]["found"])
    assert examples["joint draft"]["found"][92] == []  # SHOULD too: two issuers in the symbol


def test_an_issued_joint_document_keeps_the_co_issuers_name_as_at_issuance(examples):
    plan = examples["joint issued"]["plan"]
    assert plan.issued_header["co_issuers"] == [FRONT_NAME]
    header = " ".join(examples["joint issued"]["document"].issuer_lines)
    assert FRONT_NAME.upper() in header
    assert "MỚI" not in header


def test_blocks_are_side_by_side_in_the_order_the_issuers_are_listed(examples):
    blocks = examples["three issuers"]["measured"].blocks
    texts = [" ".join(line.text for line in block) for block in blocks]
    assert len(blocks) == 3
    assert "BAN CHỈ ĐẠO" in texts[0] and "Nguyễn Văn An" in texts[0]
    assert "BAN THƯỜNG TRỰC" in texts[1] and "Trần Thị Bình" in texts[1]
    assert "BAN CHẤP HÀNH" in texts[2] and "Lê Thị Cúc" in texts[2]
    first, second, third = (block[0] for block in blocks)
    assert abs(first.baseline - second.baseline) <= 3 and first.x1 < second.x0
    assert third.top > max(line.bottom for line in blocks[0])  # a second row
    assert examples["three issuers"]["document"].number_line.endswith("/CTr-BCĐ-MTTQ-HLHPN")


def test_an_endorsement_prints_its_heading_left_of_the_issuers_block(examples):
    left, right = examples["endorsement"]["measured"].blocks
    assert [line.text for line in left[:3]] == [
        "XÁC NHẬN CỦA UBND XÃ MỘT",
        "TUQ. CHỦ TỊCH",
        "CHÁNH VĂN PHÒNG",
    ]
    assert [line.text for line in right[:2]] == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]


def test_two_signers_print_tl_and_q(examples):
    left, right = examples["two signers"]["measured"].blocks
    assert left[0].text == "TL. TRƯỞNG BAN" and right[0].text == "Q. TRƯỞNG BAN"
    assert right[-1].text == "Hoàng Văn Em"


def docx_texts(docx):
    word = WordDocument(io.BytesIO(docx))
    return word, [p.text for p in word.paragraphs]


@pytest.mark.parametrize("case", CASES)
def test_the_docx_prints_the_blocks_two_to_a_row_and_nơi_nhận_below(examples, case):
    word, texts = docx_texts(examples[case]["docx"])
    document = examples[case]["document"]
    table = word.tables[-1]
    assert len(table.rows) == len(document.signature_rows)
    cells = [cell.text for row in table.rows for cell in row.cells]
    for block, cell in zip(document.signature_blocks, cells, strict=False):
        assert block.signer_name in cell
        for line in block.heading_lines + block.authority_lines:
            assert line in cell
    label = texts.index("Nơi nhận:")
    assert texts[label + 1].startswith("- ")
    assert texts[-1].startswith("- Lưu: VT")
    body = word.element.body
    assert body.index(table._tbl) < body.index(word.paragraphs[label]._p)


def test_a_wrong_layout_fails_the_joint_checks(examples):
    """Item 92 fails when the blocks are not level, 69/71 when Nơi nhận stands beside them."""
    document = copy.deepcopy(examples["joint draft"]["document"])
    html = print_html(document)
    lowered = html.replace("</style>", ".kh-signatures td + td { padding-top: 24pt; }</style>", 1)
    found = check(measure(html_to_pdf(lowered), "draft", title="CHƯƠNG TRÌNH PHỐI HỢP",
                          type_code="CTr"))  # fmt: skip
    assert 92 in must_problems(found)
    beside = html.replace(
        "</style>", ".kh-recipients-below { margin-top: -60mm; width: 45mm; }</style>", 1
    )
    found = check(measure(html_to_pdf(beside), "draft", title="CHƯƠNG TRÌNH PHỐI HỢP",
                          type_code="CTr"))  # fmt: skip
    assert must_problems(found).keys() & {69, 71, 63}


def test_a_co_issuer_needs_an_organisation(tree):
    plan = start(tree, Kind.JOINT_PROGRAMME, JOINT_SUMMARY)
    with pytest.raises(PlanError):
        services.add_signature(plan, Role.CO_ISSUER)


def test_co_issuers_read_the_issued_plan_and_find_it_in_their_inbox(client, tree):
    front = add_front(tree)
    reader = tree.users["child_editor"]
    grant_role(reader, front, "editor")
    plan = joint(tree, front)
    url = reverse("plans:detail", args=[plan.pk])
    client.force_login(reader)
    assert client.get(url).status_code == 404  # a draft stays with its issuer
    assert plan not in incoming_plans(reader)
    plan = issue(plan, tree, 7)
    assert client.get(url).status_code == 200
    assert plan in incoming_plans(reader)


def test_a_copy_and_a_corrected_version_keep_the_signature_blocks(tree):
    front = add_front(tree)
    plan = joint(tree, front)
    services.add_signature(plan, Role.ENDORSEMENT, heading="XÁC NHẬN CỦA UBND XÃ")
    fields = ["order", "role", "organisation_id", "symbol", "heading", "authority_lines",
              "signer_position", "signer_id", "signer_name"]  # fmt: skip
    rows = list(plan.signatures.values_list(*fields))
    copied = reuse.copy_plan_to_year(plan, year=2025, by=tree.users["own_editor"])
    assert list(copied.signatures.values_list(*fields)) == rows
    issued = issue(plan, tree, 8)
    version = workflow.supersede_plan(issued, by=tree.users["own_editor"])
    assert list(version.signatures.values_list(*fields)) == rows
    assert issued.issued_on == ISSUED_ON


def test_every_signature_field_is_copied():
    """A new Signature field: decide in plans/reuse.py whether a copy keeps it (_clone copies
    every column)."""
    fields = {field.name for field in Signature._meta.concrete_fields}
    assert fields == {"id", "plan", "order", "role", "organisation", "symbol", "heading",
                      "authority_lines", "signer_position", "signer", "signer_name"}  # fmt: skip


# --- the editor ------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script>'


def signature_row(data, index, **fields):
    """data with a further signature row at index (the management form counted)."""
    row = {"id": "", "role": "co_issuer", "organisation": "", "symbol": "", "heading": "",
           "prefix": "", "authority_lines": "", "signer_position": "", "signer_name": "",
           "ORDER": str(index + 1)} | fields  # fmt: skip
    data = data | {f"signatures-{index}-{name}": value for name, value in row.items()}
    data["signatures-TOTAL_FORMS"] = str(index + 1)
    return data


def test_the_editor_adds_a_co_issuer_and_suggests_the_joint_symbol(client, tree):
    front = add_front(tree)
    editor = tree.users["own_editor"]
    plan = start(tree, Kind.JOINT_PROGRAMME, JOINT_SUMMARY)
    client.force_login(editor)
    url = reverse("plans:edit", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Cơ quan cùng ban hành và chữ ký khác" in page
    assert 'name="signatures-TOTAL_FORMS"' in page
    data = plan_form_data(client, plan)
    data = signature_row(
        data,
        0,
        organisation=f"#{front.pk}",
        prefix="TM.",
        authority_lines="BAN THƯỜNG TRỰC\nCHỦ TỊCH",
        signer_name="Trần Thị Bình",
    )
    data = signature_row(data, 1, role="endorsement", heading=f"XÁC NHẬN {HOSTILE}",
                         prefix="KT.", authority_lines="TL. CHỦ TỊCH")  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 302, response.context and response.context["signatures"].errors
    plan.refresh_from_db()
    co_issuer, endorsement = plan.signatures.all()
    assert (co_issuer.organisation, co_issuer.symbol) == (front, "MTTQ")
    assert co_issuer.authority_lines == "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH"
    assert endorsement.authority_lines == "KT. CHỦ TỊCH"  # the chosen prefix replaces the typed
    assert plan.symbol == "CTr-BCĐ-MTTQ"
    page = client.get(url).content.decode()
    assert FRONT_NAME in page and "<script>alert" not in page and "&lt;script&gt;" in page
    preview = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<script>alert" not in preview


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [({"organisation": ""}, "organisation", "Hãy chọn cơ quan cùng ban hành"),
     ({"organisation": "#999999"}, "organisation", "Không tìm thấy đơn vị đã chọn"),
     ({"organisation": f"Hội {HOSTILE}"}, "organisation", "phải là một đơn vị chọn"),
     ({"symbol": "MT TQ"}, "symbol", "chỉ gồm chữ và số"),
     ({"symbol": "X" * 41}, "symbol", "tối đa 40"),
     ({"heading": "Xác nhận\x00"}, "heading", "Không được chứa ký tự rỗng"),
     ({"signer_name": "Trần\x1b[31m"}, "signer_name", "Có ký tự điều khiển"),
     ({"authority_lines": "TM. " + "BAN " * 60}, "authority_lines", "tối đa 200")],
)  # fmt: skip
def test_bad_signature_rows_are_refused_beside_the_field_and_kept(client, tree, fields, field,
                                                                   message):  # fmt: skip
    plan = start(tree, Kind.JOINT_PROGRAMME, JOINT_SUMMARY)
    client.force_login(tree.users["own_editor"])
    data = signature_row(plan_form_data(client, plan), 0, signer_name="Trần Thị Bình") | {
        f"signatures-0-{name}": value for name, value in fields.items()
    }

    response = client.post(reverse("plans:edit", args=[plan.pk]), data)

    assert response.status_code == 200
    [row] = response.context["signatures"].forms
    assert any(message in error for error in row.errors[field]), row.errors
    for name, value in fields.items():
        assert row[name].value() == value  # what was typed is kept
    assert not plan.signatures.exists()
