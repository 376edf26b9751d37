"""The plan editor costs a fixed number of queries (issue 11, bench): the plan's page with 3 or
30 sections and recipients, a section with 3 or 30 rows (tasks with their units, targets,
duties), the reporting section with 1 or 10 rules and 3 or 30 villages reporting. bench/daily.py
times the same pages on a large data set."""

import pytest
from django.urls import reverse

from orgs.models import Organisation
from orgs.services import add_organisation
from plans import services
from plans.models import ReportingRule, Section

from ..queries import page_queries

Kind = Section.Kind
Period = ReportingRule.Period
Reporters = ReportingRule.Reporters
PLAN_BUDGET = 18  # measured 16 (the plan, its sections, recipients and their unit cards…)
SECTION_BUDGET = 20  # measured 19 with tasks, 14 with targets or duties
REPORTING_BUDGET = 30  # measured 27: the rules twice, the preview's units, the navbar…
# each other kind of reporters named by some rule adds one query (measured 33 with all six)
EVERY_KIND_BUDGET = REPORTING_BUDGET + 6


@pytest.fixture
def draft(tree):
    return services.start_plan(
        issuer=tree.orgs["committee_one"], by=tree.users["own_editor"], year=2024,
        summary="Kế hoạch thực hiện Phong trào năm 2024",
    )  # fmt: skip


def villages(tree, count):
    """The villages of Xã Một, added until there are count of them (Thôn Một-1 is the first)."""
    commune = tree.orgs["commune_one"]
    found = list(Organisation.objects.get_children(commune).filter(kind="village").order_by("path"))
    for i in range(len(found) + 1, count + 1):
        found.append(
            add_organisation(
                parent=commune,
                kind="village",
                level=tree.orgs["village_one"].level,
                name=f"Thôn Một-{i}",
            )  # fmt: skip
        )
    return found


def section_page(editor, plan, kind):
    section = plan.sections.get(kind=kind)
    return page_queries(editor, reverse("plans:section", args=[plan.pk, section.pk]))


def test_the_plan_page_costs_the_same_with_3_and_30_sections_and_recipients(editor, tree, draft):
    url = reverse("plans:edit", args=[draft.pk])

    def grow(count):
        units = villages(tree, count)
        while draft.sections.count() < count:
            services.add_section(draft, Kind.FREE, title=f"PHẦN {draft.sections.count()}")
        for unit in units[draft.recipients.count() :]:
            services.add_recipient(draft, unit)

    grow(3)  # start_plan gives five sections
    few, _ = page_queries(editor, url)
    grow(30)
    many, response = page_queries(editor, url)
    assert len(response.context["sections"]) == 30
    assert response.context["recipients"].total_form_count() == 30
    assert "Thôn Một-30" in response.content.decode()
    assert many == few
    assert many <= PLAN_BUDGET


def test_a_tasks_section_costs_the_same_with_3_and_30_tasks_of_two_leads_and_two_coordinators(
    editor, tree, draft
):
    section = draft.sections.get(kind=Kind.TASKS)
    units = villages(tree, 4)

    def grow(count):
        while section.tasks.count() < count:
            services.add_task(
                section, f"Nhiệm vụ số {section.tasks.count() + 1}", leads=units[:2],
                supports=units[2:], timeframe="Quý II",
            )  # fmt: skip

    grow(3)
    few, _ = section_page(editor, draft, Kind.TASKS)
    grow(30)
    many, response = section_page(editor, draft, Kind.TASKS)
    assert response.context["items"].total_form_count() >= 30
    assert "Nhiệm vụ số 30" in response.content.decode()
    assert many == few
    assert many <= SECTION_BUDGET


def test_a_targets_section_costs_the_same_with_3_and_30_targets(editor, draft, catalogue):
    section = draft.sections.get(kind=Kind.TARGETS)
    indicator = catalogue[1]["gia-dinh-van-hoa"]

    def grow(count):
        while section.targets.count() < count:
            services.add_target(
                section, f"Chỉ tiêu số {section.targets.count() + 1}", indicator=indicator,
                value=86, unit="%",
            )  # fmt: skip

    grow(3)
    few, _ = section_page(editor, draft, Kind.TARGETS)
    grow(30)
    many, response = section_page(editor, draft, Kind.TARGETS)
    page = response.content.decode()
    assert "Chỉ tiêu số 30" in page
    assert page.count(f'<option value="{indicator.pk}" selected>') == 30  # choices read once
    assert many == few
    assert many <= SECTION_BUDGET


def test_a_duties_section_costs_the_same_with_3_and_30_units(editor, tree, draft):
    section = draft.sections.get(kind=Kind.IMPLEMENTATION)

    def grow(count):
        for unit in villages(tree, count)[section.duties.count() :]:
            services.add_duty(section, unit, f"Triển khai tại {unit.name}.")

    grow(3)
    few, _ = section_page(editor, draft, Kind.IMPLEMENTATION)
    grow(30)
    many, response = section_page(editor, draft, Kind.IMPLEMENTATION)
    assert "Triển khai tại Thôn Một-30." in response.content.decode()
    assert many == few
    assert many <= SECTION_BUDGET


def rule(period, reporters=Reporters.SUBORDINATES, **fields):
    return {"period": period, "reporters": reporters, "due_day": 20, "due_month": None, **fields}


# Ten rules of the villages (different periods, days and kinds of unit), as a commune asks.
TEN_RULES = [
    rule(Period.MONTHLY),
    rule(Period.QUARTERLY, due_day=25),
    rule(Period.HALF_YEAR, due_month=6),
    rule(Period.NINE_MONTHS, due_month=9),
    rule(Period.YEARLY, due_month=11),
    rule(Period.FINAL, due_month=12),
    rule(Period.ONCE, due_month=4),
    rule(Period.QUARTERLY, unit_kind="village"),
    rule(Period.YEARLY, due_day=None, due_month=12, unit_kind="village"),
    rule(Period.MONTHLY, due_day=5, unit_kind="committee"),
]


def reporting_section(tree, plan, rules):
    section = plan.sections.filter(kind=Kind.REPORTING).first()
    section = section or services.add_section(plan, Kind.REPORTING)
    services.save_reporting_rules(plan, [dict(row) for row in rules], by=tree.users["own_editor"])
    return section


def test_the_reporting_section_costs_the_same_with_1_and_10_rules_and_3_and_30_villages(
    editor, tree, draft
):
    villages(tree, 3)
    reporting_section(tree, draft, TEN_RULES[:1])
    few, response = section_page(editor, draft, Kind.REPORTING)
    assert response.context["expected_total"] == 3 * 12

    villages(tree, 30)
    reporting_section(tree, draft, TEN_RULES)
    many, response = section_page(editor, draft, Kind.REPORTING)
    # per village: 12 + 4 + 1 + 1 + 1 + 1 + 1 + 4 + 1 reports; no committee below the commune
    assert response.context["expected_total"] == 30 * 26
    assert response.context["rules"].total_form_count() >= 10
    assert "Thôn Một-30" in response.content.decode()
    assert many == few
    assert many <= REPORTING_BUDGET


def test_rules_of_every_kind_of_reporters_stay_within_the_budget(editor, tree, draft):
    units = villages(tree, 30)
    section = draft.sections.get(kind=Kind.TASKS)
    for i in range(30):
        services.add_task(section, f"Nhiệm vụ {i}", leads=units[i : i + 1], supports=units[:2])
    services.add_recipient(draft, tree.orgs["government_one"])
    rules = [
        rule(Period.QUARTERLY, reporters, named_units=units[:5] if reporters == "named" else [])
        for reporters in Reporters.values
    ]
    reporting_section(tree, draft, rules + rules)
    queries, response = section_page(editor, draft, Kind.REPORTING)
    assert response.context["expected_total"] > 30 * 4
    assert queries <= EVERY_KIND_BUDGET
