"""The organisation list costs a fixed number of queries: the same for 3 units as for 30."""

from django.urls import reverse

from orgs.services import add_organisation

from ..queries import page_queries


def villages(tree, start, count):
    commune = tree.orgs["commune_one"]
    for i in range(start, start + count):
        add_organisation(
            parent=commune, kind="village", level=tree.orgs["village_one"].level,
            name=f"Thôn Một-{i}",
        )  # fmt: skip


def test_searching_units_costs_the_same_for_3_and_30_villages(
    client, tree, django_assert_max_num_queries
):
    client.force_login(tree.users["own_viewer"])
    url, search = reverse("orgs:list"), {"q": "thon mot"}
    villages(tree, 2, 2)  # and Thôn Một-1 of the tree
    few, _ = page_queries(client, url, search)
    villages(tree, 4, 27)
    with django_assert_max_num_queries(8):
        many, response = page_queries(client, url, search)
    assert len(response.context["page"].object_list) == 30
    assert many == few
