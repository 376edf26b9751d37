from datetime import date

import pytest

from plans import services
from plans.models import Plan


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
def editor(client, tree):
    """A client signed in as the editor of Ban Chỉ đạo xã Một."""
    client.force_login(tree.users["own_editor"])
    return client


@pytest.fixture
def draft(plans):
    return plans["draft"]
