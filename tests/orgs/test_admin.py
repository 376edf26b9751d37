import pytest
from django.urls import reverse

from orgs.models import Organisation


@pytest.mark.parametrize(
    "model", ["level", "organisation", "membership", "person", "committeemember", "auditentry"]
)
def test_every_admin_page_answers_in_vietnamese(admin_client, tree, model):
    for url in [reverse(f"admin:orgs_{model}_changelist"), reverse(f"admin:orgs_{model}_add")]:
        response = admin_client.get(url)
        if model == "auditentry" and url.endswith("/add/"):
            assert response.status_code == 403  # the log is only ever appended to
            continue
        assert response.status_code == 200
        assert "Quản trị Kế hoạch" in response.content.decode()


def post_organisation(admin_client, url, **fields):
    data = {"kind": "village", "name": "Thôn Mới", "duty_separation": "issue", **fields}
    return admin_client.post(url, {k: v for k, v in data.items() if v is not None})


def test_admin_adds_a_village_under_a_commune_by_its_id(admin_client, tree):
    commune = tree.orgs["commune_one"]
    response = post_organisation(
        admin_client,
        reverse("admin:orgs_organisation_add"),
        parent=commune.pk,
        level=tree.orgs["village_one"].level_id,
    )
    assert response.status_code == 302
    village = Organisation.objects.get(name="Thôn Mới")
    assert Organisation.objects.get_parent(village) == commune
    commune.refresh_from_db()
    assert commune.numchild == 4


def test_admin_moves_a_unit_with_its_subtree_and_refuses_a_cycle(admin_client, tree):
    commune = tree.orgs["commune_one"]
    url = reverse("admin:orgs_organisation_change", args=[commune.pk])
    fields = {"kind": "area", "name": "Xã Một", "level": commune.level_id,
              "duty_separation": "issue"}  # fmt: skip

    cycle = admin_client.post(url, {**fields, "parent": tree.orgs["village_one"].pk})
    assert "Không thể chuyển đơn vị vào chính nó" in cycle.content.decode()

    response = admin_client.post(url, {**fields, "parent": tree.orgs["other_province"].pk})
    assert response.status_code == 302
    village = Organisation.objects.get(pk=tree.orgs["village_one"].pk)
    chain = [o.name for o in Organisation.objects.get_ancestors(village)]
    assert chain == ["Tỉnh B", "Xã Một"]
    assert Organisation.objects.find_problems() == ([], [], [], [], [])


@pytest.mark.parametrize(
    "name",
    [
        "plans_plan", "plans_task", "plans_section", "plans_target", "plans_responsibility",
        "plans_reportingrule", "plans_recipient", "campaign_movement", "campaign_indicator",
    ],
)  # fmt: skip
def test_plan_and_catalogue_admin_pages_answer(admin_client, demo, name):
    from plans.demo import load_demo_plans

    load_demo_plans()
    for url in [reverse(f"admin:{name}_changelist"), reverse(f"admin:{name}_add")]:
        assert admin_client.get(url).status_code == 200


def test_the_admin_index_names_every_app_and_model_in_vietnamese(admin_client):
    import re

    html = admin_client.get(reverse("admin:index")).content.decode()
    names = [name.strip() for name in re.findall(
        r'<(?:caption|th scope="row")[^>]*>\s*(?:<a[^>]*>)?([^<]+)', html)]  # fmt: skip
    assert len(names) > 20
    # Every Vietnamese name here has a letter outside ASCII ("Kế hoạch", "Các nhóm"…);
    # "Task Results" or "Access attempts" would not.
    assert [name for name in names if name.isascii()] == []
