"""Search that finds (issue 11): plans by full number, by words of any printed part, in any
order, with or without diacritics, ranked; on SQLite and PostgreSQL alike."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from plans import services, workflow
from plans.models import Plan


@pytest.fixture
def plans(tree, boss):
    committee = tree.orgs["committee_one"]

    def issued(summary, number, task):
        plan = services.start_plan(issuer=committee, by=boss, year=2024, summary=summary)
        with workflow.editing(plan, by=boss) as locked:
            services.add_task(locked.sections.get(kind="tasks"), task)
        plan = workflow.submit_plan(plan, by=boss)
        plan = workflow.approve_plan(plan, by=boss)
        return workflow.issue_plan(plan, by=boss, number=number, issued_on=date(2024, 3, 1))

    return {
        "culture": issued("Thực hiện phong trào xây dựng đời sống văn hóa năm 2024", 34,
                          "Tuyên truyền, vận động nhân dân đăng ký gia đình văn hóa."),
        "roads": issued("Làm đường giao thông nông thôn năm 2024", 5,
                        "Vận động nhân dân hiến đất làm đường; tuyên truyền trên loa."),
    }  # fmt: skip


def found(text):
    plans = Plan.objects.order_by("-year", "-pk").search(text)  # the plan list's order
    return [plan.summary.split()[0] for plan in plans]


def test_a_plan_is_found_by_its_full_number_as_printed(plans):
    assert found("34/KH-BCĐ") == ["Thực"]
    assert found("05/KH") == ["Làm"]
    assert found("34/kh-bcd") == ["Thực"]


def test_words_of_a_task_find_the_plan_without_diacritics_and_in_any_order(plans):
    assert found("gia dinh dang ky") == ["Thực"]
    assert found("hien dat") == ["Làm"]
    assert found("loa tuyên truyền") == ["Làm"]


def test_ke_hoach_van_hoa_finds_the_culture_plan_first(plans):
    # Words match inside longer ones ("hoa" in "hoạch"), so the roads plan comes too, after.
    assert found("ke hoach van hoa") == ["Thực", "Làm"]


def test_plans_with_the_words_in_their_summary_come_first(plans):
    # "nhân dân" is in both plans' tasks; "đời sống" in the culture plan's summary only
    assert sorted(found("nhan dan")) == ["Làm", "Thực"]
    assert found("nhan dan doi song") == ["Thực"]
    # "vận động" is in both tasks; "văn" also in the culture summary: it ranks first, although
    # the newer roads plan comes first where ranks are equal
    assert found("tuyen truyen") == ["Làm", "Thực"]
    assert found("van dong") == ["Thực", "Làm"]
    assert found("nam 2024 tuyen truyen") == found("tuyen truyen nam 2024")


def test_the_plan_list_searches_the_same_way(client, tree, plans):
    client.force_login(tree.users["own_viewer"])
    page = client.get(reverse("plans:list"), {"q": "hiến đất"}).content.decode()
    assert "Làm đường giao thông" in page and "đời sống văn hóa" not in page


def test_a_search_word_typed_into_a_task_is_found_after_the_edit(tree, boss, plans):
    plan = Plan.objects.get(pk=plans["roads"].pk)
    draft = workflow.supersede_plan(plan, by=boss)
    with workflow.editing(draft, by=boss) as locked:
        services.add_task(locked.sections.get(kind="tasks"), "Lắp đèn năng lượng mặt trời.")
    assert Plan.objects.search("den nang luong mat troi").get() == draft


def test_postgresql_serves_word_search_from_trigram_indexes(plans):
    """Migration plans/0018 adds pg_trgm GIN indexes on PostgreSQL (figures in
    docs/benchmarks.md); SQLite has none and finds the same plans by scanning."""
    query = Plan.objects.search("hien dat lam duong").values_list("pk", flat=True)
    assert list(query) == [plans["roads"].pk]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'plans_plan'")
            names = {row[0] for row in cursor.fetchall()}
            assert {"plans_plan_search_text_trgm", "plans_plan_body_text_trgm"} <= names
            cursor.execute("SET enable_seqscan = off")  # a tiny table: ask for the index
            sql, params = query.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
            assert "plans_plan_body_text_trgm" in plan
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%trgm%'")
            assert cursor.fetchall() == []
