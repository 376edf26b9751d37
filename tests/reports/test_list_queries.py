"""The report list costs a fixed number of queries, however many reports a unit owes."""

from django.urls import reverse

from ..queries import page_queries
from ..reportdata import issued_plan


def test_the_report_list_costs_the_same_for_few_and_many_owed_reports(
    client, tree, boss, province, catalogue, django_assert_max_num_queries
):
    client.force_login(tree.users["own_viewer"])
    url = reverse("reports:list")
    few, response = page_queries(client, url)
    rows = len(response.context["owed"].object_list)
    indicator = catalogue[1]["gia-dinh-van-hoa"]
    for _ in range(3):
        issued_plan(tree.orgs["province_committee"], boss, indicator, rule_period="monthly")
    with django_assert_max_num_queries(10):
        many, response = page_queries(client, url)
    assert len(response.context["owed"].object_list) >= rows + 30
    assert many == few
