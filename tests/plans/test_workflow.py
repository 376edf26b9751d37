"""The legal life of a plan: transitions, numbering, immutability, history, dispatch."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from campaign.tasks import send_mail_message
from orgs.models import Membership, Organisation
from orgs.services import grant_role
from plans import services, workflow
from plans.errors import PlanError
from plans.history import plan_snapshot
from plans.locks import header_version, section_version
from plans.models import Plan, PlanEvent
from plans.tasks import send_deadline_digests

from ..worker import run_queued_tasks

Status = Plan.Status
ACTIONS = ["submit", "return", "approve", "reopen", "issue", "revoke", "supersede"]
STATES = ["draft", "submitted", "returned", "approved", "issued", "revoked", "superseded"]
# persona → the workflow needs its role covers
ROLE_NEEDS = {
    "own_editor": {"edit"},
    "own_approver": {"approve", "issue"},
    "own_clerk": {"issue"},
    "own_viewer": set(),
    "province_editor": set(),
}


@pytest.fixture
def boss(tree, django_user_model):
    """One person holding every role at the commune committee, as in many communes (which
    then turn the separation of duties off)."""
    user = django_user_model.objects.create_user("boss", password="x", email="boss@xa.vn")
    committee = tree.orgs["committee_one"]
    committee.duty_separation = Organisation.DutySeparation.NONE
    committee.save(update_fields=["duty_separation"])
    for role in Membership.Role:
        grant_role(user, committee, role)
    return user


def new_plan(tree, by, summary="Kế hoạch thử"):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=by, year=2024, summary=summary)
    services.add_task(plan.sections.get(kind="tasks"), "Việc", leads=[tree.orgs["village_one"]])
    return plan


def plan_in_state(tree, boss, state, number=None):
    plan = new_plan(tree, boss)
    steps = {
        "draft": [],
        "submitted": ["submit"],
        "returned": ["submit", "return"],
        "approved": ["submit", "approve"],
        "issued": ["submit", "approve", "issue"],
        "revoked": ["submit", "approve", "issue", "revoke"],
        "superseded": ["submit", "approve", "issue", "supersede"],
    }[state]
    for step in steps:
        plan = act(plan, step, boss)
    if state == "superseded":
        for step in ["submit", "approve", "issue"]:
            act(plan, step, boss)
        plan = Plan.objects.get(pk=plan.supersedes_id)
    return Plan.objects.get(pk=plan.pk)


def act(plan, action, by):
    if action == "return":
        return workflow.return_plan(plan, by=by, comment="Sửa lại mục tiêu")
    if action == "revoke":
        return workflow.revoke_plan(plan, by=by, reason="Ban hành nhầm")
    if action == "supersede":
        return workflow.supersede_plan(plan, by=by)
    function = getattr(workflow, f"{action}_plan")
    return function(plan, by=by)


def outcome(plan, action, user):
    """What user's action does to plan: the status it leads to, or "refused" (the plan's
    status unchanged). Tried in a savepoint that is rolled back, so that every persona and
    action of a state starts from the same plan."""
    with transaction.atomic():
        try:
            result = act(plan, action, user)
        except PlanError:
            assert Plan.objects.get(pk=plan.pk).status == plan.status
            answer = "refused"
        else:
            if action == "supersede":
                assert result.supersedes_id == plan.pk
            else:
                assert plan.events.latest("at", "pk").by == user
            answer = result.status
        transaction.set_rollback(True)
    return answer


@pytest.mark.parametrize("state", STATES)
def test_transition_matrix(tree, boss, state):
    """Persona × action on a plan in state: the transition's target status where the state is
    one of its sources and the persona holds the role it needs, refused everywhere else."""
    plan = plan_in_state(tree, boss, state)
    expected, actual = {}, {}
    for persona in ROLE_NEEDS:
        for action in ACTIONS:
            sources, target, need = workflow.TRANSITIONS[action]
            allowed = state in sources and need in ROLE_NEEDS[persona]
            expected[persona, action] = (
                (Status.DRAFT if action == "supersede" else target) if allowed else "refused"
            )
            fresh = Plan.objects.get(pk=plan.pk)
            actual[persona, action] = outcome(fresh, action, tree.users[persona])
    assert actual == expected


def test_a_person_with_every_role_takes_the_plan_all_the_way(tree, boss):
    plan = plan_in_state(tree, boss, "issued")
    assert (plan.status, plan.number) == ("issued", 1)
    actions = list(plan.events.order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["created", "submitted", "approved", "issued"]


def test_returning_needs_a_comment(tree, boss):
    plan = plan_in_state(tree, boss, "submitted")
    with pytest.raises(PlanError, match="Cần ghi ý kiến"):
        workflow.return_plan(plan, by=boss, comment="  ")


def test_numbers_follow_the_register_of_the_year_and_restart_in_january(tree, boss):
    first = plan_in_state(tree, boss, "approved")
    second = plan_in_state(tree, boss, "approved")
    january = plan_in_state(tree, boss, "approved")
    workflow.issue_plan(first, by=boss, issued_on=date(2024, 3, 1))
    workflow.issue_plan(second, by=boss, issued_on=date(2024, 12, 30))
    workflow.issue_plan(january, by=boss, issued_on=date(2025, 1, 2))
    assert [Plan.objects.get(pk=p.pk).number for p in (first, second, january)] == [1, 2, 1]
    assert workflow.suggest_number(tree.orgs["committee_one"], 2024) == 3


def test_the_clerk_may_type_a_number_from_the_paper_register_but_not_a_taken_one(tree, boss):
    clerk = tree.users["own_clerk"]
    first = plan_in_state(tree, boss, "approved")
    second = plan_in_state(tree, boss, "approved")
    issued = workflow.issue_plan(first, by=clerk, number=34, issued_on=date(2024, 2, 5))
    assert issued.document_number == "Số: 34/KH-BCĐ"
    with pytest.raises(PlanError, match="đã được dùng. Số kế tiếp còn trống: 35"):
        workflow.issue_plan(second, by=clerk, number=34, issued_on=date(2024, 7, 1))
    assert Plan.objects.get(pk=second.pk).status == "approved"


def test_the_database_refuses_a_duplicate_number_even_past_the_services(tree, boss):
    first = plan_in_state(tree, boss, "issued")
    other = plan_in_state(tree, boss, "draft")
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=other.pk).update(number=first.number, issued_on=first.issued_on)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
def test_twenty_concurrent_issuances_get_twenty_distinct_numbers_without_gaps(tree, boss):
    plans = [plan_in_state(tree, boss, "approved") for _ in range(20)]
    numbers, errors, start = [], [], threading.Barrier(20)

    def issue(plan):
        try:
            start.wait()
            numbers.append(workflow.issue_plan(plan, by=boss).number)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 21))


# --- an issued plan cannot be changed -------------------------------------------------------


@pytest.fixture
def issued(tree, boss):
    return plan_in_state(tree, boss, "issued")


def section_of(plan, kind="tasks"):
    return plan.sections.get(kind=kind)


SERVICE_EDITS = {
    "update_plan": lambda p, u: services.update_plan(p, None, by=u),
    "save_tasks": lambda p, u: services.save_tasks(section_of(p), [{"content": "x"}], by=u),
    "save_targets": lambda p, u: services.save_targets(section_of(p, "targets"), [], by=u),
    "save_duties": lambda p, u: services.save_duties(section_of(p, "implementation"), [], by=u),
    "save_recipients": lambda p, u: services.save_recipients(p, [], by=u),
    "save_section": lambda p, u: services.save_section(section_of(p), None, by=u),
    "remove_section": lambda p, u: services.remove_section(section_of(p), by=u),
    "move_section": lambda p, u: services.move_section(section_of(p), 1, by=u),
    "editing": lambda p, u: workflow.editing(p, by=u).__enter__(),
}


@pytest.mark.parametrize("name", SERVICE_EDITS)
def test_no_service_changes_an_issued_plan(issued, boss, name):
    before = plan_snapshot(issued)
    with pytest.raises(PlanError, match="không thể sửa"):
        SERVICE_EDITS[name](issued, boss)
    assert plan_snapshot(Plan.objects.get(pk=issued.pk)) == before


def test_no_page_changes_an_issued_plan(client, boss, issued):
    client.force_login(boss)
    before = plan_snapshot(issued)
    section = section_of(issued)
    buttons = [
        (reverse("plans:section_add", args=[issued.pk]), {"kind": "free"}),
        (reverse("plans:section_move", args=[issued.pk, section.pk, "up"]), {}),
        (reverse("plans:section_delete", args=[issued.pk, section.pk]), {}),
    ]
    for url, data in buttons:
        response = client.post(url, data)
        assert response.status_code == 302
        assert response.url == reverse("plans:detail", args=[issued.pk])
    assert client.get(reverse("plans:edit", args=[issued.pk])).status_code == 302
    # A form opened before the plan was issued: refused, with what was typed still there.
    forms = [
        (reverse("plans:edit", args=[issued.pk]),
         {"summary": "Trích yếu đã gõ", "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
          "task_layout": "paragraphs", "archive_line": "Lưu: VT.", "version": header_version(issued),
          "recipients-TOTAL_FORMS": "0", "recipients-INITIAL_FORMS": "0"}),
        (reverse("plans:section", args=[issued.pk, section.pk]),
         {"section-title": "Tiêu đề đã gõ", "section-item_style": "numbered",
          "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0", "version": section_version(section)}),
    ]  # fmt: skip
    for url, data in forms:
        page = client.post(url, data).content.decode()
        assert "không thể sửa" in page
        assert "đã gõ" in page
    assert plan_snapshot(Plan.objects.get(pk=issued.pk)) == before


def test_the_admin_shows_an_issued_plan_read_only(admin_client, issued):
    url = reverse("admin:plans_plan_change", args=[issued.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="summary"' not in page
    admin_client.post(url, {"summary": "Đổi"})
    assert Plan.objects.get(pk=issued.pk).summary == issued.summary


def test_a_correction_is_a_new_version_that_supersedes_the_old_one(tree, boss, issued):
    version = workflow.supersede_plan(issued, by=boss)
    services.add_task(section_of(version), "Việc bổ sung")
    for step in ["submit", "approve", "issue"]:
        version = act(version, step, boss)
    old = Plan.objects.get(pk=issued.pk)
    assert (old.status, version.status) == ("superseded", "issued")
    assert version.supersedes == old and old.superseded_by == version
    assert version.number == 2
    with pytest.raises(PlanError):
        workflow.supersede_plan(old, by=boss)


def test_revocation_keeps_the_plan_visible_with_its_reason(client, tree, boss, issued):
    workflow.revoke_plan(issued, by=boss, reason="Ban hành nhầm đối tượng")
    client.force_login(tree.users["own_viewer"])
    page = client.get(reverse("plans:detail", args=[issued.pk])).content.decode()
    assert "Đã thu hồi" in page and "Ban hành nhầm đối tượng" in page


# --- history and lost updates ---------------------------------------------------------------


def edit_summary(client, plan, summary, version):
    return client.post(
        reverse("plans:edit", args=[plan.pk]),
        {"summary": summary, "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
         "task_layout": "paragraphs", "archive_line": "Lưu: VT.", "version": str(version),
         "recipients-TOTAL_FORMS": "0", "recipients-INITIAL_FORMS": "0"},
    )  # fmt: skip


def test_every_edit_is_recorded_with_what_changed(client, tree, boss):
    plan = new_plan(tree, boss, summary="Tiêu đề cũ")
    client.force_login(tree.users["own_editor"])
    assert edit_summary(client, plan, "Tiêu đề mới", header_version(plan)).status_code == 302

    event = plan.events.latest("at", "pk")
    assert (event.action, event.by) == ("edited", tree.users["own_editor"])
    assert ["Trích yếu", "Tiêu đề cũ", "Tiêu đề mới"] in event.changes
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Lịch sử" in page and "Tiêu đề cũ" in page and "Tiêu đề mới" in page


def test_the_second_of_two_concurrent_edits_is_refused_and_keeps_its_text(
    client, tree, boss, django_user_model
):
    plan = new_plan(tree, boss, summary="Gốc")
    loaded = header_version(plan)
    other = django_user_model.objects.create_user("other", password="x", first_name="Chị Hoa")
    grant_role(other, tree.orgs["committee_one"], Membership.Role.EDITOR)
    client.force_login(other)
    assert edit_summary(client, plan, "Bản của chị Hoa", loaded).status_code == 302

    client.force_login(tree.users["own_editor"])
    response = edit_summary(client, plan, "Bản của tôi <b>đậm</b>", loaded)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chị Hoa đã sửa kế hoạch này" in page
    assert "Bản của tôi &lt;b&gt;đậm&lt;/b&gt;" in page
    assert Plan.objects.get(pk=plan.pk).summary == "Bản của chị Hoa"


# --- dispatch: inbox, unit tasks, e-mail ----------------------------------------------------


def test_an_issued_plan_reaches_the_inbox_of_its_units_unread_then_read(client, tree, issued):
    client.force_login(tree.users["child_editor"])  # the village leads the plan's task
    page = client.get(reverse("plans:inbox")).content.decode()
    assert "Kế hoạch thử" in page and "Chưa đọc" in page
    client.get(reverse("plans:detail", args=[issued.pk]))
    assert "Đã đọc" in client.get(reverse("plans:inbox")).content.decode()


def test_unit_task_page_marks_overdue_and_soon_due_tasks(client, tree, boss):
    today = timezone.localdate()
    plan = services.start_plan(
        issuer=tree.orgs["committee_one"], by=boss, year=today.year, summary="Năm nay"
    )
    section, village = section_of(plan), tree.orgs["village_one"]
    late, soon = today - timedelta(days=3), today + timedelta(days=5)
    services.add_task(section, "Việc đã quá hạn", leads=[village], timeframe=f"{late:%d/%m/%Y}")
    services.add_task(section, "Việc sắp đến hạn", supports=[village], timeframe=f"{soon:%d/%m/%Y}")
    services.add_task(section, "Việc của thôn khác", leads=["Thôn khác"], timeframe="Cả năm")
    for step in ["submit", "approve", "issue"]:
        plan = act(plan, step, boss)

    client.force_login(tree.users["child_editor"])
    page = client.get(reverse("plans:unit_tasks", args=[village.pk])).content.decode()
    assert page.index("Việc đã quá hạn") < page.index("Quá hạn") < page.index("Việc sắp đến hạn")
    assert "Sắp đến hạn" in page and "Phối hợp" in page
    assert "Việc của thôn khác" not in page

    tree.users["child_editor"].email = "thon@xa.vn"
    tree.users["child_editor"].save()
    mail.outbox.clear()
    call_command("send_deadline_digest", today=today)
    run_queued_tasks(send_deadline_digests, send_mail_message)  # not the issuance's mail
    assert [m.to for m in mail.outbox] == [["thon@xa.vn"]]
    assert "Việc đã quá hạn" in mail.outbox[0].body and "QUÁ HẠN" in mail.outbox[0].body


def test_the_right_people_are_told_at_each_step(tree, boss):
    for persona in ("own_editor", "own_approver", "own_clerk", "child_editor"):
        tree.users[persona].email = f"{persona}@xa.vn"
        tree.users[persona].save()
    plan = new_plan(tree, boss)
    sent = {}
    for step in ["submit", "return", "submit", "approve", "issue"]:
        mail.outbox.clear()
        plan = act(plan, step, boss)
        run_queued_tasks()
        sent.setdefault(step, []).append(sorted(a for m in mail.outbox for a in m.to))
    assert sent["submit"][0] == ["own_approver@xa.vn"]
    assert sent["return"] == [["own_editor@xa.vn"]]
    assert sent["approve"] == [["own_clerk@xa.vn", "own_editor@xa.vn"]]
    assert sent["issue"] == [["child_editor@xa.vn", "own_editor@xa.vn"]]


def test_history_entries_say_who_did_what_with_the_comment(tree, boss):
    plan = plan_in_state(tree, boss, "returned")
    event = plan.events.get(action=PlanEvent.Action.RETURNED)
    assert (event.by, event.comment, event.from_status, event.to_status) == (
        boss, "Sửa lại mục tiêu", "submitted", "returned",
    )  # fmt: skip


# --- separation of duties ------------------------------------------------------------------


@pytest.fixture
def separated(tree):
    """committee_one as a unit leaves it (the default): its own_editor also holds the clerk
    role, so nothing but the separation of duties stops her from issuing her own text."""
    committee = tree.orgs["committee_one"]
    assert committee.duty_separation == Organisation.DutySeparation.ISSUE
    grant_role(tree.users["own_editor"], committee, Membership.Role.CLERK)
    plan = new_plan(tree, tree.users["own_editor"])
    act(plan, "submit", tree.users["own_editor"])
    return act(plan, "approve", tree.users["own_approver"])


def test_by_default_the_last_editor_cannot_issue_her_own_plan(tree, separated):
    editor = tree.users["own_editor"]
    assert "issue" not in workflow.allowed_actions(editor, separated)
    with pytest.raises(PlanError, match="người ban hành khác người soạn thảo cuối cùng"):
        act(separated, "issue", editor)
    assert Plan.objects.get(pk=separated.pk).status == Status.APPROVED


def test_another_clerk_issues_what_the_editor_wrote(tree, separated):
    clerk = tree.users["own_clerk"]
    assert "issue" in workflow.allowed_actions(clerk, separated)
    assert act(separated, "issue", clerk).status == Status.ISSUED


def test_the_clerk_who_edited_last_may_not_issue_but_the_first_writer_then_may(tree, separated):
    clerk = tree.users["own_clerk"]
    grant_role(clerk, tree.orgs["committee_one"], Membership.Role.EDITOR)
    plan = act(separated, "reopen", tree.users["own_approver"])
    with workflow.editing(plan, by=clerk) as locked:
        services.add_task(locked.sections.get(kind="tasks"), "Việc thêm của văn thư")
    plan = act(plan, "submit", clerk)
    plan = act(plan, "approve", tree.users["own_approver"])
    with pytest.raises(PlanError):
        act(plan, "issue", clerk)
    assert act(plan, "issue", tree.users["own_editor"]).status == Status.ISSUED


def test_a_unit_may_also_forbid_the_last_editor_to_approve(tree):
    committee = tree.orgs["committee_one"]
    committee.duty_separation = Organisation.DutySeparation.APPROVE_AND_ISSUE
    committee.save()
    author = tree.users["own_approver"]
    grant_role(author, committee, Membership.Role.EDITOR)
    plan = act(new_plan(tree, author), "submit", author)
    assert "approve" not in workflow.allowed_actions(author, plan)
    with pytest.raises(PlanError, match="người phê duyệt khác người soạn thảo cuối cùng"):
        act(plan, "approve", author)
    # returning is not approving: the author's fellow approver may still send it back
    assert "return" in workflow.allowed_actions(author, plan)


def test_a_unit_without_separation_lets_one_person_take_the_plan_all_the_way(tree, boss):
    assert tree.orgs["committee_one"].duty_separation == "none"  # the boss fixture's choice
    assert plan_in_state(tree, boss, "issued").status == Status.ISSUED
