from datetime import date

import pytest

from campaign.catalogue import load_catalogue
from orgs.models import Membership
from orgs.services import add_organisation, grant_role
from plans import services
from plans.models import Plan

from .reportdata import issued_plan, make_user


def issue_for_tests(plan, number, on):
    """Stand-in for the workflow's issuance (issue 6): number, date, status."""
    plan.status, plan.number, plan.issued_on = Plan.Status.ISSUED, number, on
    plan.save()
    return plan


@pytest.fixture
def plans(tree):
    """A draft and an issued plan of the commune committee, and an issued province plan."""
    o, editor = tree.orgs, tree.users["own_editor"]
    draft = services.start_plan(
        issuer=o["committee_one"], by=editor, year=2024, summary="Dự thảo xã Một"
    )
    issued = services.start_plan(
        issuer=o["committee_one"], by=editor, year=2024, summary="Kế hoạch xã Một"
    )
    services.add_recipient(issued, o["village_one"])
    issue_for_tests(issued, 3, date(2024, 2, 5))
    province = services.start_plan(
        issuer=o["province_committee"], by=tree.users["province_editor"], year=2024,
        summary="Kế hoạch tỉnh A",
    )  # fmt: skip
    tasks = province.sections.get(kind="tasks")
    services.add_task(tasks, "Hướng dẫn các xã", leads=[o["committee_one"]], timeframe="Quý I")
    issue_for_tests(province, 30, date(2024, 2, 5))
    return {"draft": draft, "issued": issued, "province": province}


@pytest.fixture
def catalogue(db):
    return load_catalogue()


@pytest.fixture
def boss(tree, django_user_model):
    """Holds every role at every committee of Tỉnh A, to move plans along quickly."""
    user = django_user_model.objects.create_user("boss", password="x")
    for key in ("province_committee", "committee_one", "committee_two"):
        for role in Membership.Role:
            grant_role(user, tree.orgs[key], role)
    return user


@pytest.fixture
def province(tree, boss, catalogue):
    """Tỉnh A → communes Một (villages Một-1, Một-2) and Hai (village Hai-1); a province plan
    and a plan of each commune committee, all asking for a report at mid-year."""
    o = tree.orgs
    level = o["village_one"].level
    o["village_one_b"] = add_organisation(
        parent=o["commune_one"], kind="village", level=level, name="Thôn Một-2"
    )
    o["village_two"] = add_organisation(
        parent=o["commune_two"], kind="village", level=level, name="Thôn Hai-1"
    )
    indicator = catalogue[1]["gia-dinh-van-hoa"]
    plans = {
        key: issued_plan(o[key], boss, indicator)
        for key in ("province_committee", "committee_one", "committee_two")
    }
    for village in ("village_one", "village_one_b", "village_two"):
        user = tree.users.setdefault(village, make_user(village))
        grant_role(user, o[village], Membership.Role.EDITOR)
    return plans
