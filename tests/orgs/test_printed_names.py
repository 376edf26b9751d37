"""A document prints the names valid on its date: a district's 2024 plan keeps the district's
committee name and parent-body line after the district was closed in 2025, taken over, and its
committee renamed."""

from datetime import date

from orgs.models import Level, Membership, Organisation
from orgs.services import add_unit, close_organisation, grant_role, rename_organisation
from orgs.succession import set_successor
from plans import services, workflow
from plans.models import Plan
from plans.printing import plan_text

REFORM = date(2025, 7, 1)
OLD = ["BAN CHỈ ĐẠO HUYỆN ĐÔNG", "UBND HUYỆN ĐÔNG"]
NEW = ["XÃ ĐÔNG SƠN"]


def test_a_pre_2025_district_plan_prints_the_district_after_it_was_closed_and_succeeded(
    tree, boss, django_user_model
):
    o = tree.orgs
    district_level = Level.objects.get(code="huyen")
    district = add_unit(o["province"], by=boss, kind="area", level=district_level,
                        name="Huyện Đông", place="Đông")  # fmt: skip
    committee = add_unit(
        district, by=boss, kind="committee", level=district_level,
        name="Ban Chỉ đạo huyện Đông", symbol="BCĐ",
        parent_body_line="UBND huyện Đông", place="Đông",
    )  # fmt: skip
    committee.duty_separation = Organisation.DutySeparation.NONE
    committee.save(update_fields=["duty_separation"])
    head = django_user_model.objects.create_user("huyen-dong", password="x")
    for role in Membership.Role:
        grant_role(head, committee, role)
    plan = services.start_plan(issuer=committee, by=head, year=2024,
                               summary="Kế hoạch phong trào huyện năm 2024")  # fmt: skip
    services.add_task(plan.sections.get(kind="tasks"), "Tuyên truyền", timeframe="Quý I")
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=head)
    plan = workflow.issue_plan(plan, by=head, number=3, issued_on=date(2024, 3, 1))
    before = plan_text(plan)
    assert [line for line in OLD if line in before] == OLD

    # 1 July 2025: the district is abolished, Xã Đông Sơn takes it over, and its committee's
    # record is renamed for the new commune.
    heir = add_unit(o["province"], by=boss, kind="area", level=o["commune_one"].level,
                    name="Xã Đông Sơn", place="Đông Sơn", active_from=REFORM)  # fmt: skip
    close_organisation(district, on=REFORM, by=boss)
    set_successor(district, heir, by=boss)
    rename_organisation(committee, name="Ban Chỉ đạo xã Đông Sơn", on=REFORM, by=boss)
    Organisation.objects.filter(pk=committee.pk).update(parent_body_line="UBND xã Đông Sơn")

    after = plan_text(Plan.objects.get(pk=plan.pk))
    assert after == before
    assert [line for line in OLD if line in after] == OLD
    assert [line for line in NEW if line in after] == []
    assert Organisation.objects.get(pk=committee.pk).active_to == REFORM
