"""The demo data of `make run` (manage.py loaddemo) lets every persona of the follow-up loop try
its journey right after set-up (issue 11, acceptance): a province committee, a commune committee
with its member bodies and villages, a plan expecting the villages' quarterly reports, some sent.

The demo is loaded once for the module, in a transaction rolled back at its end; each test runs
in a savepoint inside it."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from orgs.demo import DEMO_PASSWORD, LOOP_LOGINS
from orgs.models import Membership, Organisation
from plans.demo import COMMUNE_SUMMARY, PROVINCE_SUMMARY
from plans.models import Plan, PlanEvent, ReportingRule
from plans.reuse import start_implementing_plan
from reports.models import Report, ReportEvent

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_LINE = re.compile(r"^ {4}(\S+) ", re.MULTILINE)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The output of `manage.py loaddemo`, run once; its data is there for every test here."""
    fast = override_settings(PASSWORD_HASHERS=FAST_HASHER)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        out = StringIO()
        call_command("loaddemo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo_loop(loaded, db):
    return loaded


def login_of(username):
    return get_user_model().objects.get(username=username)


def home_todo(client, username):
    client.force_login(login_of(username))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["todo"]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, Membership, Plan, PlanEvent, ReportingRule, Report, ReportEvent)
    } | {"users": get_user_model().objects.count()}


def test_loading_the_demo_again_adds_nothing(demo_loop):
    before = counts()
    call_command("loaddemo", stdout=StringIO())
    assert counts() == before
    assert before["Report"] == (6 + 1) * 4  # six villages to the commune, it to the province


def test_a_plan_a_demo_user_starts_from_the_province_plan_leaves_the_loader_as_it_was(demo_loop):
    province = Plan.objects.get(summary=PROVINCE_SUMMARY)
    committee = Organisation.objects.get(name__endswith="xã Tân Uyên", kind="committee")
    draft = start_implementing_plan(province, issuer=committee, by=login_of("xa-editor"))
    before = counts()
    call_command("loaddemo", stdout=StringIO())
    assert counts() == before
    assert not draft.reports.exists()


def test_every_printed_login_can_log_in(demo_loop, client):
    usernames = LOGIN_LINE.findall(demo_loop)
    for expected in ["tinh-editor", "tinh-approver", "tinh-clerk", "xa-editor", "xa-approver",
                     "xa-clerk", "xa-viewer", "mttq-xa", "thon1", "thon6", "quyetthang-editor",
                     "admin"]:  # fmt: skip
        assert expected in usernames
    assert f"mật khẩu chung: {DEMO_PASSWORD}" in demo_loop
    for username in usernames:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()


def test_logins_are_printed_under_their_persona(demo_loop):
    villages = demo_loop.split("trưởng thôn")[1].split("Cơ quan ban hành")[0]
    assert LOGIN_LINE.findall(villages) == [f"thon{n}" for n in range(1, 7)]
    bodies = demo_loop.split("cơ quan thành viên Ban Chỉ đạo:")[1].split("trưởng thôn")[0]
    assert LOGIN_LINE.findall(bodies) == ["ubnd-xa", "mttq-xa", "congdoan-xa", "doan-xa",
                                          "phunu-xa"]  # fmt: skip


def test_the_loop_units_are_active_today_under_a_present_day_province(demo_loop):
    commune = Organisation.objects.get(code="03598")
    province = Organisation.objects.get_parent(commune)
    assert (province.name, commune.name) == ("Tỉnh Lai Châu", "Xã Tân Uyên")
    children = Organisation.objects.get_children(commune)
    assert [o.name for o in children.filter(kind="village")] == [f"Thôn {n}" for n in range(1, 7)]
    committee = children.get(kind="committee")
    assert committee.parent_body_line == "UBND XÃ TÂN UYÊN"
    assert committee.seats.filter(member_body__isnull=False).count() == 5
    assert committee.seats.get(position="head").person.position == "Chủ tịch UBND xã"
    province_bodies = Organisation.objects.get_children(province).exclude(kind="area")
    assert [o.symbol for o in province_bodies.filter(kind="committee")] == ["BCĐ"]
    loop = [province, commune, *children, *province_bodies]
    assert all(unit.active_to is None for unit in loop)


def test_a_village_head_sees_the_reports_her_village_owes_on_her_home(demo_loop, client):
    due = home_todo(client, "thon1")["reports_due"][1]
    assert [report.label for report in due] == ["Quý IV năm 2026"]
    # Thôn 6 sent nothing for Quý II and Quý III: overdue, listed first.
    due = home_todo(client, "thon6")["reports_due"][1]
    assert [report.label for report in due] == ["Quý II năm 2026", "Quý III năm 2026",
                                                "Quý IV năm 2026"]  # fmt: skip
    assert [report.is_overdue for report in due[:2]] == [True, True]
    page = client.get(reverse("reports:detail", args=[due[0].pk]))
    assert page.status_code == 200
    assert "Số thôn đạt danh hiệu “Thôn văn hóa”" in page.content.decode()
    assert login_of("thon6").memberships.get().role == Membership.Role.EDITOR


def test_each_commune_role_finds_its_plan_waiting_on_its_home(demo_loop, client):
    to_approve = home_todo(client, "xa-approver")["to_approve"][1]
    assert [plan.summary[:29] for plan in to_approve] == ["Bình xét, công nhận danh hiệu"]
    assert home_todo(client, "xa-approver")["to_review"][0] == 4  # Quý II: 1, Quý III: 3
    returned = home_todo(client, "xa-editor")["returned"][1]
    assert returned[0].return_comment.startswith("Đề nghị ghi rõ thời gian")
    to_issue = home_todo(client, "xa-clerk")["to_issue"][1]
    assert [plan.summary[:26] for plan in to_issue] == ["Kiểm tra, đánh giá kết quả"]


def test_the_commune_plan_implements_the_province_plan_and_asks_the_villages_every_quarter(
    demo_loop,
):
    province = Plan.objects.get(summary=PROVINCE_SUMMARY)
    commune = Plan.objects.get(summary=COMMUNE_SUMMARY)
    assert (province.status, commune.status) == (Plan.Status.ISSUED, Plan.Status.ISSUED)
    assert commune.parent_plan == province
    rule = commune.reporting_rules.get()
    assert (rule.reporters, rule.period, rule.due_day) == ("subordinates", "quarterly", 20)
    assert "trước ngày 20 của tháng cuối quý" in commune.sections.get(kind="reporting").body
    # Each step by its own person: the editor wrote, the approver approved, the clerk issued.
    steps = {e.action: e.by.username for e in commune.events.select_related("by")}
    assert steps == {"created": "xa-editor", "edited": "xa-editor", "submitted": "xa-editor",
                     "approved": "xa-approver", "issued": "xa-clerk"}  # fmt: skip
    assert commune.events.order_by("at").last().at.date() == commune.issued_on


def test_the_dashboard_of_the_commune_plan_shows_completeness_and_the_roll_up(demo_loop, client):
    commune = Plan.objects.get(summary=COMMUNE_SUMMARY)
    client.force_login(login_of("xa-viewer"))
    response = client.get(reverse("reports:dashboard", args=[commune.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    # It opens on the latest quarter with figures: Thôn 1, 2 and 4 sent for Quý III.
    assert "402/456" in page
    completeness = {row["label"]: row for row in response.context["completeness"]}
    first, second = completeness["Quý I năm 2026"], completeness["Quý II năm 2026"]
    assert (first["sent"], first["late"], first["missing"]) == (6, 1, 0)
    assert (second["sent"], second["late"], second["missing"]) == (5, 1, 1)
    accepted = Report.objects.filter(plan=commune, status=Report.Status.ACCEPTED).count()
    assert accepted == 9


def test_the_commune_reports_to_the_province_from_its_villages_reports(demo_loop, client):
    province = Plan.objects.get(summary=PROVINCE_SUMMARY)
    to_review = home_todo(client, "tinh-approver")["to_review"][1]
    assert [(r.organisation.kind, r.label) for r in to_review] == [("committee", "Quý II năm 2026")]
    assert to_review[0].from_subordinates
    due = home_todo(client, "xa-editor")["reports_due"][1]
    assert [(r.plan, r.label, r.is_overdue) for r in due][0] == (province, "Quý III năm 2026", True)
    client.force_login(login_of("tinh-editor"))
    response = client.get(
        reverse("reports:dashboard", args=[province.pk]) + "?period=quarterly:2026-03-31"
    )
    assert response.status_code == 200
    # The villages' own figures, not the commune's sum of them counted twice.
    assert "822/998" in response.content.decode()


def test_every_loop_login_opens_its_home_and_the_commune_plan(demo_loop, client):
    commune = Plan.objects.get(summary=COMMUNE_SUMMARY)
    for _heading, logins in LOOP_LOGINS:
        for username, _key, _role in logins:
            client.force_login(login_of(username))
            assert client.get(reverse("home")).status_code == 200, username
            page = client.get(reverse("plans:detail", args=[commune.pk]))
            assert page.status_code == 200, username
