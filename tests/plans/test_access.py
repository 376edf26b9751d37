"""Access matrix for plan pages: persona × URL × expected status."""

import pytest
from django.urls import reverse

from plans.locks import section_version
from plans.models import Plan

from ..personas import PERSONAS

DRAFT = {
    "detail": {"own_editor": 200, "own_approver": 200, "own_clerk": 200, "own_viewer": 200,
               "province_editor": 404, "sibling_editor": 404, "child_editor": 404, "outsider": 404},
    "edit": {"own_editor": 200, "own_approver": 403, "own_clerk": 403, "own_viewer": 403,
             "province_editor": 404, "sibling_editor": 404, "child_editor": 404, "outsider": 404},
}  # fmt: skip
ISSUED = {
    # The village is a recipient of the commune plan; the province oversees the commune.
    "detail": {"own_editor": 200, "own_approver": 200, "own_clerk": 200, "own_viewer": 200,
               "province_editor": 200, "sibling_editor": 404, "child_editor": 200, "outsider": 404},
    # An issued plan is not editable: its own editor is sent back to the plan page.
    "edit": {"own_editor": 302, "own_approver": 403, "own_clerk": 403, "own_viewer": 403,
             "province_editor": 403, "sibling_editor": 404, "child_editor": 403, "outsider": 404},
}  # fmt: skip


def urls(plan, page):
    if page == "detail":
        return [reverse("plans:detail", args=[plan.pk])]
    section = plan.sections.get(kind="tasks")
    return [
        reverse("plans:edit", args=[plan.pk]),
        reverse("plans:section", args=[plan.pk, section.pk]),
    ]


MATRIX = [
    (which, page, persona, table[page][persona])
    for which, table in [("draft", DRAFT), ("issued", ISSUED)]
    for page in ("detail", "edit")
    for persona in PERSONAS
]


@pytest.mark.parametrize(("which", "page", "persona", "status"), MATRIX)
def test_plan_pages_answer_each_persona(client, tree, plans, which, page, persona, status):
    client.force_login(tree.users[persona])
    for url in urls(plans[which], page):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("persona", PERSONAS)
def test_posting_a_section_answers_like_opening_it(client, tree, plans, persona):
    plan = plans["draft"]
    section = plan.sections.get(kind="purposes")
    client.force_login(tree.users[persona])
    response = client.post(
        reverse("plans:section", args=[plan.pk, section.pk]),
        {
            "section-title": "MỤC ĐÍCH",
            "section-item_style": "numbered",
            "version": section_version(section),
        },
    )
    expected = DRAFT["edit"][persona]
    assert response.status_code == (302 if expected == 200 else expected)
    section.refresh_from_db()
    assert (section.title == "MỤC ĐÍCH") == (expected == 200)


def visible(user):
    return set(Plan.objects.visible_to(user).values_list("summary", flat=True))


def test_members_see_their_drafts_and_issued_plans_addressed_to_them(tree, plans):
    assert visible(tree.users["own_viewer"]) == {
        "Dự thảo xã Một",
        "Kế hoạch xã Một",
        "Kế hoạch tỉnh A",  # a task names the commune committee as lead
    }


def test_the_province_oversees_issued_plans_below_but_not_drafts(tree, plans):
    assert visible(tree.users["province_editor"]) == {"Kế hoạch xã Một", "Kế hoạch tỉnh A"}


def test_a_sibling_commune_and_an_outsider_see_nothing_of_the_commune(tree, plans):
    assert visible(tree.users["sibling_editor"]) == set()
    assert visible(tree.users["outsider"]) == set()


def test_a_village_sees_the_commune_plan_it_receives(tree, plans):
    assert visible(tree.users["child_editor"]) == {"Kế hoạch xã Một"}


def test_the_access_check_on_one_plan_costs_two_queries(tree, plans, django_assert_num_queries):
    from plans.access import access_plan

    with django_assert_num_queries(2):
        access_plan(tree.users["own_editor"], plans["draft"].pk, need="edit")


def test_new_plan_needs_an_editor_role(client, tree):
    client.force_login(tree.users["own_viewer"])
    assert client.get(reverse("plans:create")).status_code == 403
    client.force_login(tree.users["own_editor"])
    assert client.get(reverse("plans:create")).status_code == 200
