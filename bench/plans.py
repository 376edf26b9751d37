"""Plans at national scale: timings and query counts against the budgets of issues 3 and 4.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_bench .venv/bin/python -m bench.plans

Runs on the data set of bench.orgs (migrated, units loaded, `gen_national` run; whatever is
missing is done first). Adds, idempotently, one issued 2024 plan per commune steering committee
(10 tasks, 3 recipients) and a handful of drafts, then prints a Markdown report
(docs/benchmarks.md). Exit 1 if a budget is missed.
"""

import argparse
import os
import re
import time
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
django.setup()

from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import Http404  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.orgs import (  # noqa: E402
    PROVINCE_CODE,
    ensure_data,
    ensure_user,
    first_village,
    fresh,
    machine,
    measure,
    province_committee,
)
from campaign.catalogue import TDDK, load_catalogue  # noqa: E402
from campaign.text import fold  # noqa: E402
from orgs.models import Membership, Organisation  # noqa: E402
from orgs.national import FIRST_VILLAGES  # noqa: E402
from plans.access import access_plan  # noqa: E402
from plans.models import Plan, Recipient, Section, Task, TaskUnit  # noqa: E402
from plans.services import add_task, start_plan  # noqa: E402
from plans.timeframes import parse_timeframe  # noqa: E402

Kind = Organisation.Kind
Role = Membership.Role
PAGE = 50
YEAR = 2024
SUMMARY = (
    "Thực hiện nhiệm vụ trọng tâm Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” "
    f"năm {YEAR}"
)
DRAFT_SUMMARY = f"Dự thảo kế hoạch tổng kết Phong trào năm {YEAR} (benchmark)"
SUPPORTS = "Ủy ban MTTQ, các đoàn thể và các thôn, tổ dân phố"
# (content, timeframe); odd tasks are led by the commune's people's committee, even ones by
# the committee itself.
TASKS = [
    (
        "Quán triệt, triển khai các văn bản chỉ đạo của Ban Chỉ đạo tỉnh về thực hiện Phong "
        "trào, bảo đảm đồng bộ, hiệu quả, phù hợp với tình hình thực tế của địa phương.",
        f"Quý I năm {YEAR}",
    ),
    (
        "Tuyên truyền, vận động Nhân dân tích cực hưởng ứng, tham gia Phong trào trên hệ thống "
        "loa truyền thanh, tại các buổi sinh hoạt thôn, tổ dân phố.",
        f"Cả năm {YEAR}",
    ),
    (
        "Hướng dẫn các thôn, tổ dân phố đăng ký danh hiệu “Gia đình văn hóa”, “Thôn, tổ dân phố "
        "văn hóa” và tổ chức bình xét đúng quy định.",
        f"Tháng 3 năm {YEAR}",
    ),
    (
        "Xây dựng, sửa đổi, bổ sung hương ước, quy ước của thôn, tổ dân phố; thực hiện nếp sống "
        "văn minh trong việc cưới, việc tang và lễ hội.",
        f"Quý II năm {YEAR}",
    ),
    (
        "Duy trì hoạt động của nhà văn hóa, sân thể thao thôn; tổ chức các hoạt động văn hóa, "
        "văn nghệ, thể dục, thể thao chào mừng các ngày lễ lớn.",
        f"Cả năm {YEAR}",
    ),
    (
        "Phối hợp xây dựng nông thôn mới, đô thị văn minh; vận động Nhân dân giữ gìn vệ sinh "
        "môi trường, cảnh quan xanh, sạch, đẹp.",
        f"Cả năm {YEAR}",
    ),
    (
        "Kiểm tra, giám sát việc thực hiện Phong trào tại các thôn, tổ dân phố và các cơ quan, "
        "đơn vị trên địa bàn.",
        f"Quý III năm {YEAR}",
    ),
    (
        "Biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu trong thực hiện Phong trào.",
        f"Tháng 11 năm {YEAR}",
    ),
    (
        "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư.",
        f"Tháng 11 năm {YEAR}",
    ),
    (
        "Sơ kết 6 tháng, tổng kết năm thực hiện Phong trào; báo cáo kết quả về Ban Chỉ đạo tỉnh.",
        f"Tháng 12 năm {YEAR}",
    ),
]
COMMITTEES_PER_TRANSACTION = 500
MANY_ROWS = 10_000  # a scan reading more rows than this grows with the data set


def say(text):
    print(f"<!-- {text} -->", flush=True)


def commune_committees():
    return Organisation.objects.filter(kind=Kind.COMMITTEE, level__code="xa").order_by("path")


def _bodies_by_commune():
    """For each commune path: its people's committee, its front and its first village."""
    bodies = {}
    rows = Organisation.objects.filter(
        depth=3, kind__in=[Kind.GOVERNMENT, Kind.FRONT]
    ) | Organisation.objects.filter(depth=3, kind=Kind.VILLAGE, name__in=FIRST_VILLAGES)
    for org in rows.only("pk", "path", "kind", "name", "short_name").order_by("path"):
        # Each generated commune has one body of each kind and one village numbered 1.
        bodies.setdefault(org.path[: -org.steplen], {}).setdefault(org.kind, org)
    return bodies


def _issued_plans(committees, bodies, timeframes):
    """Build (not save) the plans of committees with their parts, linked by Python objects."""
    plans, sections, tasks, units, recipients = [], [], [], [], []
    for committee in committees:
        commune = bodies[committee.path[: -committee.steplen]]
        ubnd = commune[Kind.GOVERNMENT]
        plan = Plan(
            issuer=committee,
            status=Plan.Status.ISSUED,
            number=1,
            symbol=f"KH-{committee.symbol}",
            place=committee.place,
            issued_on=date(YEAR, 1, 15),
            year=YEAR,
            summary=SUMMARY,
            bases=f"Căn cứ Kế hoạch của Ban Chỉ đạo tỉnh về thực hiện Phong trào năm {YEAR};",
            opening=f"{committee.short_name} xây dựng Kế hoạch năm {YEAR} như sau:",
            closing=f"Trên đây là Kế hoạch thực hiện Phong trào năm {YEAR}./.",
            authority_lines="TM. BAN CHỈ ĐẠO",
            signer_position="TRƯỞNG BAN",
            signer_name="Nguyễn Văn An",
            archive_line="Lưu: VT.",
        )
        plan.search_text = fold(f"{plan.summary} {plan.symbol} {plan.number or ''}")
        plans.append(plan)
        for order, kind in enumerate(
            [Section.Kind.PURPOSES, Section.Kind.TASKS, Section.Kind.IMPLEMENTATION], start=1
        ):
            section = Section(
                plan=plan, order=order, kind=kind, title=Section.DEFAULT_TITLES[kind], body=""
            )
            sections.append(section)
            if kind != Section.Kind.TASKS:
                section.body = "Các thành viên Ban Chỉ đạo triển khai thực hiện Kế hoạch."
                continue
            for index, (content, timeframe) in enumerate(TASKS, start=1):
                parsed = timeframes[timeframe]
                task = Task(
                    section=section,
                    order=index,
                    content=content,
                    timeframe_text=parsed.text,
                    starts_on=parsed.starts_on,
                    ends_on=parsed.ends_on,
                    is_yearly=parsed.is_yearly,
                )
                tasks.append(task)
                lead = ubnd if index % 2 else committee
                units.append(
                    TaskUnit(task=task, role=TaskUnit.Role.LEAD, order=1, organisation=lead)
                )
                units.append(
                    TaskUnit(task=task, role=TaskUnit.Role.SUPPORT, order=1, text=SUPPORTS)
                )
        for order, organisation in enumerate(
            [ubnd, commune[Kind.FRONT], commune[Kind.VILLAGE]], start=1
        ):
            recipients.append(Recipient(plan=plan, order=order, organisation=organisation))
    return plans, sections, tasks, units, recipients


def ensure_plans():
    """One issued plan of YEAR per commune committee, created in bulk; return a note or None."""
    issued = Plan.objects.filter(year=YEAR, status=Plan.Status.ISSUED).values("issuer_id")
    committees = list(commune_committees().exclude(pk__in=issued))
    if not committees:
        return None
    started = time.perf_counter()
    movement = load_catalogue()[0][TDDK]
    bodies = _bodies_by_commune()
    timeframes = {text: parse_timeframe(text, year=YEAR) for _content, text in TASKS}
    through = Plan.movements.through
    counts = [0] * 5
    for start in range(0, len(committees), COMMITTEES_PER_TRANSACTION):
        chunk = committees[start : start + COMMITTEES_PER_TRANSACTION]
        built = _issued_plans(chunk, bodies, timeframes)
        with transaction.atomic():
            # Parents first: bulk_create fills their keys, and a child built with the parent
            # object takes the parent's new id when it is saved.
            for model, rows in zip((Plan, Section, Task, TaskUnit, Recipient), built, strict=True):
                model.objects.bulk_create(rows, batch_size=2000)
            through.objects.bulk_create(
                through(plan_id=plan.pk, movement_id=movement.pk) for plan in built[0]
            )
        counts = [total + len(rows) for total, rows in zip(counts, built, strict=True)]
        say(f"plans: {start + len(chunk):,}/{len(committees):,} committees")
    elapsed = time.perf_counter() - started
    return (
        f"generated {counts[0]:,} issued plans ({counts[1]:,} sections, {counts[2]:,} tasks, "
        f"{counts[3]:,} task units, {counts[4]:,} recipients) in bulk in {elapsed:.1f} s"
    )


def ensure_draft(issuer, by, tasks=3):
    """A draft of issuer written through the services (start_plan, add_task); idempotent."""
    plan = Plan.objects.filter(issuer=issuer, summary=DRAFT_SUMMARY).first()
    if plan is None:
        plan = start_plan(issuer=issuer, by=by, year=YEAR, summary=DRAFT_SUMMARY)
        section = plan.sections.get(kind=Section.Kind.TASKS)
        for content, timeframe in TASKS[:tasks]:
            add_task(section, content, leads=[issuer], supports=[SUPPORTS], timeframe=timeframe)
    return plan


def visible_page(user):
    """The first page of the plans user may see, ordered like the list page: count + rows."""
    plans = Plan.objects.visible_to(fresh(user)).order_by("-year", "-pk")
    page = Paginator(plans, PAGE).page(1)
    return list(page.object_list), page.paginator.count


def access(user, pk):
    try:
        return access_plan(fresh(user), pk)
    except Http404:
        return None


def page(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return response


def data_set(users):
    plans = Plan.objects
    rows = {
        "organisations": Organisation.objects.count(),
        "commune steering committees": commune_committees().count(),
        f"plans issued for {YEAR}": plans.filter(status=Plan.Status.ISSUED, year=YEAR).count(),
        "plans (all)": plans.count(),
        "drafts": plans.filter(status=Plan.Status.DRAFT).count(),
        "sections": Section.objects.count(),
        "tasks": Task.objects.count(),
        "task units": TaskUnit.objects.count(),
        "recipients": Recipient.objects.count(),
    }
    for label, user in users:
        rows[f"plans visible to {label}"] = plans.visible_to(fresh(user)).count()
    return rows


def explain(sql):
    """EXPLAIN ANALYZE of sql, and the scans reading many rows (the costs that grow with data)."""
    if " CURSOR WITH HOLD FOR " in sql:  # the server-side cursor of a prefetch or .iterator()
        sql = sql.split(" CURSOR WITH HOLD FOR ", 1)[1]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    read = {}  # table → rows read by its scans, filtered ones included
    table = loops = None
    for line in plan.splitlines():
        scan = re.search(
            r"Scan (?:using \w+ )?on (\w+) .*actual time=\S+ rows=(\d+) loops=(\d+)", line
        )
        if scan:
            table, loops = scan[1], int(scan[3])
            read[table] = read.get(table, 0) + int(scan[2]) * loops
        elif "->" in line:
            table = None
        elif table and (removed := re.search(r"Rows Removed by (?:Index )?Filter: (\d+)", line)):
            read[table] += int(removed[1]) * loops
    many = [f"{name} ({rows:,} rows)" for name, rows in read.items() if rows >= MANY_ROWS]
    return plan, ", ".join(many)


def short(sql, width=110):
    sql = sql.split(" CURSOR WITH HOLD FOR ", 1)[-1]
    return sql if len(sql) <= width else sql[:width] + "…"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs per measurement (30)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench.plans measures PostgreSQL: set DATABASE_URL=postgres://…")

    notes = ensure_data()
    note = ensure_plans()
    notes.append(note or f"the {YEAR} plans were there already; none generated")

    provinces = Organisation.objects.filter(level__code="tinh", kind=Kind.AREA).active()
    province = provinces.get(code=PROVINCE_CODE)
    last = provinces.order_by("-path")[0]
    village = first_village(province)
    commune = Organisation.objects.get(path=village.path[: -village.steplen])
    committee = commune_committees().get(path__startswith=commune.path)
    elsewhere = Plan.objects.filter(issuer__path__startswith=last.path, status="issued").first()

    province_user = ensure_user("bench-province", province_committee(province), Role.EDITOR)
    last_user = ensure_user("bench-province-last", province_committee(last), Role.EDITOR)
    commune_user = ensure_user("bench-commune", committee, Role.EDITOR)
    village_user = ensure_user("bench-village", village, Role.VIEWER)
    ensure_draft(province_committee(province), province_user)
    ensure_draft(province_committee(last), last_user)
    ensure_draft(committee, commune_user)
    with connection.cursor() as cursor:
        for table in ("plan", "section", "task", "taskunit", "recipient", "plan_movements"):
            cursor.execute(f"ANALYZE plans_{table}")

    own_plan = Plan.objects.get(issuer=committee, year=YEAR, status="issued")
    # The development settings allow localhost, not the test client's "testserver".
    client = Client(SERVER_NAME="localhost")
    client.force_login(province_user)
    users = [
        (f"the editor at the steering committee of {province.name}", province_user),
        (f"the editor at the steering committee of {last.name}", last_user),
        (f"the editor at the steering committee of {commune.name}", commune_user),
        (f"the viewer at {village.name} of {commune.name}", village_user),
    ]

    # (label, function, budget queries or None)
    cases = [
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), editor at the {province.name} "
            "steering committee",
            lambda: visible_page(province_user),
            5,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), editor at the {last.name} "
            "steering committee (last in path order)",
            lambda: visible_page(last_user),
            5,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), editor at the {commune.name} "
            "steering committee",
            lambda: visible_page(commune_user),
            5,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), viewer at {village.name}",
            lambda: visible_page(village_user),
            5,
        ),
        (
            "`access_plan`: province editor opens a commune plan of the province",
            lambda: access(province_user, own_plan.pk),
            2,
        ),
        (
            "`access_plan`: commune editor opens the commune's own plan",
            lambda: access(commune_user, own_plan.pk),
            2,
        ),
        (
            "`access_plan`: village viewer opens a plan addressed to the village",
            lambda: access(village_user, own_plan.pk),
            2,
        ),
        (
            f"`access_plan`: village viewer is refused a plan in {last.name} (404)",
            lambda: access(village_user, elsewhere.pk),
            2,
        ),
        (
            "GET /plans/ (page 1 of 30, Django test client), province editor",
            lambda: page(client, "/plans/"),
            None,
        ),
        (
            f"GET /plans/{own_plan.pk}/ (a 10-task plan), province editor",
            lambda: page(client, f"/plans/{own_plan.pk}/"),
            None,
        ),
    ]
    # The cases measure what they say only if the rules answer as expected here.
    if access(village_user, own_plan.pk) is None or access(village_user, elsewhere.pk):
        raise SystemExit("the village viewer should see its commune's plan and no other")

    print("## Plans benchmark (bench/plans.py)\n")
    for line in notes:
        print(f"*{line}*\n")
    print("| Machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")
    print("\n| Data set | rows |\n|---|---:|")
    for key, value in data_set(users).items():
        print(f"| {key} | {value:,} |")

    print(
        f"\nMedian of {args.repeat} runs after 3 warm-up runs; queries are the most any run made. "
        "Each run starts from a fresh copy of the user, as a request would.\n"
    )
    print("| Operation | median ms | max ms | queries | budget | met |")
    print("|---|---:|---:|---:|---|---|")
    missed = []
    for label, function, budget_queries in cases:
        median, worst, queries = measure(function, args.repeat)
        if budget_queries is None:
            budget, ok = "–", True
        else:
            budget = f"≤ {budget_queries} queries"
            ok = queries <= budget_queries
        if not ok:
            missed.append(label)
        met = "–" if budget_queries is None else "yes" if ok else "**no**"
        print(f"| {label} | {median:.2f} | {worst:.2f} | {queries} | {budget} | {met} |")

    with CaptureQueriesContext(connection) as ctx:
        page(client, "/plans/")
    print(
        f"\nThe {len(ctx.captured_queries)} queries of GET /plans/ for the {province.name} editor:\n"
    )
    print("| # | ms | scans reading ≥ 10,000 rows | query |\n|---:|---:|---|---|")
    for number, query in enumerate(ctx.captured_queries, start=1):
        whole = (
            explain(query["sql"])[1]
            if query["sql"].lstrip().startswith(("SELECT", "DECLARE"))
            else ""
        )
        ms = float(query["time"]) * 1000
        print(f"| {number} | {ms:.1f} | {whole or '–'} | `{short(query['sql'])}` |")

    with CaptureQueriesContext(connection) as ctx:
        visible_page(province_user)
    print(
        f"\nThe {len(ctx.captured_queries)} queries of the `visible_to` page for the "
        f"{province.name} editor, each with `EXPLAIN ANALYZE`:"
    )
    for query in ctx.captured_queries:
        plan, whole = explain(query["sql"])
        verdict = f"scans reading ≥ 10,000 rows: {whole}" if whole else "no scan reads 10,000 rows"
        print(f"\n```sql\n{query['sql']}\n```\n\n**{verdict}**\n\n```\n{plan}\n```")
    print(f"\nBudgets missed: {len(missed)}" + "".join(f"\n- {label}" for label in missed) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
