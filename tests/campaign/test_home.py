"""Việc cần làm (issue 11, part 2): after login each user sees what waits for her in all her
units, and the home page costs the same number of queries with few and many items."""

from datetime import date

from django.urls import reverse

from plans import services, workflow
from plans.models import Plan

from ..plans.test_list_queries import province_plans_for_the_commune
from ..queries import page_queries
from ..reportdata import report_of, send


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["todo"], response.content.decode()


def draft(tree, summary):
    return services.start_plan(issuer=tree.orgs["committee_one"], by=tree.users["own_editor"],
                               year=2024, summary=summary)  # fmt: skip


def names(todo, key):
    return [getattr(item, "summary", None) or str(item) for item in todo[key][1]]


def test_each_step_of_the_workflow_waits_on_the_home_of_the_person_it_needs(client, tree):
    u = tree.users
    submitted = workflow.submit_plan(draft(tree, "Chờ phê duyệt"), by=u["own_editor"])
    approved = workflow.approve_plan(
        workflow.submit_plan(draft(tree, "Chờ cấp số"), by=u["own_editor"]), by=u["own_approver"]
    )
    returned = workflow.return_plan(
        workflow.submit_plan(draft(tree, "Bị trả lại"), by=u["own_editor"]),
        by=u["own_approver"], comment="Bổ sung kinh phí cho từng thôn",
    )  # fmt: skip
    draft(tree, "Dự thảo còn dở")

    approver, approver_page = home(client, u["own_approver"])
    clerk, _ = home(client, u["own_clerk"])
    editor, editor_page = home(client, u["own_editor"])
    viewer, viewer_page = home(client, u["own_viewer"])

    assert names(approver, "to_approve") == [submitted.summary]
    assert names(approver, "to_issue") == [approved.summary]  # approvers may issue too
    assert names(clerk, "to_issue") == [approved.summary] and clerk["to_approve"][0] == 0
    assert names(editor, "returned") == [returned.summary]
    assert "Ý kiến: Bổ sung kinh phí cho từng thôn" in editor_page
    assert names(editor, "drafts") == ["Dự thảo còn dở"]
    assert "Chờ phê duyệt" in approver_page and "Chờ phê duyệt" not in editor_page
    assert sum(count for count, _ in viewer.values()) == 0
    assert "Không có việc nào đang chờ bạn." in viewer_page


def test_a_village_sees_its_report_due_and_its_unread_plan_and_the_commune_the_report_sent(
    client, tree, province
):
    plan = province["committee_one"]
    village = tree.users["village_one"]

    todo, page = home(client, village)

    (report,) = todo["reports_due"][1]
    assert (report.organisation, report.label) == (tree.orgs["village_one"], "6 tháng đầu năm 2024")
    assert report.is_overdue and "(quá hạn)" in page  # due 10/6/2024
    assert plan.summary not in names(todo, "unread")  # the village reports on it: not addressed

    sent = send(report_of(plan, tree.orgs["village_one"]), village, 80, 100)
    commune, _ = home(client, tree.users["own_approver"])
    assert [r.pk for r in commune["to_review"][1]] == [sent.pk]
    assert home(client, village)[0]["reports_due"][0] == 0


def test_an_incoming_plan_is_unread_until_opened_and_its_tasks_come_near(client, tree):
    province_plans_for_the_commune(tree, 1)  # a task led by the commune committee, "Quý I"
    viewer = tree.users["own_viewer"]

    todo, _ = home(client, viewer)
    (incoming,) = todo["unread"][1]
    client.get(reverse("plans:detail", args=[incoming.pk]))
    assert home(client, viewer)[0]["unread"][0] == 0
    assert Plan.objects.get(pk=incoming.pk).status == Plan.Status.ISSUED


def test_the_home_costs_the_same_for_3_and_30_plans_waiting(
    client, tree, province, django_assert_max_num_queries
):
    u = tree.users
    client.force_login(u["own_approver"])

    def submit(count):
        for i in range(count):
            workflow.submit_plan(draft(tree, f"Kế hoạch {i}"), by=u["own_editor"])

    submit(3)
    few, _ = page_queries(client, reverse("home"))
    submit(27)
    with django_assert_max_num_queries(25):
        many, response = page_queries(client, reverse("home"))
    assert response.context["todo"]["to_approve"][0] == 30
    assert len(response.context["todo"]["to_approve"][1]) == 20  # the first 20, and the count
    assert many == few  # every list counted in one query, long or short


def test_a_plan_issued_today_is_not_left_on_anyones_list(client, tree):
    u = tree.users
    plan = workflow.approve_plan(
        workflow.submit_plan(draft(tree, "Ban hành hôm nay"), by=u["own_editor"]),
        by=u["own_approver"],
    )
    workflow.issue_plan(plan, by=u["own_clerk"], number=7, issued_on=date(2024, 3, 1))
    for persona in ("own_editor", "own_approver", "own_clerk"):
        todo, _ = home(client, u[persona])
        listed = [item for key in ("to_approve", "to_issue", "returned", "drafts")
                  for item in todo[key][1]]  # fmt: skip
        assert plan.pk not in [item.pk for item in listed], persona


def test_the_return_comment_is_the_first_thing_on_a_returned_plans_page(client, tree):
    u = tree.users
    plan = workflow.return_plan(
        workflow.submit_plan(draft(tree, "Bị trả lại"), by=u["own_editor"]),
        by=u["own_approver"], comment="Bổ sung kinh phí cho từng thôn",
    )  # fmt: skip
    client.force_login(u["own_editor"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    main = page[page.index("<main") :]
    assert main.index('id="y-kien-tra-lai"') < main.index("<h1")
    assert "Bổ sung kinh phí cho từng thôn" in main[: main.index("<h1")]
