"""The national level (Trung ương): loaded once, seen by everyone signed in as the issuers of
what they implement, managed only by its own members; a national plan addressed to a
province is read there."""

from datetime import date

import pytest
from django.urls import reverse

from orgs.central import NATIONAL_ROOT, load_national_bodies, national_root
from orgs.models import Membership, Organisation
from orgs.services import ensure_levels, grant_role
from plans import services, workflow

COMMITTEE = "Ban Chỉ đạo Trung ương phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”"


def snapshot():
    return list(Organisation.objects.order_by("pk").values_list("pk", "path", "numchild", "name"))


@pytest.fixture
def national(tree):
    load_national_bodies()
    return {o.name: o for o in Organisation.objects.filter(level__code="tw")}


def test_load_national_bodies_twice_creates_them_once_above_the_provinces(db):
    assert load_national_bodies() == 9
    first = snapshot()
    assert load_national_bodies() == 0
    assert snapshot() == first
    root = national_root()
    assert (root.name, root.depth, root.kind, root.place) == (NATIONAL_ROOT, 1, "area", "Hà Nội")
    names = set(Organisation.objects.get_children(root).values_list("name", flat=True))
    assert {COMMITTEE, "Bộ Văn hóa, Thể thao và Du lịch", "Tổng Liên đoàn Lao động Việt Nam",
            "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"} <= names  # fmt: skip
    levels = ensure_levels()
    assert levels["tw"].rank < levels["tinh"].rank
    assert root.level == levels["tw"]


@pytest.mark.parametrize("persona", ["own_viewer", "child_editor", "outsider"])
def test_everyone_signed_in_sees_the_national_bodies_but_cannot_manage_them(
    client, tree, national, persona
):
    user = tree.users[persona]
    visible = set(Organisation.objects.visible_to(user).values_list("name", flat=True))
    assert set(national) <= visible
    # The rest of the tree stays as the rules say: Xã Hai is not the viewer's.
    assert ("Xã Hai" in visible) is False
    committee = national[COMMITTEE]
    client.force_login(user)
    assert client.get(reverse("orgs:detail", args=[committee.pk])).status_code == 200
    assert client.get(reverse("orgs:edit", args=[committee.pk])).status_code == 403
    found = client.get(reverse("orgs:list"), {"q": "trung uong mat tran"})
    assert "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam" in found.content.decode()


def test_a_visitor_who_is_not_signed_in_sees_nothing(client, national):
    committee = national[COMMITTEE]
    response = client.get(reverse("orgs:detail", args=[committee.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_national_member_oversees_the_national_level_only(tree, national, django_user_model):
    member = django_user_model.objects.create_user("tw-editor", password="x")
    grant_role(member, national[COMMITTEE], Membership.Role.EDITOR)
    visible = set(Organisation.objects.visible_to(member).values_list("name", flat=True))
    assert visible == set(national)  # the provinces are not below it
    assert "Xã Một" not in visible


def test_a_national_plan_addressed_to_a_province_is_read_there_and_not_elsewhere(
    client, tree, national, django_user_model
):
    committee = national[COMMITTEE]
    committee.duty_separation = Organisation.DutySeparation.NONE
    committee.save(update_fields=["duty_separation"])
    head = django_user_model.objects.create_user("tw-head", password="x")
    for role in Membership.Role:
        grant_role(head, committee, role)
    plan = services.start_plan(issuer=committee, by=head, year=2024,
                               summary="Kế hoạch thực hiện phong trào năm 2024")  # fmt: skip
    services.add_recipient(plan, tree.orgs["province_committee"])
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=head)
    plan = workflow.issue_plan(plan, by=head, number=12, issued_on=date(2024, 1, 15))

    url = reverse("plans:detail", args=[plan.pk])
    client.force_login(tree.users["province_editor"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Kế hoạch thực hiện phong trào năm 2024" in page.content.decode()
    client.force_login(tree.users["own_viewer"])  # not addressed: today's rule says no
    assert client.get(url).status_code == 404
