"""An issued plan prints its issuer and signer as they were at issuance, whatever the
organisation and the person become later; a draft prints them as they are."""

import importlib
import io
import unicodedata
from datetime import date

import pdfplumber
import pytest
from django.apps import apps
from django.urls import reverse
from docx import Document as WordDocument

from documents.pdf import document_pdf
from orgs.models import Person
from plans import services, workflow
from plans.history import plan_snapshot
from plans.models import Plan
from plans.printing import (
    appendix_reference,
    build_document,
    plan_file,
    plan_for_document,
    plan_text,
)

from .conftest import issue_for_tests

OLD = ["BAN CHỈ ĐẠO XÃ MỘT", "UBND XÃ MỘT", "Nguyễn Văn An", "PHÓ CHỦ TỊCH UBND XÃ MỘT"]
NEW = ["BAN CHỈ ĐẠO PHƯỜNG ĐÔNG", "UBND PHƯỜNG ĐÔNG", "Trần Thị Bình", "CHỦ TỊCH UBND PHƯỜNG"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def committee(tree):
    committee = tree.orgs["committee_one"]
    committee.parent_body_line = "UBND xã Một"
    committee.save()
    return committee


@pytest.fixture
def signer(tree, committee):
    return Person.objects.create(
        full_name="Nguyễn Văn An",
        position="Phó Chủ tịch UBND xã Một",
        organisation=tree.orgs["commune_one"],
    )


def start(committee, boss, signer, summary):
    # No typed authority or position: the plan prints "TM. <issuer>" and the signer's
    # position in their own body (ô 7b), both taken from the organisation and the person.
    plan = services.start_plan(issuer=committee, by=boss, year=2024, summary=summary, signer=signer)
    services.add_task(plan.sections.get(kind="tasks"), "Tuyên truyền", timeframe="Quý I")
    return plan


@pytest.fixture
def issued(committee, boss, signer):
    plan = start(committee, boss, signer, "Kế hoạch giữ thể thức")
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=boss)
    return workflow.issue_plan(plan, by=boss, number=4, issued_on=date(2024, 3, 1))


def rename(committee, signer):
    committee.name = "Ban Chỉ đạo phường Đông"
    committee.parent_body_line = "UBND phường Đông"
    committee.save()
    signer.full_name = "Trần Thị Bình"
    signer.position = "Chủ tịch UBND phường"
    signer.save()


def docx_text(data):
    word = WordDocument(io.BytesIO(data))
    return "\n".join(
        "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        for paragraph in word.element.body.iter(f"{W}p")
    )


def pdf_text(data):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return unicodedata.normalize("NFC", text)


def shows(text, values):
    return [value for value in values if value in text]


def test_issuing_keeps_the_issuer_and_signer_with_the_plan(issued):
    assert Plan.objects.get(pk=issued.pk).issued_header == {
        "issuer_name": "Ban Chỉ đạo xã Một",
        "issuer_kind": "committee",
        "parent_body_line": "UBND xã Một",
        "signer_full_name": "Nguyễn Văn An",
        "signer_body_position": "Phó Chủ tịch UBND xã Một",
    }


def test_issued_plan_prints_what_it_was_issued_with_after_the_organisation_changes(
    committee, boss, signer, issued
):
    before = plan_text(issued)
    assert shows(before, OLD) == OLD

    rename(committee, signer)
    issued = Plan.objects.get(pk=issued.pk)
    draft = start(committee, boss, Person.objects.get(pk=signer.pk), "Kế hoạch mới")

    assert plan_text(issued) == before
    assert f"TM. {OLD[0]}" in before
    assert appendix_reference(issued, False).endswith("của Ban Chỉ đạo xã Một)")
    assert shows(plan_text(draft), NEW) == NEW
    assert shows(plan_text(draft), OLD[:1] + OLD[2:]) == []


def test_issued_plan_docx_and_pdf_keep_the_old_header_and_a_new_draft_takes_the_new(
    committee, boss, signer, issued
):
    rename(committee, signer)
    issued = Plan.objects.get(pk=issued.pk)
    draft = start(committee, boss, Person.objects.get(pk=signer.pk), "Kế hoạch mới")

    docx, _name = plan_file(issued, "docx")
    pdf = pdf_text(document_pdf(build_document(plan_for_document(issued.pk))))
    served_pdf = pdf_text(plan_file(issued, "pdf")[0])
    draft_docx = docx_text(plan_file(draft, "docx")[0])
    draft_pdf = pdf_text(plan_file(draft, "pdf")[0])

    for text in (docx_text(docx), pdf, served_pdf):
        assert shows(text, OLD) == OLD
        assert shows(text, NEW) == []
    for text in (draft_docx, draft_pdf):
        assert shows(text, NEW) == NEW
        assert shows(text, ["Nguyễn Văn An", "XÃ MỘT"]) == []


def test_issued_plan_page_keeps_the_old_name_and_a_draft_page_shows_the_new(
    client, committee, boss, signer, issued
):
    rename(committee, signer)
    draft = start(committee, boss, Person.objects.get(pk=signer.pk), "Kế hoạch mới")
    client.force_login(boss)

    page = client.get(reverse("plans:detail", args=[issued.pk])).content.decode()
    draft_page = client.get(reverse("plans:detail", args=[draft.pk])).content.decode()

    assert "Ban Chỉ đạo xã Một" in page
    assert shows(page, OLD) == OLD
    assert shows(page, NEW + ["Ban Chỉ đạo phường Đông"]) == []
    assert shows(draft_page, NEW + ["Ban Chỉ đạo phường Đông"]) == NEW + ["Ban Chỉ đạo phường Đông"]


def test_history_of_an_issued_plan_does_not_change_when_the_organisation_does(
    committee, signer, issued
):
    before = plan_snapshot(issued)
    issued_event = issued.events.get(action="issued")

    rename(committee, signer)

    assert plan_snapshot(Plan.objects.get(pk=issued.pk)) == before
    assert issued_event.snapshot == before
    assert "Nguyễn Văn An" in before["Chữ ký"]


def test_a_plan_without_a_kept_header_prints_the_current_values(plans):
    """Plans published before the header was kept (or set up by hand) fall back to today's."""
    plan = plans["issued"]
    assert plan.issued_header == {}

    assert "BAN CHỈ ĐẠO XÃ MỘT" in plan_text(plan)


def test_data_migration_keeps_the_current_header_of_plans_issued_before(
    committee, boss, signer, plans
):
    fill = importlib.import_module("plans.migrations.0010_fill_issued_header")
    old = start(committee, boss, signer, "Kế hoạch ban hành trước đây")
    issue_for_tests(old, 9, date(2023, 5, 2))
    kept = {"issuer_name": "Tên cũ hơn", "issuer_kind": "committee", "parent_body_line": "",
            "signer_full_name": "", "signer_body_position": ""}  # fmt: skip
    Plan.objects.filter(pk=plans["province"].pk).update(issued_header=kept)

    fill.fill_issued_header(apps, None)

    assert Plan.objects.get(pk=old.pk).issued_header == {
        "issuer_name": "Ban Chỉ đạo xã Một",
        "issuer_kind": "committee",
        "parent_body_line": "UBND xã Một",
        "signer_full_name": "Nguyễn Văn An",
        "signer_body_position": "Phó Chủ tịch UBND xã Một",
    }
    assert Plan.objects.get(pk=plans["province"].pk).issued_header == kept
    assert Plan.objects.get(pk=plans["draft"].pk).issued_header == {}
    rename(committee, signer)
    assert shows(plan_text(old), OLD) == OLD
