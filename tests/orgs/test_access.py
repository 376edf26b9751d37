"""Access matrix for organisation pages: persona × URL × expected status."""

import pytest
from django.urls import reverse

from orgs.models import Organisation

from ..personas import PERSONAS

VIEW = {
    "own_editor": 200,
    "own_approver": 200,
    "own_clerk": 200,
    "own_viewer": 200,
    "province_editor": 200,
    "sibling_editor": 404,
    "child_editor": 200,
    "outsider": 404,
}
MANAGE = {
    "own_editor": 200,
    "own_approver": 200,
    "own_clerk": 403,
    "own_viewer": 403,
    "province_editor": 200,
    "sibling_editor": 404,
    "child_editor": 403,
    "outsider": 404,
}
MATRIX = [
    (url, persona, table[persona])
    for url, table in [("orgs:detail", VIEW), ("orgs:edit", MANAGE), ("orgs:import", MANAGE)]
    for persona in PERSONAS
]


@pytest.mark.parametrize(("url", "persona", "status"), MATRIX)
def test_commune_committee_pages_answer_each_persona(client, tree, url, persona, status):
    client.force_login(tree.users[persona])
    response = client.get(reverse(url, args=[tree.orgs["committee_one"].pk]))
    assert response.status_code == status


@pytest.mark.parametrize("url", ["orgs:detail", "orgs:edit", "orgs:import"])
def test_anonymous_visitor_is_sent_to_login(client, tree, url):
    response = client.get(reverse(url, args=[tree.orgs["committee_one"].pk]))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_a_missing_organisation_is_404(client, tree):
    client.force_login(tree.users["own_editor"])
    assert client.get(reverse("orgs:detail", args=[999_999])).status_code == 404


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_commune_member_sees_its_subtree_and_the_chain_above_but_no_sibling(tree):
    visible = names(Organisation.objects.visible_to(tree.users["own_viewer"]))
    assert visible == {
        "Tỉnh A",
        "Ban Chỉ đạo tỉnh A",
        "Xã Một",
        "Ban Chỉ đạo xã Một",
        "Ủy ban nhân dân xã Một",
        "Thôn Một-1",
    }


def test_province_member_oversees_the_whole_province_and_nothing_else(tree):
    visible = names(Organisation.objects.visible_to(tree.users["province_editor"]))
    assert "Xã Hai" in visible
    assert "Thôn Một-1" in visible
    assert not visible & {"Tỉnh B", "Ban Chỉ đạo tỉnh B"}


def test_village_member_sees_the_commune_bodies_but_not_other_villages(tree):
    visible = names(Organisation.objects.visible_to(tree.users["child_editor"]))
    assert {"Thôn Một-1", "Xã Một", "Ban Chỉ đạo xã Một", "Tỉnh A"} <= visible
    assert "Xã Hai" not in visible


def test_superuser_sees_everything(tree, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    assert Organisation.objects.visible_to(admin).count() == Organisation.objects.count()


def test_access_check_on_one_organisation_costs_two_queries(tree, django_assert_num_queries):
    from orgs.access import access_organisation

    user = tree.users["own_editor"]
    with django_assert_num_queries(2):
        access_organisation(user, tree.orgs["committee_one"].pk, need="manage")


SEAT_POST = {persona: 302 if status == 200 else status for persona, status in MANAGE.items()}


@pytest.mark.parametrize(("persona", "status"), SEAT_POST.items())
def test_seating_a_committee_member_answers_each_persona(client, tree, persona, status):
    client.force_login(tree.users[persona])
    url = reverse("orgs:seat_add", args=[tree.orgs["committee_one"].pk])
    response = client.post(url, {"position": "member", "full_name": "Nguyễn Văn A"})
    assert response.status_code == status
