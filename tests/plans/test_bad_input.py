"""Bad input never reaches a 500 (issue 12, item 5): each test is an attack that once failed,
on plans, their admin and their downloads."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from documents.files import file_name
from plans import services, workflow
from plans.models import Plan, Recipient, ReportingRule, Task

from .test_admin import errors, full_plan, read_form, url


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.vn", "x")
    client.force_login(user)
    return client


@pytest.fixture
def approved(tree):
    """A plan of the commune committee written by its editor and approved by its approver,
    waiting for the clerk."""
    o, u = tree.orgs, tree.users
    plan = services.start_plan(
        issuer=o["committee_one"], by=u["own_editor"], year=2024, summary="Kế hoạch xã Một"
    )
    plan = workflow.submit_plan(plan, by=u["own_editor"])
    return workflow.approve_plan(plan, by=u["own_approver"])


def issue(client, tree, plan, **data):
    client.force_login(tree.users["own_clerk"])
    response = client.post(reverse("plans:transition", args=[plan.pk, "issue"]), data)
    return response, [str(m) for m in get_messages(response.wsgi_request)]


# --- issuance -------------------------------------------------------------------------------


def test_a_number_of_11_digits_at_issuance_is_refused_with_a_message(client, tree, approved):
    response, messages = issue(client, tree, approved, number="99999999999",
                               issued_on=timezone.localdate().isoformat())  # fmt: skip

    assert response.status_code == 302
    assert messages == ["Chưa ban hành: Số văn bản phải từ 1 đến 99.999."]
    assert Plan.objects.get(pk=approved.pk).status == "approved"


def test_an_issue_date_of_31_12_9999_is_refused_with_a_message(client, tree, approved):
    response, messages = issue(client, tree, approved, number="1", issued_on="9999-12-31")

    assert response.status_code == 302
    assert messages[0].startswith("Chưa ban hành: Ngày phải trong khoảng từ năm 1945")
    assert Plan.objects.get(pk=approved.pk).status == "approved"


def test_an_issue_date_more_than_a_year_ahead_is_refused(client, tree, approved):
    later = timezone.localdate() + timedelta(days=400)

    _response, messages = issue(client, tree, approved, number="1", issued_on=later.isoformat())

    assert "quá một năm kể từ hôm nay" in messages[0]
    assert Plan.objects.get(pk=approved.pk).status == "approved"


def test_the_issuing_service_refuses_what_the_form_would(tree, approved):
    clerk = tree.users["own_clerk"]

    with pytest.raises(workflow.PlanError, match="từ 1 đến 99.999"):
        workflow.issue_plan(approved, by=clerk, number=100_000, issued_on=date(2024, 3, 1))
    with pytest.raises(workflow.PlanError, match="Ngày phải trong khoảng"):
        workflow.issue_plan(approved, by=clerk, number=1, issued_on=date(2101, 1, 1))
    assert Plan.objects.get(pk=approved.pk).status == "approved"


# --- the plan's form ------------------------------------------------------------------------


def test_year_20226_is_refused_when_a_plan_is_started(client, tree):
    client.force_login(tree.users["own_editor"])
    data = {"issuer": tree.orgs["committee_one"].pk, "summary": "Kế hoạch năm sau",
            "year": "20226", "task_layout": "paragraphs"}  # fmt: skip

    response = client.post(reverse("plans:create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["year"] == ["Năm phải từ 1945 đến 2100."]
    assert not Plan.objects.filter(summary="Kế hoạch năm sau").exists()


def plan_form_data(client, plan):
    """The plan's edit form as the browser sends it back unchanged."""
    data = read_form(client.get(reverse("plans:edit", args=[plan.pk]))).data
    assert "symbol" in data
    return data


def test_a_symbol_with_a_line_break_is_refused_next_to_the_field(client, tree):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary="Dự thảo")  # fmt: skip
    client.force_login(tree.users["own_editor"])
    data = plan_form_data(client, plan) | {"symbol": "KH-BCĐ\r\nContent-Type: text/html"}

    response = client.post(reverse("plans:edit", args=[plan.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["symbol"] == ["Chỉ được nhập trên một dòng."]
    assert "Content-Type: text/html" in response.content.decode()  # what she typed is kept
    assert Plan.objects.get(pk=plan.pk).symbol == "KH-BCĐ"


@pytest.mark.parametrize(("field", "text"), [("summary", "Kế hoạch\x00"), ("opening", "Mở\x1b[31m"),
                                             ("place", "Một\tHai"), ("archive_line", "Lưu\x07")])  # fmt: skip
def test_a_control_character_in_a_plan_field_is_refused_in_vietnamese(client, tree, field, text):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary="Dự thảo")  # fmt: skip
    client.force_login(tree.users["own_editor"])
    data = plan_form_data(client, plan) | {field: text}

    response = client.post(reverse("plans:edit", args=[plan.pk]), data)

    assert response.status_code == 200
    [message] = response.context["form"].errors[field]
    assert message.startswith(("Không được chứa ký tự rỗng", "Có ký tự điều khiển", "Chỉ được"))


def test_tab_and_line_breaks_stay_allowed_in_multi_line_fields(client, tree):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary="Dự thảo")  # fmt: skip
    client.force_login(tree.users["own_editor"])
    data = plan_form_data(client, plan) | {"bases": "Căn cứ 1;\r\n\tCăn cứ 2."}

    response = client.post(reverse("plans:edit", args=[plan.pk]), data)

    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).bases == "Căn cứ 1;\r\n\tCăn cứ 2."


def test_a_null_byte_in_a_task_row_is_refused_next_to_the_row(client, tree):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary="Dự thảo")  # fmt: skip
    section = plan.sections.get(kind="tasks")
    client.force_login(tree.users["own_editor"])
    page = client.get(reverse("plans:section", args=[plan.pk, section.pk]))
    data = read_form(page).data | {"items-TOTAL_FORMS": "1", "items-0-content": "Tuyên\x00truyền",
                                   "items-0-timeframe": "Quý I", "items-0-ORDER": "1"}  # fmt: skip

    response = client.post(reverse("plans:section", args=[plan.pk, section.pk]), data)

    assert response.status_code == 200
    assert "Không được chứa ký tự rỗng" in response.content.decode()
    assert not Task.objects.filter(section=section).exists()


# --- database constraints -------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [{"year": 20226}, {"year": 1900}, {"end_year": 2101}, {"symbol": "KH-BCĐ\nX"},
     {"planned_month": 13}],
    ids=lambda change: next(iter(change)),
)  # fmt: skip
def test_the_database_refuses_a_plan_out_of_range(tree, change):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary="Dự thảo")  # fmt: skip

    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(**change)


@pytest.mark.parametrize("change", [{"number": 100_000, "issued_on": date(2024, 1, 1)},
                                    {"number": 1, "issued_on": date(9999, 12, 31)}])  # fmt: skip
def test_the_database_refuses_an_issued_number_or_date_out_of_range(tree, approved, change):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=approved.pk).update(**change)


def test_the_database_refuses_a_task_dated_in_year_9999(tree):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary="Dự thảo")  # fmt: skip
    task = services.add_task(plan.sections.get(kind="tasks"), "Tuyên truyền")

    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(ends_on=date(9999, 12, 31))


# --- the admin ------------------------------------------------------------------------------


def test_a_reporting_rule_with_due_month_40000_is_refused_in_the_admin(admin_client, tree, boss):
    plan = full_plan(tree, boss, "Dự thảo")
    data = {"plan": plan.pk, "period": "yearly", "due_day": "5", "due_month": "40000",
            "reporters": "leads", "report_to": ""}  # fmt: skip

    response = admin_client.post(url(ReportingRule, "add"), data)

    assert response.status_code == 200
    assert "Tháng phải từ 1 đến 12." in " ".join(errors(response))
    assert not ReportingRule.objects.filter(plan=plan, period="yearly").exists()


def test_a_reporting_rule_due_on_31_february_is_refused_in_the_admin(admin_client, tree, boss):
    plan = full_plan(tree, boss, "Dự thảo")
    data = {"plan": plan.pk, "period": "yearly", "due_day": "31", "due_month": "2",
            "reporters": "leads"}  # fmt: skip

    response = admin_client.post(url(ReportingRule, "add"), data)

    assert response.status_code == 200
    assert "Tháng 2 không có ngày 31." in " ".join(errors(response))


def test_a_recipient_with_neither_text_nor_unit_is_refused_in_the_admin(admin_client, tree, boss):
    plan = full_plan(tree, boss, "Dự thảo")
    before = Recipient.objects.count()

    response = admin_client.post(
        url(Recipient, "add"), {"plan": plan.pk, "kind": "recipient", "order": "1", "text": ""}
    )

    assert response.status_code == 200
    assert errors(response)
    assert Recipient.objects.count() == before


ADMIN_AUTOCOMPLETE_FORMS = [
    ("plans", "plan", "add", "issuer"),
    ("plans", "plan", "add", "parent_plan"),
    ("plans", "plan", "add", "signer"),
    ("plans", "reportingrule", "add", "report_to"),
    ("plans", "reportingrule", "add", "named_units"),
    ("plans", "recipient", "add", "organisation"),
    ("plans", "responsibility", "add", "organisation"),
    ("orgs", "membership", "add", "organisation"),
    ("orgs", "membership", "add", "user"),
    ("orgs", "person", "add", "organisation"),
    ("orgs", "committeemember", "add", "committee"),
    ("orgs", "committeemember", "add", "person"),
    ("orgs", "committeemember", "add", "member_body"),
]


@pytest.mark.parametrize(("app", "model", "view", "field"), ADMIN_AUTOCOMPLETE_FORMS)
@pytest.mark.parametrize("value", ["abc", "a\x00b", "99999999999999999999999", "1e5"])
def test_a_unit_picker_given_text_instead_of_an_id_answers_the_form_not_a_500(
    admin_client, tree, app, model, view, field, value
):
    address = reverse(f"admin:{app}_{model}_{view}")
    data = read_form(admin_client.get(address)).data | {field: value}

    response = admin_client.post(address, data)

    assert response.status_code == 200
    assert errors(response)  # the form again, with what is wrong


def test_the_plan_admin_inline_unit_picker_given_text_answers_the_form(admin_client, tree, boss):
    plan = full_plan(tree, boss, "Dự thảo")
    address = url(Plan, "change", plan.pk)
    data = read_form(admin_client.get(address)).data
    data |= {"recipients-0-organisation": "abc", "reporting_rules-0-report_to": "x\x00"}

    response = admin_client.post(address, data)

    assert response.status_code == 200
    assert errors(response)


@pytest.mark.parametrize("text", ["Dự\x00thảo", "Dự\x1bthảo"])
def test_a_control_character_in_an_admin_text_field_is_refused_in_vietnamese(
    admin_client, tree, boss, text
):
    plan = full_plan(tree, boss, "Dự thảo")
    address = url(Plan, "change", plan.pk)
    data = read_form(admin_client.get(address)).data | {"summary": text}

    response = admin_client.post(address, data)

    assert response.status_code == 200
    assert re.search("Không được chứa ký tự rỗng|Có ký tự điều khiển", " ".join(errors(response)))
    assert Plan.objects.get(pk=plan.pk).summary == "Dự thảo"


# --- download names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parts",
    [["KH", "1", "BCĐ\r\nSet-Cookie: a=1", "2024"], ['KH "34"', "BCĐ", "2024"],
     ["KH", "../../etc/passwd", "2024"], ["KH", "a\\b:c*d?e|f<g>h", "2024"],
     ["KH", "BCĐ\x00\x1b\x7f", "2024"], ["KH", "Đ" * 1000, "2024"], ["\u202e", "\x00"], []],
    ids=["line-break", "quotes", "slashes", "windows", "control", "very-long", "nothing", "none"],
)  # fmt: skip
def test_a_download_name_is_valid_whatever_the_plan_or_unit_text_holds(parts):
    name = file_name(parts, "pdf")
    header = name.content_disposition()

    assert re.fullmatch(r"[A-Za-z0-9._()-]{1,124}\.pdf", name.ascii)
    assert not re.search(r'[\x00-\x1f\x7f/\\:*?"<>|]', name.unicode)
    assert len(name.unicode) <= 124 and not name.unicode.startswith(".")
    assert header.isprintable() and header.isascii()
    assert header.count('"') == 2


def test_a_plan_download_of_a_unit_whose_name_holds_a_line_break_has_a_valid_header(
    client, tree, boss
):
    plan = full_plan(tree, boss, "Dự thảo")
    # As imported before this issue: the symbol of the plan comes from the typed text.
    Plan.objects.filter(pk=plan.pk).update(symbol='KH-BCĐ (xã) "Một"/A')
    client.force_login(boss)

    response = client.get(reverse("plans:download_docx", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="KH-BCD-(xa)-Mot-A-2024-du-thao.docx"'
    )


def test_a_return_comment_with_a_null_byte_is_refused_not_dropped(client, tree):
    o, u = tree.orgs, tree.users
    plan = services.start_plan(issuer=o["committee_one"], by=u["own_editor"], year=2024,
                               summary="Kế hoạch xã Một")  # fmt: skip
    plan = workflow.submit_plan(plan, by=u["own_editor"])
    client.force_login(u["own_approver"])

    response = client.post(reverse("plans:transition", args=[plan.pk, "return"]),
                           {"comment": "Sửa lại\x00mục tiêu"})  # fmt: skip

    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert response.status_code == 302 and shown[0].startswith("Chưa thực hiện: ý kiến")
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED
