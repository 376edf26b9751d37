"""List pages cost a fixed number of queries: the same for 3 rows as for 30."""

from datetime import date

from django.urls import reverse

from plans import services
from plans.models import Plan

from ..queries import page_queries
from .conftest import issue_for_tests


def commune_drafts(tree, count):
    for i in range(count):
        services.start_plan(
            issuer=tree.orgs["committee_one"], by=tree.users["own_editor"], year=2024,
            summary=f"Kế hoạch số {i}",
        )  # fmt: skip


def province_plans_for_the_commune(tree, count):
    """Issued province plans, each addressed to the commune committee and with a task it leads."""
    o = tree.orgs
    first = Plan.objects.count()
    for i in range(first, first + count):
        plan = services.start_plan(
            issuer=o["province_committee"], by=tree.users["province_editor"], year=2024,
            summary=f"Kế hoạch tỉnh số {i}",
        )  # fmt: skip
        services.add_recipient(plan, o["committee_one"])
        tasks = plan.sections.get(kind="tasks")
        services.add_task(tasks, f"Nhiệm vụ {i}", leads=[o["committee_one"]], timeframe="Quý I")
        issue_for_tests(plan, 100 + i, date(2024, 2, 5))


def test_the_plan_list_costs_the_same_for_3_and_30_plans(
    client, tree, django_assert_max_num_queries
):
    client.force_login(tree.users["own_viewer"])
    url = reverse("plans:list")
    commune_drafts(tree, 3)
    few, _ = page_queries(client, url)
    commune_drafts(tree, 27)
    with django_assert_max_num_queries(12):
        many, response = page_queries(client, url)
    assert len(response.context["page"].object_list) == 30
    assert many == few


def test_the_inbox_costs_the_same_for_3_and_30_plans(client, tree, django_assert_max_num_queries):
    client.force_login(tree.users["own_viewer"])
    url = reverse("plans:inbox")
    province_plans_for_the_commune(tree, 3)
    few, _ = page_queries(client, url)
    province_plans_for_the_commune(tree, 27)
    with django_assert_max_num_queries(8):
        many, response = page_queries(client, url)
    assert len(response.context["page"].object_list) == 30
    assert many == few


def test_the_unit_tasks_cost_the_same_for_3_and_30_tasks(
    client, tree, django_assert_max_num_queries
):
    client.force_login(tree.users["own_viewer"])
    url = reverse("plans:unit_tasks", args=[tree.orgs["committee_one"].pk])
    province_plans_for_the_commune(tree, 3)
    few, _ = page_queries(client, url)
    province_plans_for_the_commune(tree, 27)
    with django_assert_max_num_queries(8):
        many, response = page_queries(client, url)
    assert len(response.context["items"]) == 30
    assert many == few
