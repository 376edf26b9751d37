"""Reusing plans: last year's plan copied to a new year, and an implementing plan started from
the issued plan of the level above."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import Indicator, Movement
from orgs.models import CommitteeMember, Organisation
from orgs.services import add_committee_seat, add_organisation, ensure_levels
from plans import services, workflow
from plans.models import Plan, Recipient, ReportingRule, Section, Target, TargetAllocation, Task
from plans.printing import plan_text
from plans.reuse import COPIED_PLAN_FIELDS, copy_plan_to_year, start_implementing_plan
from plans.services import (
    PlanError,
    add_duty,
    add_recipient,
    add_section,
    add_target,
    add_task,
    create_plan,
)

Kind = Section.Kind
BASES = [
    "Căn cứ Nghị định số 86/2023/NĐ-CP ngày 07/12/2023 của Chính phủ quy định về danh hiệu văn hóa;",
    "Thực hiện Kế hoạch số 03/KH-BCĐ ngày 20/01/2023 của Ban Chỉ đạo tỉnh A.",
]
MOVEMENT = "Toàn dân đoàn kết xây dựng đời sống văn hóa"


def issue(plan, number, issued_on):
    # The workflow services do not exist yet; this is what issuing will leave behind.
    plan.status, plan.number, plan.issued_on = Plan.Status.ISSUED, number, issued_on
    plan.save()
    return plan


def movement():
    return Movement.objects.get_or_create(name=MOVEMENT, short_name="TĐĐKXDĐSVH")[0]


def commune_plan(tree, *, year=2023):
    """A commune committee's yearly plan with every part a plan can have."""
    o = tree.orgs
    province_plan = issue(
        create_plan(
            issuer=o["province_committee"],
            by=tree.users["province_editor"],
            year=year,
            summary=f"Triển khai phong trào năm {year}",
        ),
        3,
        date(year, 1, 20),
    )
    seat = add_committee_seat(
        o["committee_one"], position=CommitteeMember.Position.DEPUTY, full_name="Nguyễn Văn An"
    )
    plan = create_plan(
        issuer=o["committee_one"],
        by=tree.users["own_editor"],
        year=year,
        summary=f"Thực hiện phong trào “{MOVEMENT}” năm {year}",
        planned_month=2,
        parent_plan=province_plan,
        movements=[movement()],
        bases="\n".join(BASES),
        opening="Ban Chỉ đạo xã Một xây dựng kế hoạch thực hiện như sau:",
        closing="Trên đây là Kế hoạch của Ban Chỉ đạo xã Một.",
        archive_line="Lưu: VT, VP.",
        authority_lines="TM. BAN CHỈ ĐẠO\nKT. TRƯỞNG BAN",
        signer_position="PHÓ TRƯỞNG BAN",
        signer=seat.person,
        signer_name="Nguyễn Văn An",
    )
    add_section(
        plan,
        Kind.PURPOSES,
        body="Nâng cao chất lượng phong trào.\nGắn với xây dựng nông thôn mới.",
        closing_text="Yêu cầu: thiết thực, hiệu quả.",
        item_style=Section.ItemStyle.DASHED,
    )
    targets = add_section(plan, Kind.TARGETS)
    indicator = Indicator.objects.create(
        code="gia-dinh-van-hoa",
        name="Tỷ lệ gia đình văn hóa",
        numerator_label="Số hộ đạt danh hiệu",
        denominator_label="Tổng số hộ",
        unit="%",
    )
    add_target(targets, "Tỷ lệ gia đình văn hóa", indicator=indicator, value=86, unit="%")
    villages = add_target(
        targets,
        "Thôn văn hóa",
        comparator=Target.Comparator.MAINTAIN,
        value=1,
        denominator=1,
        unit="thôn",
    )
    TargetAllocation.objects.create(target=villages, organisation=o["village_one"], value=1)
    add_target(targets, "An ninh", text="Không có điểm nóng về an ninh, trật tự.")

    tasks = add_section(plan, Kind.TASKS)
    news = add_task(
        tasks,
        "Tuyên truyền phong trào trên hệ thống truyền thanh",
        leads=[o["government_one"]],
        supports=["Các thôn", o["committee_one"]],
        timeframe=f"Cả năm {year}",
    )
    add_task(
        tasks,
        "Xây dựng chuyên mục",
        parent=news,
        leads=[o["village_one"]],
        timeframe=f"Quý I năm {year}",
    )
    add_task(tasks, "Treo băng rôn, khẩu hiệu", parent=news, timeframe="Tháng 2,3")
    add_task(
        tasks,
        "Bình xét gia đình văn hóa",
        leads=["Các thôn"],
        supports=[o["government_one"], o["village_one"]],
        timeframe="Từ 17/10 đến 18/11 hằng năm",
    )
    add_task(tasks, "Sơ kết 6 tháng", leads=[o["committee_one"]], timeframe="Trước ngày 10/6")
    add_task(tasks, "Tổng kết phong trào", timeframe=f"Từ 01/12/{year} đến 15/01/{year + 1}")
    add_task(tasks, "Thực hiện các nhiệm vụ khác", timeframe="Theo chỉ đạo của cấp trên")
    add_section(plan, Kind.FUNDING, body="Từ ngân sách xã.")
    duties = add_section(plan, Kind.IMPLEMENTATION)
    add_duty(duties, o["government_one"], "Bố trí kinh phí.")
    add_duty(duties, o["village_one"], "Tổ chức bình xét.\nBáo cáo kết quả.")
    add_duty(duties, "Ủy ban Mặt trận Tổ quốc xã", "Phối hợp vận động.", is_request=True)
    add_section(plan, Kind.REPORTING, body="Các thôn báo cáo 6 tháng trước ngày 10/6.")
    half = ReportingRule.objects.create(
        plan=plan,
        period=ReportingRule.Period.HALF_YEAR,
        due_day=10,
        due_month=6,
        reporters=ReportingRule.Reporters.NAMED,
        report_to=o["committee_one"],
    )
    half.named_units.set([o["village_one"], o["government_one"]])
    ReportingRule.objects.create(
        plan=plan,
        period=ReportingRule.Period.YEARLY,
        due_day=10,
        due_month=11,
        report_to_text="Thường trực Ban Chỉ đạo xã",
    )
    add_recipient(plan, o["province_committee"], note="(b/c)")
    add_recipient(plan, o["government_one"])
    add_recipient(plan, "Các thôn")
    add_recipient(plan, "Cổng thông tin điện tử xã", kind=Recipient.Kind.ELECTRONIC)
    return plan


def moved_on(text, years=1):
    """text with every year the sample plan mentions moved on by years."""
    return re.sub(r"\b(2023|2024)\b", lambda m: str(int(m[0]) + years), text)


def shifted(day, years=1):
    return day and day.replace(year=day.year + years)


def outline(plan):
    """Sections, targets, tasks with sub-tasks and units, duties: what a copy must keep."""

    def units(task):
        return [(u.role, u.order, u.organisation_id, u.text) for u in task.units.all()]

    return [
        (
            section.order,
            section.kind,
            section.title,
            section.body,
            section.closing_text,
            section.item_style,
            [
                (t.order, t.indicator_id, t.label, t.comparator, t.value, t.unit, t.denominator)
                for t in section.targets.all()
            ],
            [
                (
                    task.order,
                    task.content,
                    units(task),
                    [(sub.order, sub.content, units(sub)) for sub in task.subtasks.all()],
                )
                for task in section.tasks.filter(parent=None)
            ],
            [
                (d.order, d.organisation_id, d.unit_text, d.is_request, d.body)
                for d in section.duties.all()
            ],
        )
        for section in plan.sections.all()
    ]


def timeframes(plan):
    """Every task's timeframe in printed order, each task followed by its sub-tasks."""
    tasks = Task.objects.filter(section__plan=plan, parent=None).order_by(
        "section__order", "order", "pk"
    )
    return [
        (t.content, t.timeframe_text, t.starts_on, t.ends_on, t.is_yearly)
        for task in tasks
        for t in (task, *task.subtasks.all())
    ]


# Copying a plan to another year.


def test_copy_prints_the_same_plan_with_the_year_moved_on(tree):
    plan = commune_plan(tree)

    copy = copy_plan_to_year(plan, year=2024, by=tree.users["own_editor"])

    expected = [line if line in BASES else moved_on(line) for line in plan_text(plan).split("\n")]
    assert plan_text(copy).split("\n") == expected
    assert "Từ 01/12/2024 đến 15/01/2025" in plan_text(copy)


def test_copy_keeps_every_section_target_task_and_duty_in_order(tree):
    plan = commune_plan(tree)

    copy = copy_plan_to_year(plan, year=2024, by=tree.users["own_editor"])

    assert outline(copy) == outline(plan)
    assert [s.kind for s in copy.sections.all()] == [
        Kind.PURPOSES,
        Kind.TARGETS,
        Kind.TASKS,
        Kind.FUNDING,
        Kind.IMPLEMENTATION,
        Kind.REPORTING,
    ]


def test_copy_keeps_subtasks_and_units_in_order_with_their_organisations(tree):
    o = tree.orgs
    copy = copy_plan_to_year(commune_plan(tree), year=2024, by=tree.users["own_editor"])

    news = Task.objects.get(section__plan=copy, content__startswith="Tuyên truyền")
    assert [(u.role, u.organisation, u.text) for u in news.units.all()] == [
        ("lead", o["government_one"], ""),
        ("support", None, "Các thôn"),
        ("support", o["committee_one"], ""),
    ]
    assert [
        (sub.content, [u.organisation for u in sub.units.all()]) for sub in news.subtasks.all()
    ] == [
        ("Xây dựng chuyên mục", [o["village_one"]]),
        ("Treo băng rôn, khẩu hiệu", []),
    ]


def test_copy_moves_task_timeframes_and_dates_by_the_year_difference(tree):
    plan = commune_plan(tree)

    copy = copy_plan_to_year(plan, year=2024, by=tree.users["own_editor"])

    assert timeframes(copy) == [
        (content, moved_on(text), shifted(start), shifted(end), yearly)
        for content, text, start, end, yearly in timeframes(plan)
    ]
    assert ("Cả năm 2024", date(2024, 1, 1), date(2024, 12, 31)) in [
        (text, start, end) for _, text, start, end, _ in timeframes(copy)
    ]


@pytest.mark.parametrize(
    ("year", "new_year", "text", "new_text", "starts_on", "ends_on"),
    [
        (2023, 2024, "Cả năm 2023", "Cả năm 2024", date(2024, 1, 1), date(2024, 12, 31)),
        (2020, 2021, "tháng 11/2020", "tháng 11/2021", date(2021, 11, 1), date(2021, 11, 30)),
        (2024, 2023, "Quý IV năm 2024", "Quý IV năm 2023", date(2023, 10, 1), date(2023, 12, 31)),
        (2024, 2025, "Tháng 2", "Tháng 2", date(2025, 2, 1), date(2025, 2, 28)),
        (2023, 2024, "Tháng 2", "Tháng 2", date(2024, 2, 1), date(2024, 2, 29)),
        (2023, 2024, "Năm 20235", "Năm 20235", None, None),
    ],
)
def test_copy_writes_the_new_year_into_the_timeframe_and_reads_its_dates_again(
    tree, year, new_year, text, new_text, starts_on, ends_on
):
    plan = create_plan(issuer=tree.orgs["committee_one"], by=None, year=year, summary="Kế hoạch")
    add_task(add_section(plan, Kind.TASKS), "Nhiệm vụ", timeframe=text)

    copy = copy_plan_to_year(plan, year=new_year, by=None)

    task = Task.objects.get(section__plan=copy)
    assert (task.timeframe_text, task.starts_on, task.ends_on) == (new_text, starts_on, ends_on)


def test_copy_to_a_year_without_29_february_keeps_the_task_on_28_february(tree):
    plan = create_plan(issuer=tree.orgs["committee_one"], by=None, year=2024, summary="Kế hoạch")
    add_task(add_section(plan, Kind.TASKS), "Nhiệm vụ", timeframe="Ngày 29/02")

    copy = copy_plan_to_year(plan, year=2025, by=None)

    task = Task.objects.get(section__plan=copy)
    assert (task.timeframe_text, task.starts_on, task.ends_on) == (
        "Ngày 29/02",
        date(2025, 2, 28),
        date(2025, 2, 28),
    )


def test_copy_of_a_five_year_plan_moves_its_whole_period(tree):
    plan = create_plan(
        issuer=tree.orgs["committee_one"],
        by=None,
        year=2021,
        end_year=2025,
        summary="Thực hiện phong trào giai đoạn 2021–2025",
    )
    section = add_section(plan, Kind.TASKS)
    add_task(section, "Sơ kết", timeframe="Năm 2023")
    add_task(section, "Bình xét", timeframe="Quý IV hằng năm")

    copy = copy_plan_to_year(plan, year=2026, by=None)

    assert (copy.year, copy.end_year, copy.period_label) == (2026, 2030, "2026–2030")
    assert copy.summary == "Thực hiện phong trào giai đoạn 2026–2030"
    assert [(text, start, end, yearly) for _, text, start, end, yearly in timeframes(copy)] == [
        ("Năm 2028", date(2028, 1, 1), date(2028, 12, 31), False),
        ("Quý IV hằng năm", date(2026, 10, 1), date(2026, 12, 31), True),
    ]


def test_copy_moves_only_the_plan_year_in_the_summary(tree):
    plan = create_plan(
        issuer=tree.orgs["committee_one"],
        by=None,
        year=2023,
        summary="Triển khai Nghị định số 86/2023/NĐ-CP năm 2023, mã 20231",
    )

    copy = copy_plan_to_year(plan, year=2024, by=None)

    assert copy.summary == "Triển khai Nghị định số 86/2023/NĐ-CP năm 2024, mã 20231"


def test_copy_is_a_draft_without_number_or_date(tree):
    plan = issue(commune_plan(tree), 12, date(2023, 2, 14))
    editor = tree.users["own_editor"]

    copy = copy_plan_to_year(plan, year=2024, by=editor)

    assert (copy.status, copy.number, copy.issued_on) == (Plan.Status.DRAFT, None, None)
    assert copy.document_number == "Số:       /KH-BCĐ"
    assert (copy.issuer, copy.year, copy.end_year, copy.created_by) == (
        plan.issuer,
        2024,
        None,
        editor,
    )
    assert (copy.planned_month, copy.parent_plan, copy.signer) == (2, plan.parent_plan, plan.signer)
    assert list(copy.movements.all()) == [movement()]
    assert Plan.objects.search("2024 thuc hien phong trao").get() == copy


def test_copy_keeps_allocations_reporting_rules_and_electronic_copies(tree):
    o = tree.orgs
    copy = copy_plan_to_year(commune_plan(tree), year=2024, by=tree.users["own_editor"])

    assert [
        (a.target.label, a.organisation, a.value)
        for a in TargetAllocation.objects.filter(target__section__plan=copy)
    ] == [("Thôn văn hóa", o["village_one"], Decimal(1))]
    assert [
        (
            r.period,
            r.due_day,
            r.due_month,
            r.reporters,
            r.report_to,
            r.report_to_text,
            {u.pk for u in r.named_units.all()},
        )
        for r in copy.reporting_rules.order_by("pk")
    ] == [
        (
            "half_year",
            10,
            6,
            "named",
            o["committee_one"],
            "",
            {o["village_one"].pk, o["government_one"].pk},
        ),
        ("yearly", 10, 11, "leads", None, "Thường trực Ban Chỉ đạo xã", set()),
    ]
    assert [(r.kind, r.label) for r in copy.recipients.all()] == [
        ("electronic", "Cổng thông tin điện tử xã"),
        ("recipient", "Ban Chỉ đạo tỉnh A (b/c)"),
        ("recipient", "Ủy ban nhân dân xã Một"),
        ("recipient", "Các thôn"),
    ]


def test_copy_leaves_the_original_unchanged(tree):
    plan = issue(commune_plan(tree), 12, date(2023, 2, 14))

    def state():
        plan.refresh_from_db()
        return (
            (plan.status, plan.number, plan.issued_on, plan.year, plan.summary),
            plan_text(plan),
            outline(plan),
            timeframes(plan),
            list(plan.reporting_rules.values_list("pk", "named_units")),
            list(plan.recipients.values_list("pk", "text")),
            list(TargetAllocation.objects.filter(target__section__plan=plan).values_list("pk")),
        )

    before = state()

    copy_plan_to_year(plan, year=2024, by=tree.users["own_editor"])

    assert state() == before


def test_every_plan_field_is_either_copied_or_deliberately_set_anew():
    set_anew = {
        "id",
        "status",
        "number",
        "issued_on",
        "year",
        "end_year",
        "summary",
        "created_by",
        "created_at",
        "updated_at",
        "search_text",
        "body_text",  # written by the copy's own first history entry
        # workflow: a copy is a fresh draft, not a new version of the same document
        "version",
        "supersedes",
        "revoked_reason",
        # the header a copy prints is kept when the copy itself is issued
        "issued_header",
        # a document attached to a decision is copied with the decision and linked to its copy
        "attached_to",
    }
    fields = {field.name for field in Plan._meta.concrete_fields}
    assert fields == set(COPIED_PLAN_FIELDS) | set_anew, (
        "A new Plan field: decide in plans/reuse.py whether a copy keeps it."
    )


def plan_with_tasks(tree, count):
    o = tree.orgs
    plan = create_plan(issuer=o["committee_one"], by=None, year=2023, summary="Kế hoạch năm 2023")
    section = add_section(plan, Kind.TASKS)
    for number in range(count):
        task = add_task(
            section,
            f"Nhiệm vụ {number}",
            leads=[o["government_one"]],
            supports=["Các thôn", o["village_one"]],
            timeframe="Quý I năm 2023",
        )
        add_task(
            section, f"Việc {number}", parent=task, leads=[o["village_one"]], timeframe="Tháng 2"
        )
    return plan


def test_copy_takes_as_many_queries_for_30_tasks_as_for_3(tree, django_assert_max_num_queries):
    small, large = plan_with_tasks(tree, 3), plan_with_tasks(tree, 30)
    with CaptureQueriesContext(connection) as queries:
        copy_plan_to_year(small, year=2024, by=None)
    assert len(queries) <= 35  # the copy, then its first history entry (the printed snapshot)

    with django_assert_max_num_queries(len(queries)):
        copy = copy_plan_to_year(large, year=2024, by=None)

    assert Task.objects.filter(section__plan=copy).count() == 60


# Starting an implementing plan from the plan of the level above.


def province_plan(tree, *, year=2024, end_year=None):
    """The province committee's issued plan, with tasks addressed to several units."""
    o = tree.orgs
    plan = create_plan(
        issuer=o["province_committee"],
        by=tree.users["province_editor"],
        year=year,
        end_year=end_year,
        summary=f"Triển khai phong trào “{MOVEMENT}” năm {year}",
        movements=[movement()],
    )
    targets = add_section(plan, Kind.TARGETS)
    families = add_target(
        targets,
        "Tỷ lệ gia đình văn hóa",
        value=86,
        unit="%",
        text="Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa” từ 86% trở lên.",
    )
    TargetAllocation.objects.create(target=families, organisation=o["commune_one"], value=90)
    TargetAllocation.objects.create(target=families, organisation=o["commune_two"], value=80)
    villages = add_target(targets, "Thôn văn hóa", value=100, denominator=120, unit="thôn")
    TargetAllocation.objects.create(target=villages, organisation=o["commune_one"], value=5)
    TargetAllocation.objects.create(target=villages, organisation=o["committee_one"], value=6)
    add_target(targets, "An ninh", text="Không để xảy ra điểm nóng về an ninh, trật tự.")
    agencies = add_target(targets, "Cơ quan đạt chuẩn văn hóa", value=70, unit="%")
    TargetAllocation.objects.create(target=agencies, organisation=o["commune_two"], value=75)

    tasks = add_section(plan, Kind.TASKS)
    add_task(
        tasks,
        "Tổ chức Ngày hội Đại đoàn kết",
        leads=[o["province_committee"]],
        supports=[o["committee_one"], o["committee_two"]],
        timeframe="Tháng 11",
    )
    add_task(tasks, "Kiểm tra công nhận xã văn hóa", leads=[o["commune_one"]], timeframe="Quý IV")
    add_task(
        tasks,
        "Hướng dẫn nghiệp vụ",
        leads=[o["province_committee"]],
        supports=["Các xã, phường"],
        timeframe="Cả năm",
    )
    add_task(tasks, "Xây dựng mô hình điểm", leads=[o["committee_two"]], timeframe="Quý II")
    add_task(tasks, "Tuyên truyền trên loa", leads=[o["government_one"]], timeframe="Cả năm")
    contest = add_task(
        tasks, "Phát động thi đua", leads=[o["province_committee"]], timeframe="Quý I"
    )
    add_task(tasks, "Ở cấp tỉnh", parent=contest, leads=[o["province_committee"]])
    add_task(
        tasks,
        "Ở cấp xã",
        parent=contest,
        leads=[o["committee_one"]],
        supports=["Các thôn"],
        timeframe="Tháng 3",
    )
    add_task(tasks, "Triển khai tại thôn", leads=[o["village_one"]], timeframe="Tháng 5")
    office = add_organisation(
        parent=o["government_one"],
        kind=Organisation.Kind.DEPARTMENT,
        level=ensure_levels()["xa"],
        name="Phòng Văn hóa - Xã hội xã Một",
    )
    add_task(tasks, "Thống kê số liệu", leads=[office], timeframe="Trước ngày 15/12")
    add_section(plan, Kind.IMPLEMENTATION)
    return issue(plan, 5, date(2024, 2, 5))


def task_contents(plan):
    return [
        (task.order, task.content, [sub.content for sub in task.subtasks.all()])
        for task in Task.objects.filter(section__plan=plan, parent=None)
    ]


def test_implementing_plan_is_pre_filled_from_the_parent(tree):
    parent = province_plan(tree)
    committee = tree.orgs["committee_one"]
    committee.place = "Một"  # as the committee's editors set it on the unit page
    committee.save()

    plan = start_implementing_plan(
        parent, issuer=tree.orgs["committee_one"], by=tree.users["own_editor"]
    )

    assert plan_text(plan) == "\n".join(
        [
            "BAN CHỈ ĐẠO XÃ MỘT",
            "Số:       /KH-BCĐ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Một, ngày       tháng       năm 2024",
            "KẾ HOẠCH",
            f"Triển khai phong trào “{MOVEMENT}” năm 2024",
            "Thực hiện Kế hoạch số 05/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A về triển khai"
            f" phong trào “{MOVEMENT}” năm 2024.",
            "Ban Chỉ đạo xã Một xây dựng kế hoạch triển khai thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. CHỈ TIÊU",
            "1. Tỷ lệ gia đình văn hóa: 90% trở lên",
            "2. Thôn văn hóa: 6 thôn trở lên",
            "3. Không để xảy ra điểm nóng về an ninh, trật tự.",
            "4. Cơ quan đạt chuẩn văn hóa: 70% trở lên",
            "III. NỘI DUNG, THỜI GIAN THỰC HIỆN",
            "1. Tổ chức Ngày hội Đại đoàn kết",
            "- Thực hiện: Ban Chỉ đạo tỉnh A.",
            "- Phối hợp thực hiện: Ban Chỉ đạo xã Một, Ban Chỉ đạo xã Hai.",
            "- Thời gian thực hiện: Tháng 11.",
            "2. Kiểm tra công nhận xã văn hóa",
            "- Thực hiện: Xã Một.",
            "- Thời gian thực hiện: Quý IV.",
            "3. Phát động thi đua",
            "- Ở cấp tỉnh",
            "- Thực hiện: Ban Chỉ đạo tỉnh A.",
            "- Ở cấp xã",
            "- Thực hiện: Ban Chỉ đạo xã Một.",
            "- Phối hợp thực hiện: Các thôn.",
            "- Thời gian thực hiện: Tháng 3.",
            "- Thực hiện: Ban Chỉ đạo tỉnh A.",
            "- Thời gian thực hiện: Quý I.",
            "IV. TỔ CHỨC THỰC HIỆN",
            "./.",
            "Nơi nhận:",
            "- Ban Chỉ đạo tỉnh A (b/c);",
            "- Lưu: VT.",
            "TM. BAN CHỈ ĐẠO XÃ MỘT",
        ]
    )
    assert (plan.status, plan.number, plan.issuer, plan.year, plan.end_year) == (
        Plan.Status.DRAFT,
        None,
        tree.orgs["committee_one"],
        2024,
        None,
    )
    assert (plan.symbol, plan.place, plan.created_by) == ("KH-BCĐ", "Một", tree.users["own_editor"])
    assert (plan.authority_lines, plan.signer_position, plan.signer, plan.signer_name) == (
        "",
        "",
        None,
        "",
    )


def test_implementing_plan_keeps_the_link_to_its_parent_and_the_movements(tree):
    parent = province_plan(tree)

    plan = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None)

    assert plan.parent_plan == parent
    assert list(parent.implementing_plans.all()) == [plan]
    assert list(plan.movements.all()) == [movement()]


def test_only_tasks_naming_the_issuer_its_area_or_its_subtree_are_pre_filled(tree):
    parent = province_plan(tree)
    o = tree.orgs

    committee = start_implementing_plan(parent, issuer=o["committee_one"], by=None)
    government = start_implementing_plan(parent, issuer=o["government_one"], by=None)
    village = start_implementing_plan(parent, issuer=o["village_one"], by=None)

    assert task_contents(committee) == [
        (1, "Tổ chức Ngày hội Đại đoàn kết", []),
        (2, "Kiểm tra công nhận xã văn hóa", []),
        (3, "Phát động thi đua", ["Ở cấp tỉnh", "Ở cấp xã"]),
    ]
    assert task_contents(government) == [
        (1, "Kiểm tra công nhận xã văn hóa", []),
        (2, "Tuyên truyền trên loa", []),
        (3, "Thống kê số liệu", []),
    ]
    # A village is an area itself: its commune's tasks are not its own.
    assert task_contents(village) == [(1, "Triển khai tại thôn", [])]


def test_pre_filled_tasks_keep_their_units_and_timeframes(tree):
    parent = province_plan(tree)
    o = tree.orgs

    plan = start_implementing_plan(parent, issuer=o["committee_one"], by=None)

    contest = Task.objects.get(section__plan=plan, content="Phát động thi đua")
    local = contest.subtasks.get(content="Ở cấp xã")
    assert [(u.role, u.organisation, u.text) for u in local.units.all()] == [
        ("lead", o["committee_one"], ""),
        ("support", None, "Các thôn"),
    ]
    assert (contest.timeframe_text, contest.starts_on, contest.ends_on) == (
        "Quý I",
        date(2024, 1, 1),
        date(2024, 3, 31),
    )
    assert (local.timeframe_text, local.starts_on, local.ends_on) == (
        "Tháng 3",
        date(2024, 3, 1),
        date(2024, 3, 31),
    )


def test_inherited_targets_take_the_value_allocated_to_the_issuer_or_its_area(tree):
    parent = province_plan(tree)

    plan = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None)

    assert [
        (t.order, t.label, t.comparator, t.value, t.unit, t.denominator, t.text)
        for t in Target.objects.filter(section__plan=plan)
    ] == [
        (1, "Tỷ lệ gia đình văn hóa", "at_least", Decimal(90), "%", None, ""),
        (2, "Thôn văn hóa", "at_least", Decimal(6), "thôn", None, ""),
        (
            3,
            "An ninh",
            "at_least",
            None,
            "",
            None,
            "Không để xảy ra điểm nóng về an ninh, trật tự.",
        ),
        (4, "Cơ quan đạt chuẩn văn hóa", "at_least", Decimal(70), "%", None, ""),
    ]
    assert not TargetAllocation.objects.filter(target__section__plan=plan).exists()


def test_targets_without_an_allocation_for_the_issuer_keep_the_parent_figures(tree):
    parent = province_plan(tree)

    plan = start_implementing_plan(parent, issuer=tree.orgs["province_committee"], by=None)

    assert [
        (t.value, t.denominator, t.text) for t in Target.objects.filter(section__plan=plan)
    ] == [(t.value, t.denominator, t.text) for t in Target.objects.filter(section__plan=parent)]


def test_basis_line_of_a_plan_issued_without_number_or_date(tree):
    parent = create_plan(
        issuer=tree.orgs["province_committee"],
        by=None,
        year=2024,
        summary="UBND tỉnh giao chỉ tiêu phong trào năm 2024.",
    )
    parent.status = Plan.Status.ISSUED
    parent.save()

    plan = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None)

    assert plan.bases == (
        "Thực hiện Kế hoạch của Ban Chỉ đạo tỉnh A về UBND tỉnh giao chỉ tiêu phong trào năm 2024."
    )
    assert [s.kind for s in plan.sections.all()] == [Kind.PURPOSES, Kind.TASKS, Kind.IMPLEMENTATION]


def test_a_yearly_plan_implementing_a_five_year_plan_reads_timeframes_in_its_own_year(tree):
    parent = province_plan(tree, year=2021, end_year=2025)

    whole = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None)
    yearly = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None, year=2024)

    assert (whole.year, whole.end_year, yearly.year, yearly.end_year) == (2021, 2025, 2024, None)
    first = Task.objects.get(section__plan=yearly, parent=None, order=1)
    assert (first.timeframe_text, first.starts_on, first.ends_on) == (
        "Tháng 11",
        date(2024, 11, 1),
        date(2024, 11, 30),
    )


@pytest.mark.parametrize(
    "status",
    [Plan.Status.DRAFT, Plan.Status.SUBMITTED, Plan.Status.RETURNED, Plan.Status.APPROVED],
)
def test_a_plan_not_yet_issued_cannot_be_implemented(tree, status):
    parent = create_plan(
        issuer=tree.orgs["province_committee"], by=None, year=2024, summary="Kế hoạch"
    )
    parent.status = status
    parent.save()

    with pytest.raises(PlanError, match="Chỉ có thể triển khai từ kế hoạch đã ban hành."):
        start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None)
    assert list(Plan.objects.all()) == [parent]


def test_copy_into_a_new_year_rolls_every_year_and_date_in_the_texts_but_the_bases(tree, boss):
    plan = services.start_plan(
        issuer=tree.orgs["committee_one"], by=boss, year=2026,
        summary="Xây dựng đời sống văn hóa năm 2026",
        bases="Căn cứ Kế hoạch số 05/KH-BCĐ ngày 05/02/2026 của Ban Chỉ đạo tỉnh A;",
        opening="Năm 2026, Ban Chỉ đạo xã xây dựng kế hoạch như sau:",
    )  # fmt: skip
    with workflow.editing(plan, by=boss) as locked:
        tasks = locked.sections.get(kind="tasks")
        services.add_task(tasks, "Báo cáo sơ kết trước ngày 10/6/2026 và tổng kết năm 2026.")
        services.add_task(tasks, "Duy trì 12 câu lạc bộ thành lập từ năm 2019.")
        targets = locked.sections.get(kind="targets")
        services.add_target(targets, "Số hộ đạt gia đình văn hóa năm 2026", value=86, unit="%")

    copy = copy_plan_to_year(plan, year=2027, by=boss)

    texts = [t.content for t in Task.objects.filter(section__plan=copy).order_by("order")]
    assert texts == ["Báo cáo sơ kết trước ngày 10/6/2027 và tổng kết năm 2027.",
                     "Duy trì 12 câu lạc bộ thành lập từ năm 2019."]  # fmt: skip
    assert copy.summary == "Xây dựng đời sống văn hóa năm 2027"
    assert copy.opening == "Năm 2027, Ban Chỉ đạo xã xây dựng kế hoạch như sau:"
    assert copy.sections.get(kind="targets").targets.get().label.endswith("năm 2027")
    assert copy.bases == plan.bases  # a cited document keeps its date
    # what it changed, and what it left for the writer to decide
    parts = {part for part, _old, _new in copy.year_changes}
    assert "Đoạn mở đầu" in parts and any(p.startswith("Nhiệm vụ") for p in parts)
    checked = dict(copy.to_check)
    assert "Căn cứ" in checked
    assert any("2019" in text for text in checked.values())
    # and the copy starts its own history, written by the person who copied it
    (event,) = copy.events.all()
    assert (event.action, event.by) == ("created", boss)


def test_the_copy_page_says_what_it_changed_and_what_to_check(client, tree, boss):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    plan = services.start_plan(
        issuer=tree.orgs["committee_one"], by=boss, year=2026, summary="Kế hoạch năm 2026",
        bases="Căn cứ Nghị quyết số 12 ngày 05/01/2026;", opening="Trong năm 2026, …",
    )  # fmt: skip
    client.force_login(boss)
    response = client.post(reverse("plans:copy", args=[plan.pk]), {"year": 2027})

    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown[0].startswith("Đã sao chép sang năm 2027; bản sao là dự thảo. Đã đổi năm trong")
    assert "Đoạn mở đầu" in shown[0]
    assert shown[1] == "Cần xem lại năm trong Căn cứ: “Căn cứ Nghị quyết số 12 ngày 05/01/2026;”"


def test_an_implementing_plan_starts_its_history_with_the_person_who_started_it(tree):
    parent = province_plan(tree)
    editor = tree.users["own_editor"]
    child = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=editor)
    (event,) = child.events.all()
    assert (event.action, event.by) == ("created", editor)
    assert event.comment.startswith("Triển khai")
