"""The admin never goes around the workflow: a published plan and every part of it are
read-only there, and no plan's status, number or date is set there."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from plans import services, workflow
from plans.admin import WORKFLOW_FIELDS
from plans.models import (
    Plan,
    Recipient,
    Reference,
    ReportingRule,
    Responsibility,
    Section,
    Signature,
    Target,
    Task,
    TaskUnit,
)

PARTS = [Section, Task, Target, Responsibility, ReportingRule, Recipient, Signature, Reference]
# Hidden inputs of Django's forms that carry no data of the plan.
BOOKKEEPING = ("csrfmiddlewaretoken", "TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS",
               "MAX_NUM_FORMS", "_selected_action", "action", "select_across", "index")  # fmt: skip


class FormReader(HTMLParser):
    """The fields of an admin change form as a browser would send them, and which are shown
    as something a person can type into or choose."""

    def __init__(self):
        super().__init__()
        self.data, self.visible = {}, set()
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind not in ("hidden", "submit", "button"):
                self.visible.add(name)
            if kind == "checkbox":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button"):
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.visible.add(name)
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self.visible.add(name)
            self._select = name
            self.data[name] = [] if "multiple" in attrs else ""
        elif tag == "option" and self._select and "selected" in attrs:
            if isinstance(self.data[self._select], list):
                self.data[self._select].append(attrs.get("value", ""))
            else:
                self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


def read_form(response):
    reader = FormReader()
    reader.feed(response.content.decode())
    return reader


def errors(response):
    """The error lists of an admin form page, to read a failure."""
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>.*?</ul>', response.content.decode(), re.S)


def editable(response):
    """Names of inputs a person could change on the page, but search and list controls."""
    return {
        name for name in read_form(response).visible
        if not name.endswith(BOOKKEEPING) and name not in ("q", "action")
    }  # fmt: skip


def full_plan(tree, by, summary):
    """A draft of the commune committee with a row of every kind of part."""
    o = tree.orgs
    plan = services.start_plan(issuer=o["committee_one"], by=by, year=2024, summary=summary)
    services.add_target(plan.sections.get(kind="targets"), "Tỷ lệ gia đình văn hóa", value=86,
                        unit="%")  # fmt: skip
    task = services.add_task(
        plan.sections.get(kind="tasks"), "Tuyên truyền", leads=[o["village_one"]],
        timeframe="Quý I",
    )  # fmt: skip
    services.add_task(task.section, "Treo băng rôn", parent=task)
    services.add_duty(plan.sections.get(kind="implementation"), o["village_one"], "Triển khai.")
    ReportingRule.objects.create(plan=plan, period="half_year", due_day=10, due_month=6)
    services.add_recipient(plan, o["village_one"])
    Signature.objects.create(
        plan=plan, role="co_issuer", organisation=o["government_one"], symbol="UBND"
    )
    plan.bases = "Căn cứ Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A;"
    plan.save()
    services.sync_references(plan)
    return plan


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.vn", "x")
    client.force_login(user)
    return client


@pytest.fixture
def issued(tree, boss):
    plan = full_plan(tree, boss, "Kế hoạch đã ban hành")
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=boss)
    return workflow.issue_plan(plan, by=boss, number=7, issued_on=date(2024, 3, 1))


@pytest.fixture
def draft(tree, boss):
    return full_plan(tree, boss, "Dự thảo")


def rows_of(plan):
    """Everything the admin could touch of plan, as comparable values."""
    fresh = Plan.objects.get(pk=plan.pk)
    state = {
        field.name: getattr(fresh, field.attname)
        for field in Plan._meta.concrete_fields
        if field.name != "updated_at"
    }
    state["movements"] = sorted(fresh.movements.values_list("pk", flat=True))
    sections = Section.objects.filter(plan=plan)
    for model, rows in [
        (Section, sections),
        (Task, Task.objects.filter(section__plan=plan)),
        (Target, Target.objects.filter(section__plan=plan)),
        (Responsibility, Responsibility.objects.filter(section__plan=plan)),
        (ReportingRule, ReportingRule.objects.filter(plan=plan)),
        (Recipient, Recipient.objects.filter(plan=plan)),
        (Signature, Signature.objects.filter(plan=plan)),
        (Reference, Reference.objects.filter(plan=plan)),
        (TaskUnit, TaskUnit.objects.filter(task__section__plan=plan)),
    ]:
        state[model.__name__] = sorted(rows.order_by("pk").values_list())
    return state


def part_of(plan, model):
    if model in (Section, ReportingRule, Recipient, Signature, Reference):
        return model.objects.filter(plan=plan).order_by("pk").first()
    return model.objects.filter(section__plan=plan).order_by("pk").first()


def url(model, view, *args):
    return reverse(f"admin:plans_{model._meta.model_name}_{view}", args=args)


# --- a published plan is read-only ---------------------------------------------------------


def test_issued_plan_change_page_shows_no_editable_field_nor_inline_row(admin_client, issued):
    response = admin_client.get(url(Plan, "change", issued.pk))

    assert response.status_code == 200
    assert editable(response) == set()
    page = response.content.decode()
    assert url(Plan, "delete", issued.pk) not in page
    assert issued.summary in page  # shown, as text


@pytest.mark.parametrize("model", PARTS, ids=lambda m: m.__name__)
def test_every_part_of_an_issued_plan_is_shown_read_only(admin_client, issued, model):
    part = part_of(issued, model)

    response = admin_client.get(url(model, "change", part.pk))

    assert response.status_code == 200
    assert editable(response) == set()
    assert url(model, "delete", part.pk) not in response.content.decode()


def draft_form(admin_client, plan):
    """The change form of a draft as the browser would send it back unchanged."""
    response = admin_client.get(url(Plan, "change", plan.pk))
    data = read_form(response).data
    assert "summary" in data
    return data


def test_changing_a_field_of_an_issued_plan_is_refused(admin_client, draft, issued):
    data = draft_form(admin_client, draft)  # a well-formed form, aimed at the issued plan
    data["summary"] = "Trích yếu sửa qua trang quản trị"
    before = rows_of(issued)

    response = admin_client.post(url(Plan, "change", issued.pk), data)

    assert response.status_code == 403
    assert rows_of(issued) == before


def issued_plan_post(issued, **changes):
    """A change form for issued with its inline management forms, as Django renders them."""
    data = {"summary": issued.summary, "_save": "Lưu"}
    for prefix, rows in [
        ("sections", issued.sections.all()),
        ("recipients", issued.recipients.all()),
        ("reporting_rules", issued.reporting_rules.all()),
    ]:
        rows = list(rows)
        data |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                 f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip
        for number, row in enumerate(rows):
            data[f"{prefix}-{number}-id"] = row.pk
            data[f"{prefix}-{number}-plan"] = issued.pk
    data.update(changes)
    return data


def test_adding_an_inline_row_to_an_issued_plan_is_refused(admin_client, issued):
    count = issued.sections.count()
    data = issued_plan_post(
        issued,
        **{"sections-TOTAL_FORMS": count + 1, f"sections-{count}-order": 9,
           f"sections-{count}-kind": "free", f"sections-{count}-title": "PHẦN THÊM",
           f"sections-{count}-item_style": "numbered"},
    )  # fmt: skip
    before = rows_of(issued)

    response = admin_client.post(url(Plan, "change", issued.pk), data)

    assert response.status_code == 403
    assert rows_of(issued) == before


def test_deleting_an_inline_row_of_an_issued_plan_is_refused(admin_client, issued):
    data = issued_plan_post(issued, **{"sections-0-DELETE": "on", "recipients-0-DELETE": "on"})
    before = rows_of(issued)

    response = admin_client.post(url(Plan, "change", issued.pk), data)

    assert response.status_code == 403
    assert rows_of(issued) == before


def test_deleting_an_issued_plan_is_refused(admin_client, issued):
    before = rows_of(issued)

    response = admin_client.post(url(Plan, "delete", issued.pk), {"post": "yes"})

    assert response.status_code == 403
    assert rows_of(issued) == before


def test_bulk_delete_of_an_issued_plan_with_a_draft_is_refused(admin_client, issued, draft):
    data = {"action": "delete_selected", "_selected_action": [issued.pk, draft.pk], "post": "yes"}

    response = admin_client.post(url(Plan, "changelist"), data)

    assert response.status_code == 403
    assert Plan.objects.filter(pk__in=[issued.pk, draft.pk]).count() == 2


def test_no_admin_action_changes_the_status_of_a_plan(admin_client, rf, issued):
    request = rf.get("/")
    request.user = admin_client.get(url(Plan, "changelist")).wsgi_request.user
    actions = site.get_model_admin(Plan).get_actions(request)
    assert actions  # delete_selected at least: the loop below is not empty
    before = rows_of(issued)

    for name in actions:
        data = {"action": name, "_selected_action": [issued.pk], "post": "yes"}
        admin_client.post(url(Plan, "changelist"), data)

    assert rows_of(issued) == before


@pytest.mark.parametrize("model", PARTS, ids=lambda m: m.__name__)
def test_changing_a_part_of_an_issued_plan_is_refused(admin_client, issued, model):
    part = part_of(issued, model)
    data = {field.name: getattr(part, field.attname) for field in model._meta.concrete_fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data |= {"order": 42, "title": "SỬA", "content": "Sửa", "label": "Sửa", "body": "Sửa",
             "due_day": 1, "note": "(sửa)"}  # fmt: skip
    before = rows_of(issued)

    response = admin_client.post(url(model, "change", part.pk), data)

    assert response.status_code == 403
    assert rows_of(issued) == before


@pytest.mark.parametrize("model", PARTS, ids=lambda m: m.__name__)
def test_deleting_a_part_of_an_issued_plan_is_refused(admin_client, issued, model):
    part = part_of(issued, model)
    before = rows_of(issued)

    single = admin_client.post(url(model, "delete", part.pk), {"post": "yes"})
    bulk = admin_client.post(
        url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [part.pk], "post": "yes"},
    )

    assert single.status_code == 403
    assert bulk.status_code == 403
    assert rows_of(issued) == before


ADD_ROWS = {
    Section: lambda plan: {"plan": plan.pk, "order": 9, "kind": "free", "title": "PHẦN THÊM",
                           "item_style": "numbered"},
    Task: lambda plan: {"section": plan.sections.get(kind="tasks").pk, "order": 9,
                        "content": "Việc thêm", "units-TOTAL_FORMS": 0, "units-INITIAL_FORMS": 0},
    Target: lambda plan: {"section": plan.sections.get(kind="targets").pk, "order": 9,
                          "label": "Chỉ tiêu thêm", "comparator": "at_least"},
    Responsibility: lambda plan: {"section": plan.sections.get(kind="implementation").pk,
                                  "order": 9, "unit_text": "Thôn thêm", "body": "Thêm."},
    ReportingRule: lambda plan: {"plan": plan.pk, "period": "yearly", "due_day": 5,
                                 "due_month": 12, "reporters": "leads", "order": 9},
    Recipient: lambda plan: {"plan": plan.pk, "kind": "recipient", "order": 9,
                             "text": "Nơi nhận thêm"},
    Signature: lambda plan: {"plan": plan.pk, "role": "endorsement", "order": 9,
                             "heading": "XÁC NHẬN CỦA UBND XÃ"},
    Reference: lambda plan: {"plan": plan.pk, "order": 9, "text": "Căn cứ tình hình thực tế."},
}  # fmt: skip


@pytest.mark.parametrize("model", PARTS, ids=lambda m: m.__name__)
def test_adding_a_part_to_an_issued_plan_is_refused(admin_client, issued, draft, model):
    before = rows_of(issued)

    refused = admin_client.post(url(model, "add"), ADD_ROWS[model](issued))
    accepted = admin_client.post(url(model, "add"), ADD_ROWS[model](draft))

    assert refused.status_code == 200  # the form again, with the reason
    assert "Kế hoạch đã ban hành không thể sửa" in refused.content.decode()
    assert rows_of(issued) == before
    assert accepted.status_code == 302  # the same row is fine in a draft
    assert part_of(draft, model).__class__.objects.count() > 0


def test_a_draft_task_cannot_be_hung_under_a_task_of_an_issued_plan(admin_client, issued, draft):
    task = Task.objects.filter(section__plan=draft, parent=None).first()
    published_task = Task.objects.filter(section__plan=issued, parent=None).first()
    data = {"section": task.section_id, "parent": published_task.pk, "order": 1,
            "content": task.content, "units-TOTAL_FORMS": 0, "units-INITIAL_FORMS": 0}  # fmt: skip
    before = rows_of(issued)

    response = admin_client.post(url(Task, "change", task.pk), data)

    assert response.status_code == 200
    assert Task.objects.get(pk=task.pk).parent_id is None
    assert rows_of(issued) == before


def test_a_task_unit_of_an_issued_plan_cannot_be_added_through_its_task(admin_client, issued):
    task = Task.objects.filter(section__plan=issued, parent=None).first()
    unit = task.units.get()
    data = {"section": task.section_id, "order": task.order, "content": task.content,
            "units-TOTAL_FORMS": 2, "units-INITIAL_FORMS": 1, "units-0-id": unit.pk,
            "units-0-task": task.pk, "units-0-role": "lead", "units-0-text": unit.text,
            "units-0-organisation": unit.organisation_id, "units-0-DELETE": "on",
            "units-1-task": task.pk, "units-1-role": "support",
            "units-1-text": "Đơn vị thêm"}  # fmt: skip
    before = rows_of(issued)

    response = admin_client.post(url(Task, "change", task.pk), data)

    assert response.status_code == 403
    assert rows_of(issued) == before


# --- status, number and date belong to the workflow -----------------------------------------


def test_workflow_fields_are_read_only_for_every_plan(admin_client, draft):
    response = admin_client.get(url(Plan, "change", draft.pk))
    add = admin_client.get(url(Plan, "add"))

    for page in (response, add):
        assert not set(WORKFLOW_FIELDS) & editable(page)
    assert {"summary", "sections-0-title", "recipients-0-text"} <= editable(response)


def test_a_draft_stays_editable_but_its_status_and_number_cannot_be_set(admin_client, draft):
    data = draft_form(admin_client, draft)
    data |= {"summary": "Dự thảo sửa qua trang quản trị", "status": "issued", "number": "12",
             "issued_on": "2024-03-01", "sections-0-title": "MỤC ĐÍCH"}  # fmt: skip

    response = admin_client.post(url(Plan, "change", draft.pk), data)

    assert response.status_code == 302, errors(response)
    draft = Plan.objects.get(pk=draft.pk)
    assert draft.summary == "Dự thảo sửa qua trang quản trị"
    assert draft.sections.order_by("order", "pk").first().title == "MỤC ĐÍCH"
    assert (draft.status, draft.number, draft.issued_on) == ("draft", None, None)


def test_a_plan_added_in_the_admin_is_a_draft_whatever_is_posted(admin_client, draft):
    data = draft_form(admin_client, draft)
    data = {name: value for name, value in data.items() if not name.endswith("-id")}
    for prefix in ("sections", "recipients", "signatures", "references", "reporting_rules"):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = 0
    data |= {"summary": "Kế hoạch thêm qua trang quản trị", "status": "issued", "number": "5",
             "issued_on": "2024-03-01"}  # fmt: skip

    response = admin_client.post(url(Plan, "add"), data)

    assert response.status_code == 302, errors(response)
    added = Plan.objects.get(summary="Kế hoạch thêm qua trang quản trị")
    assert (added.status, added.number, added.issued_on) == ("draft", None, None)
    assert [r.text for r in added.references.all()] == [added.bases]  # they follow the bases
