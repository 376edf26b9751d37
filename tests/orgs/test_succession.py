"""Units over time: a closed unit points at the unit that took it over; chains are followed,
loops refused; roll-ups count a taken-over unit's reports at its successor's place; the unit
pages show the dates, the successor and the predecessors."""

from datetime import date

import pytest
from django.urls import reverse

from orgs.models import Organisation
from orgs.services import OrgError, add_unit, close_organisation
from orgs.succession import (
    carried_path,
    current_successor,
    set_successor,
    taken_over_paths,
)
from reports.rollup import rollup, scope_node

from ..reportdata import report_of, send

REFORM = date(2025, 7, 1)
MID_2024 = date(2024, 6, 30)


@pytest.fixture
def merged(tree, boss):
    """Xã Hai closes on 1 July 2025 and the new Xã Ba takes it over."""
    o = tree.orgs
    o["commune_three"] = add_unit(
        o["province"], by=boss, kind="area", level=o["commune_two"].level, name="Xã Ba",
        place="Ba", active_from=REFORM,
    )  # fmt: skip
    close_organisation(o["commune_two"], on=REFORM, by=boss)
    set_successor(o["commune_two"], o["commune_three"], by=boss)
    return o


def test_a_chain_of_successors_ends_at_the_unit_in_force(tree, boss, merged):
    o = merged
    assert current_successor(o["commune_three"]) is None
    assert current_successor(Organisation.objects.get(pk=o["commune_two"].pk)) == o["commune_three"]
    # Xã Ba is merged again later, into Xã Một.
    close_organisation(o["commune_three"], on=date(2030, 1, 1), by=boss)
    set_successor(o["commune_three"], o["commune_one"], by=boss)
    assert current_successor(Organisation.objects.get(pk=o["commune_two"].pk)) == o["commune_one"]


def test_a_unit_in_force_itself_or_a_loop_cannot_be_a_successor(tree, boss, merged):
    o = merged
    with pytest.raises(OrgError, match="còn hoạt động"):
        set_successor(o["commune_one"], o["commune_three"], by=boss)
    two = Organisation.objects.get(pk=o["commune_two"].pk)
    with pytest.raises(OrgError, match="quay vòng"):
        set_successor(two, two, by=boss)
    close_organisation(o["commune_three"], on=date(2030, 1, 1), by=boss)
    with pytest.raises(OrgError, match="quay vòng"):
        set_successor(o["commune_three"], two, by=boss)
    assert Organisation.objects.get(pk=o["commune_three"].pk).successor is None


def test_taken_over_paths_map_a_closed_unit_to_its_successor_and_its_villages_with_it(merged):
    o = merged
    two, three = o["commune_two"].path, o["commune_three"].path
    assert taken_over_paths(o["province"].path) == {two: three}
    assert taken_over_paths(three) == {two: three}
    assert taken_over_paths(o["commune_one"].path) == {}
    village_of_two = two + "0001"
    assert carried_path(village_of_two, {two: three}) == three
    assert carried_path(o["commune_one"].path, {two: three}) == o["commune_one"].path


def test_a_2024_report_of_a_merged_commune_rolls_up_under_the_commune_that_took_it_over(
    tree, province, boss, django_assert_max_num_queries
):
    u, o = tree.users, tree.orgs
    send(report_of(province["committee_one"], o["village_one"]), u["village_one"], 80, 100)
    send(report_of(province["committee_two"], o["village_two"]), u["village_two"], 10, 40)
    plan = province["province_committee"]
    (before,) = rollup(plan, scope_node(plan), "half_year", MID_2024)
    assert {unit.name: f.numerator for unit, f in before.rows} == {"Xã Một": 80, "Xã Hai": 10}

    three = add_unit(o["province"], by=boss, kind="area", level=o["commune_two"].level,
                     name="Xã Ba", active_from=REFORM)  # fmt: skip
    close_organisation(o["commune_two"], on=REFORM, by=boss)
    set_successor(o["commune_two"], three, by=boss)

    (after,) = rollup(plan, scope_node(plan), "half_year", MID_2024)
    rows = {unit.name: (f.numerator, f.denominator, f.reports) for unit, f in after.rows}
    assert rows == {"Xã Một": (80, 100, 1), "Xã Ba": (10, 40, 1)}
    assert (after.total.numerator, after.total.denominator) == (90, 140)
    with django_assert_max_num_queries(6):  # targets, the links (2), two sums, the names
        (own,) = rollup(plan, three, "half_year", MID_2024)
    assert (own.total.numerator, own.total.denominator, own.total.reports) == (10, 40, 1)
    assert [(unit.name, f.numerator) for unit, f in own.rows] == [("Xã Ba", 10)]


def test_the_unit_pages_show_dates_the_successor_and_the_predecessors(client, tree, boss, merged):
    o = merged
    client.force_login(boss)
    closed = client.get(reverse("orgs:detail", args=[o["commune_two"].pk])).content.decode()
    assert "Hết hiệu lực từ" in closed
    assert "ngày 01 tháng 7 năm 2025" in closed
    link = f'<a href="{reverse("orgs:detail", args=[o["commune_three"].pk])}">Xã Ba</a>'
    assert link in closed
    successor = client.get(reverse("orgs:detail", args=[o["commune_three"].pk])).content.decode()
    assert "Hoạt động từ" in successor and "ngày 01 tháng 7 năm 2025" in successor
    assert "Kế thừa các đơn vị" in successor
    assert f'<a href="{reverse("orgs:detail", args=[o["commune_two"].pk])}">Xã Hai</a>' in successor


def test_a_successor_one_may_not_open_is_named_without_a_link(client, tree, boss, merged):
    o = merged
    # The viewer of Xã Một's committee sees Xã Một only; make Xã Một the one taken over.
    close_organisation(o["commune_one"], on=REFORM, by=boss)
    set_successor(o["commune_one"], o["commune_three"], by=boss)
    client.force_login(tree.users["own_viewer"])
    page = client.get(reverse("orgs:detail", args=[o["commune_one"].pk])).content.decode()
    assert "Đơn vị kế thừa" in page and "Xã Ba" in page
    assert reverse("orgs:detail", args=[o["commune_three"].pk]) not in page


def test_a_hostile_successor_name_is_shown_as_text(client, tree, boss, merged):
    o = merged
    three = o["commune_three"]
    three.name = "<script>alert(1)</script>"
    three.save()
    client.force_login(boss)
    page = client.get(reverse("orgs:detail", args=[o["commune_two"].pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_demo_units_closed_in_2025_point_at_the_units_that_took_them_over(demo):
    def named(name):
        return Organisation.objects.get(name=name, active_to=REFORM)

    assert named("Phường Quyết Tiến").successor.name == "Phường Đoàn Kết"
    assert named("Xã Quyết Thắng").successor.name == "Xã Yên Bình"
    assert named("Tỉnh Bắc Giang").successor.name == "Tỉnh Bắc Ninh"
    # Districts were abolished: their communes carry their history on.
    assert named("Huyện Hữu Lũng").successor is None
    assert named("Thành phố Lai Châu").successor is None
