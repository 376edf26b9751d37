"""The home page costs a fixed number of queries (issue 11, bench): the same for an editor, an
approver and a village head with 3 or with 30 of each thing it lists or counts (plans waiting,
returned, drafts, reports due, reports to review, unread incoming plans, near tasks,
notifications). bench/daily.py times it on a large data set."""

from django.urls import reverse
from django.utils import timezone

from campaign.notify import notify
from plans import services, workflow

from ..plans.conftest import issue_for_tests
from ..queries import page_queries
from ..reportdata import issued_plan, report_of, send

PERSONAS = ("own_editor", "own_approver", "village_one")
# What each persona's home lists, among the lists of plans.todo and reports.todo.
LISTED = {
    "own_editor": ("returned", "drafts", "reports_due", "unread", "tasks"),
    "own_approver": ("to_approve", "to_issue", "to_review", "unread", "tasks"),
    "village_one": ("reports_due", "unread", "tasks"),
}
HOME_BUDGET = 14  # session, user, memberships twice, the counts, 7 lists, tasks, 2FA devices


def commune_plans(tree, count, step):
    """count plans of the commune committee written by its editor, left at step: "draft",
    "submitted" (to approve), "approved" (to issue) or "returned"."""
    u = tree.users
    for i in range(count):
        plan = services.start_plan(
            issuer=tree.orgs["committee_one"], by=u["own_editor"], year=2024,
            summary=f"Kế hoạch {step} số {i}",
        )  # fmt: skip
        if step == "draft":
            continue
        plan = workflow.submit_plan(plan, by=u["own_editor"])
        if step == "approved":
            workflow.approve_plan(plan, by=u["own_approver"])
        elif step == "returned":
            workflow.return_plan(plan, by=u["own_approver"], comment=f"Sửa lần {i}")


def incoming_with_near_tasks(tree, count):
    """Issued province plans addressed to the commune committee and its first village, each
    with a task they lead due today."""
    o, today = tree.orgs, timezone.localdate()
    for i in range(count):
        plan = services.start_plan(
            issuer=o["province_committee"], by=tree.users["province_editor"], year=today.year,
            summary=f"Kế hoạch tỉnh gửi xã số {i}",
        )  # fmt: skip
        services.add_recipient(plan, o["committee_one"])
        services.add_recipient(plan, o["village_one"])
        services.add_task(
            plan.sections.get(kind="tasks"), f"Nhiệm vụ sắp đến hạn {i}",
            leads=[o["committee_one"], o["village_one"]], timeframe=f"{today:%d/%m/%Y}",
        )  # fmt: skip
        issue_for_tests(plan, 500 + plan.pk, today)


def reports(tree, boss, indicator, monthly, half_year):
    """Plans of the province and of the commune asking reports of the commune committee and
    of the villages: 12 per monthly plan, 1 per half-year plan."""
    for issuer in ("province_committee", "committee_one"):
        for period, count in (("monthly", monthly), ("half_year", half_year)):
            for _ in range(count):
                issued_plan(tree.orgs[issuer], boss, indicator, rule_period=period)


def sent_by_the_second_village(tree, count):
    """count reports of Thôn Một-2 sent to the commune committee, for its approver to review."""
    village, user = tree.orgs["village_one_b"], tree.users["village_one_b"]
    owed = list(village.reports.filter(status="due").order_by("due_on", "pk")[:count])
    assert len(owed) == count
    for report in owed:
        send(report_of(report.plan, village, report.label), user, 80, 100)


def notices(tree, count):
    for persona in PERSONAS:
        for i in range(count):
            notify([tree.users[persona].pk], f"Thông báo số {i}", reverse("notifications"))


def homes(client, tree):
    """{persona: (queries, todo, navbar counts)} of each persona's home page."""
    result = {}
    for persona in PERSONAS:
        client.force_login(tree.users[persona])
        queries, response = page_queries(client, reverse("home"))
        result[persona] = (queries, response.context["todo"], response.context["navbar"])
    return result


def test_the_home_costs_the_same_with_3_and_30_of_everything_it_lists(
    client, tree, boss, province, catalogue
):
    indicator = catalogue[1]["gia-dinh-van-hoa"]
    # The province fixture asks one half-year report of the commune and of each village.
    for step in ("draft", "submitted", "approved", "returned"):
        commune_plans(tree, 3, step)
    incoming_with_near_tasks(tree, 3)
    reports(tree, boss, indicator, monthly=0, half_year=2)
    sent_by_the_second_village(tree, 3)
    notices(tree, 3)
    few = homes(client, tree)

    for step in ("draft", "submitted", "approved", "returned"):
        commune_plans(tree, 27, step)
    incoming_with_near_tasks(tree, 27)
    reports(tree, boss, indicator, monthly=2, half_year=3)
    sent_by_the_second_village(tree, 27)
    notices(tree, 27)
    many = homes(client, tree)

    for persona, lists in LISTED.items():
        (few_queries, few_todo, _), (queries, todo, navbar) = few[persona], many[persona]
        assert [few_todo[name][0] for name in lists] == [3] * len(lists), persona
        assert [todo[name][0] for name in lists] == [30] * len(lists), persona
        assert all(len(todo[name][1]) == 20 for name in lists), persona  # the first 20 shown
        assert navbar["bell"] >= 30 and navbar["home"] >= 30, persona
        assert queries == few_queries, persona
        assert queries <= HOME_BUDGET, persona
