"""In-app notifications (issue 11, part 2): created with each change that mails someone, in
its transaction; the bell and the menu counts of the navbar; the page "Thông báo"."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.context_processors import navbar_counts
from campaign.models import Notification
from campaign.notify import KEEP_READ, notify, prune_read
from orgs.models import Membership
from orgs.services import grant_role
from plans import services, workflow
from plans.notifications import deadline_digests
from reports import services as reporting

from ..plans.test_list_queries import province_plans_for_the_commune
from ..queries import page_queries
from ..reportdata import report_of, send


def draft(tree, summary="Kế hoạch tuyên truyền"):
    return services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary=summary)  # fmt: skip


def usernames():
    return sorted(Notification.objects.values_list("recipient__username", flat=True))


def test_each_step_of_a_plan_tells_the_people_it_needs_before_any_mail_is_sent(tree):
    u, plan = tree.users, draft(tree)
    services.add_recipient(plan, tree.orgs["village_one"])

    plan = workflow.submit_plan(plan, by=u["own_editor"])
    assert usernames() == ["own_approver"]  # not the editor who sent it
    (notice,) = Notification.objects.all()
    assert notice.link == reverse("plans:detail", args=[plan.pk]) and notice.read_at is None
    assert "“Kế hoạch tuyên truyền”" in notice.text and "trình duyệt" in notice.text

    Notification.objects.all().delete()
    plan = workflow.return_plan(plan, by=u["own_approver"], comment="Thiếu kinh phí")
    assert usernames() == ["own_editor"]
    assert Notification.objects.get().text.endswith("Ý kiến: Thiếu kinh phí")

    Notification.objects.all().delete()
    plan = workflow.approve_plan(workflow.submit_plan(plan, by=u["own_editor"]),
                                 by=u["own_approver"])  # fmt: skip
    assert usernames() == ["own_approver", "own_clerk", "own_editor"]  # submitted, approved

    Notification.objects.all().delete()
    workflow.issue_plan(plan, by=u["own_clerk"], number=7, issued_on=date(2024, 2, 5))
    # the village it is addressed to, and the commune's editor; not the clerk who issued it
    assert usernames() == ["child_editor", "own_editor"]
    assert "Kế hoạch số 07/KH-BCĐ ngày 05 tháng 02 năm 2024" in Notification.objects.first().text
    # No task has run: the notices do not wait for the mail.


def test_a_role_held_elsewhere_does_not_make_one_a_leader_here(tree):
    """A viewer of the commune committee who approves at another committee is not asked to
    approve the commune's plans (the role must be held where the plan is)."""
    viewer = tree.users["own_viewer"]
    grant_role(viewer, tree.orgs["committee_two"], Membership.Role.APPROVER)
    workflow.submit_plan(draft(tree), by=tree.users["own_editor"])
    assert usernames() == ["own_approver"]


def test_a_transition_rolled_back_leaves_no_notification(tree):
    plan = draft(tree)
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.submit_plan(plan, by=tree.users["own_editor"])
        assert usernames() == ["own_approver"]
        raise RuntimeError("the request failed after the change")
    assert not Notification.objects.exists()


def test_a_refused_transition_tells_no_one(tree):
    plan = workflow.submit_plan(draft(tree), by=tree.users["own_editor"])
    Notification.objects.all().delete()
    with pytest.raises(workflow.PlanError):
        workflow.approve_plan(plan, by=tree.users["own_viewer"])
    assert not Notification.objects.exists()


def test_each_step_of_a_report_tells_the_people_it_needs(tree, province):
    report = report_of(province["committee_one"], tree.orgs["village_one"])
    Notification.objects.all().delete()

    sent = send(report, tree.users["village_one"], 80, 100)
    assert usernames() == ["boss", "own_approver"]  # the commune committee's approvers
    notice = Notification.objects.first()
    assert notice.link == reverse("reports:detail", args=[report.pk])
    assert "6 tháng đầu năm 2024 của Thôn Một-1" in notice.text

    Notification.objects.all().delete()
    reporting.return_report(sent, by=tree.users["own_approver"], comment="Số liệu chưa khớp")
    assert usernames() == ["child_editor", "village_one"]  # the village's editors
    assert Notification.objects.first().text.endswith("Ý kiến: Số liệu chưa khớp")

    Notification.objects.all().delete()
    again = reporting.submit_report(report, by=tree.users["village_one"])
    Notification.objects.all().delete()
    reporting.accept_report(again, by=tree.users["own_approver"])
    assert usernames() == ["child_editor", "village_one"]
    assert "đã tiếp nhận báo cáo" in Notification.objects.first().text


def test_the_daily_digest_tells_each_unit_once_a_day_of_its_tasks_and_reports(tree, province):
    province_plans_for_the_commune(tree, 1)  # a task of the commune committee, "Quý I"
    Notification.objects.all().delete()
    today = date(2024, 3, 25)  # Quý I ends on 31/3; the reports are due on 10/6

    deadline_digests(today)
    deadline_digests(today)  # the cron ran twice: no second notice

    commune = Notification.objects.filter(link=reverse("plans:unit_tasks", args=[tree.orgs["committee_one"].pk]))  # fmt: skip
    assert sorted(commune.values_list("recipient__username", flat=True)) == [
        "boss", "own_approver", "own_clerk", "own_editor", "own_viewer"
    ]  # fmt: skip
    assert commune.first().text == (
        "Ban Chỉ đạo xã Một: 1 nhiệm vụ đến hạn trong 14 ngày tới (tính đến ngày 25 tháng 3 năm 2024)."
    )  # fmt: skip
    assert not Notification.objects.filter(link__startswith="/reports/").exists()  # not yet due

    deadline_digests(date(2024, 6, 11))  # the village has not sent its mid-year report
    report = report_of(province["committee_one"], tree.orgs["village_one"])
    owed = Notification.objects.filter(link=reverse("reports:detail", args=[report.pk]))
    assert sorted(owed.values_list("recipient__username", flat=True)) == [
        "child_editor", "village_one"
    ]  # fmt: skip
    assert "đã quá hạn gửi (ngày 10 tháng 6 năm 2024)" in owed.first().text

    # An editor of two villages that each owe it: one notice for both, to the list of reports.
    grant_role(tree.users["village_one"], tree.orgs["village_one_b"], Membership.Role.EDITOR)
    deadline_digests(date(2024, 6, 12))
    (notice,) = Notification.objects.filter(recipient=tree.users["village_one"], link="/reports/")
    assert notice.text == (
        "Các đơn vị của bạn: 2 báo cáo đã quá hạn gửi (tính đến ngày 12 tháng 6 năm 2024)."
    )


def test_the_digest_prunes_read_notifications_older_than_90_days(tree):
    user = tree.users["own_editor"]
    now = timezone.now()
    for days, read in [(91, True), (91, False), (89, True)]:
        notify([user.pk], f"{days} ngày, {'đã đọc' if read else 'chưa đọc'}", "/plans/")
        Notification.objects.filter(pk=Notification.objects.latest("pk").pk).update(
            created_at=now - timedelta(days=days), read_at=now if read else None
        )
    deadline_digests(timezone.localdate())
    assert sorted(Notification.objects.values_list("text", flat=True)) == [
        "89 ngày, đã đọc", "91 ngày, chưa đọc"
    ]  # fmt: skip
    assert prune_read(now + KEEP_READ) == 1  # 90 days on, the other read one goes too


@pytest.mark.parametrize(
    "link",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
     "plans/3/", "/plans/\n3/", "/plans/ 3/", ""],
)  # fmt: skip
def test_a_link_outside_the_app_is_refused(tree, link):
    with pytest.raises(ValidationError):
        notify([tree.users["own_editor"].pk], "Xem ngay", link)
    assert not Notification.objects.exists()


def test_the_database_refuses_a_link_to_another_site(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=tree.users["own_editor"], text="x", link="//evil.example/"
        )


def test_the_bell_and_the_menu_count_what_waits(client, tree):
    u = tree.users
    workflow.submit_plan(draft(tree, "Thứ nhất"), by=u["own_editor"])
    workflow.submit_plan(draft(tree, "Thứ hai"), by=u["own_editor"])
    client.force_login(u["own_approver"])

    response = client.get(reverse("plans:list"))
    counts = response.context["navbar"]
    assert (counts["plans"], counts["inbox"], counts["reports"]) == (2, 0, 0)
    assert counts["home"] == 2 and counts["bell"] == 2
    page = response.content.decode()
    assert '2<span class="visually-hidden"> thông báo chưa đọc</span>' in page
    assert '2<span class="visually-hidden"> kế hoạch chờ phê duyệt, ban hành hoặc sửa' in page

    notice = Notification.objects.filter(recipient=u["own_approver"]).first()
    assert client.get(reverse("notification_open", args=[notice.pk])).url == notice.link
    assert client.get(reverse("notifications")).context["navbar"]["bell"] == 1

    client.force_login(u["own_viewer"])  # nothing waits: no badge at all
    page = client.get(reverse("plans:list")).content.decode()
    assert "data-nav-count" not in page


def test_opening_a_notification_marks_it_read_only_for_its_recipient(client, tree):
    u = tree.users
    notify([u["own_editor"].pk, u["own_clerk"].pk], "Kế hoạch mới", "/plans/inbox/")
    mine, theirs = (Notification.objects.get(recipient=u[p]) for p in ("own_editor", "own_clerk"))
    client.force_login(u["own_editor"])

    assert client.get(reverse("notification_open", args=[theirs.pk])).status_code == 404
    response = client.get(reverse("notification_open", args=[mine.pk]))
    assert (response.status_code, response.url) == (302, "/plans/inbox/")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    first_read = mine.read_at
    assert first_read is not None and theirs.read_at is None
    client.get(reverse("notification_open", args=[mine.pk]))  # opened again
    mine.refresh_from_db()
    assert mine.read_at == first_read


def test_mark_all_read_marks_only_ones_own(client, tree):
    u = tree.users
    notify([u["own_editor"].pk], "Một", "/plans/")
    notify([u["own_editor"].pk, u["own_clerk"].pk], "Hai", "/reports/")
    client.force_login(u["own_editor"])

    page = client.get(reverse("notifications")).content.decode()
    assert "Đánh dấu đã đọc tất cả" in page and page.index("Hai") < page.index("Một")
    response = client.post(reverse("notifications_read_all"), follow=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert "Đánh dấu đã đọc tất cả" not in response.content.decode()
    assert not Notification.objects.filter(recipient=u["own_editor"], read_at=None).exists()
    assert Notification.objects.get(recipient=u["own_clerk"]).read_at is None


def test_a_notification_with_html_is_shown_escaped(client, tree):
    plan = draft(tree, '<script>alert("x")</script><b>Kế hoạch</b>')
    workflow.submit_plan(plan, by=tree.users["own_editor"])
    notify([tree.users["own_approver"].pk], "Dòng\x00lạ <img src=x onerror=alert(1)>", "/plans/")
    client.force_login(tree.users["own_approver"])
    page = client.get(reverse("notifications")).content.decode()
    assert "<script>alert" not in page and "<b>Kế hoạch</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Kế hoạch&lt;/b&gt;" in page
    assert "<img src=x" not in page and "Dòng lạ &lt;img src=x onerror=alert(1)&gt;" in page


def test_a_long_text_is_cut_with_an_ellipsis(tree):
    notify([tree.users["own_editor"].pk], "Rất dài " * 200, "/plans/")
    text = Notification.objects.get().text
    assert len(text) == 500 and text.endswith("…")


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999999", "<b>2</b>"])
def test_a_page_number_that_is_not_one_shows_a_page(client, tree, page):
    for i in range(25):
        notify([tree.users["own_editor"].pk], f"Thông báo {i}", "/plans/")
    client.force_login(tree.users["own_editor"])
    response = client.get(reverse("notifications"), {"page": page})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) in (20, 5)
    assert "<b>2</b>" not in response.content.decode()


def test_a_page_number_with_a_null_byte_is_refused_with_a_message(client, tree):
    client.force_login(tree.users["own_editor"])
    response = client.get(reverse("notifications"), {"page": "1\x00"})
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()


def test_the_notification_list_is_paginated_newest_first(client, tree):
    for i in range(25):
        notify([tree.users["own_editor"].pk], f"Thông báo số {i}", "/plans/")
    client.force_login(tree.users["own_editor"])
    first = client.get(reverse("notifications")).context["page"]
    assert [n.text for n in first][:2] == ["Thông báo số 24", "Thông báo số 23"]
    second = client.get(reverse("notifications"), {"page": 2}).context["page"]
    assert [n.text for n in second][-1] == "Thông báo số 0"


def test_the_navbar_counts_cost_one_query_with_3_or_30_things_waiting(tree):
    u = tree.users

    def pending(count):
        for i in range(count):
            workflow.submit_plan(draft(tree, f"Chờ duyệt {i}"), by=u["own_editor"])
        province_plans_for_the_commune(tree, count)

    def counted():
        user = type(u["own_approver"]).objects.get(pk=u["own_approver"].pk)  # memberships unread
        with CaptureQueriesContext(connection) as queries:
            counts = navbar_counts(user)
        return len(queries), counts

    pending(3)
    few, counts = counted()
    assert (counts["plans"], counts["inbox"], counts["bell"]) == (3, 3, 3)
    pending(27)
    many, counts = counted()
    assert (counts["plans"], counts["inbox"], counts["bell"]) == (30, 30, 30)
    assert many == few == 2  # the user's memberships, then all the counts in one query


def test_a_page_costs_the_same_with_3_or_30_notifications_and_plans_waiting(client, tree):
    u = tree.users
    client.force_login(u["own_approver"])
    url = reverse("notifications")

    def pending(count):
        for i in range(count):
            workflow.submit_plan(draft(tree, f"Chờ duyệt {i}"), by=u["own_editor"])

    pending(3)
    few, _ = page_queries(client, url)
    pending(27)
    many, response = page_queries(client, url)
    assert response.context["navbar"]["bell"] == 30
    assert many == few


def test_the_counts_are_made_only_when_a_template_shows_the_navbar(rf, tree):
    request = rf.get("/")
    request.user = tree.users["own_editor"]
    with CaptureQueriesContext(connection) as queries:
        render_to_string("orgs/_pager.html", {}, request=request)  # a fragment
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        render_to_string("base.html", {}, request=request)
    assert len(queries) == 2  # the user's memberships, then the counts
