"""Reports and roll-ups at national scale: timings and query counts against the budgets of issue 7.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_bench .venv/bin/python -m bench.reports

Runs on the data set of bench.plans (whatever is missing is done first: migrations, units,
villages, the commune plans). Adds, idempotently:

- to each issued 2024 commune plan a target on the indicator "gia-dinh-van-hoa" and two
  reporting rules asking the subordinates (the villages) for a half-year and a yearly report,
  and each village's two reports, sent (some late, most accepted), with households as
  numerator and denominator: written in bulk, as the services would write them;
- one issued 2024 plan per province steering committee (created where missing), written and
  issued through the services and the workflow, which create the reports it expects of the
  commune committees; each commune committee's two reports, started from its villages'
  (figures summed, texts grouped by village, so not counted again in roll-ups), with task
  progress, sent (some late).

Then measures the province dashboard, the roll-up alone, a national roll-up and the XLSX
export, and prints a Markdown report (docs/benchmarks.md). Exit 1 if a budget is missed.
"""

import argparse
import os
import random
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from zoneinfo import ZoneInfo

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, F, Q, Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.orgs import (  # noqa: E402
    PROVINCE_CODE,
    ensure_data,
    ensure_user,
    machine,
    measure,
    province_committee,
    say,
)
from bench.plans import ensure_plans, explain  # noqa: E402
from campaign.catalogue import TDDK, load_catalogue  # noqa: E402
from orgs.models import Membership, Organisation  # noqa: E402
from plans import services, workflow  # noqa: E402
from plans.models import Plan, ReportingRule, Section, Target, Task  # noqa: E402
from plans.reporting import periods  # noqa: E402
from reports import rollup  # noqa: E402
from reports.models import Report, TargetActual, TaskProgress  # noqa: E402

Kind = Organisation.Kind
Role = Membership.Role
Status = Report.Status
Period = ReportingRule.Period
YEAR = 2024
INDICATOR = "gia-dinh-van-hoa"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PLANS_PER_TRANSACTION = 300
COUNTED = [Status.SUBMITTED, Status.ACCEPTED]
# The regime of the commune plans ("báo cáo 6 tháng trước ngày 10/6, báo cáo năm trước ngày
# 10/11"); the province gives its communes five more days.
COMMUNE_RULES = [(Period.HALF_YEAR, 10, 6), (Period.YEARLY, 10, 11)]
PROVINCE_RULES = [(Period.HALF_YEAR, 15, 6), (Period.YEARLY, 15, 11)]
YEAR_END = date(YEAR, 12, 31)
HALF_END = date(YEAR, 6, 30)
# Shares drawn per report: sent late, accepted by the receiving unit (else still submitted).
LATE = {Period.HALF_YEAR: 0.12, Period.YEARLY: 0.08}
ACCEPTED = {Period.HALF_YEAR: 0.9, Period.YEARLY: 0.6}
TYPO_SHARE = 1 / 1500  # a village types more families than it has (a plausibility flag)
SIGNERS = ["Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Cường", "Phạm Thị Lan", "Hoàng Văn Dũng"]
PROVINCE_SUMMARY = (
    "Thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” trên địa bàn tỉnh "
    f"năm {YEAR}"
)
PROVINCE_BASES = f"Căn cứ Kế hoạch của Ban Chỉ đạo Trung ương về thực hiện Phong trào năm {YEAR};"
PROVINCE_SUPPORTS = "Ban Chỉ đạo các xã, phường; các sở, ngành, đoàn thể tỉnh"
PROVINCE_TASKS = [
    (
        "Ban hành văn bản hướng dẫn các xã, phường xây dựng kế hoạch thực hiện Phong trào năm "
        f"{YEAR}.",
        f"Quý I năm {YEAR}",
    ),
    (
        "Tập huấn nghiệp vụ cho cán bộ văn hóa – xã hội cấp xã về bình xét các danh hiệu văn hóa.",
        f"Quý II năm {YEAR}",
    ),
    (
        "Tuyên truyền về Phong trào trên báo, đài phát thanh và truyền hình tỉnh và cổng thông "
        "tin điện tử của tỉnh.",
        f"Cả năm {YEAR}",
    ),
    ("Kiểm tra, giám sát việc thực hiện Phong trào tại các xã, phường.", f"Quý III năm {YEAR}"),
    (
        "Hướng dẫn bình xét, công nhận danh hiệu “Gia đình văn hóa”, “Thôn, tổ dân phố văn hóa” "
        "đúng quy định.",
        f"Tháng 11 năm {YEAR}",
    ),
    ("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc điểm của tỉnh.", f"Tháng 11 năm {YEAR}"),
    (
        "Tổng hợp báo cáo sơ kết 6 tháng, tổng kết năm của Ban Chỉ đạo các xã, phường.",
        f"Tháng 12 năm {YEAR}",
    ),
    (
        "Biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu trong thực hiện Phong trào.",
        f"Tháng 12 năm {YEAR}",
    ),
]
BUDGET_DASHBOARD_MS, BUDGET_DASHBOARD_QUERIES, BUDGET_NATIONAL_MS = 300, 15, 2000


# --- the data set ---------------------------------------------------------------------------


def commune_plans():
    """The issued commune plans of YEAR (bench.plans: one per commune steering committee)."""
    return Plan.objects.filter(
        year=YEAR, status=Plan.Status.ISSUED, issuer__kind=Kind.COMMITTEE, issuer__level__code="xa"
    )


def province_plans():
    return Plan.objects.filter(
        year=YEAR, status=Plan.Status.ISSUED, issuer__level__code="tinh", summary=PROVINCE_SUMMARY
    )


def _sent_at(rng, due, late_share):
    """When the report was sent: up to 9 days before its due date, or 1 to 25 days after."""
    if rng.random() < late_share:
        day = due + timedelta(days=rng.randint(1, 25))
    else:
        day = due - timedelta(days=rng.randint(0, 9))
    return datetime.combine(day, clock(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=VIETNAM)


def _village_figures(rng):
    """(numerator, denominator) for the half year and the year: households of a village
    (60–520), a share recognised as "Gia đình văn hóa" around 85 %, a few more households and
    a slightly higher share at the year's end."""
    households = rng.randint(60, 520)
    share = min(0.99, max(0.45, rng.gauss(0.85, 0.07)))
    half = (round(households * share), households)
    grown = households + rng.randint(0, 8)
    year = (round(grown * min(1.0, share + rng.uniform(0, 0.05))), grown)
    if rng.random() < TYPO_SHARE:
        year = (grown + rng.randint(1, 40), grown)
    return {Period.HALF_YEAR: half, Period.YEARLY: year}


def _sent(report, rng, period):
    """Fill the fields save_report, submit_report and accept_report would set."""
    report.submitted_at = _sent_at(rng, report.due_on, LATE[period])
    accepted = rng.random() < ACCEPTED[period]
    report.status = Status.ACCEPTED if accepted else Status.SUBMITTED
    report.version = 4 if accepted else 3  # saved, sent (and accepted): one more each
    report.signer_name = rng.choice(SIGNERS)


def _villages_by_commune():
    """Active villages and residential groups by commune path: (pk, name), in path order."""
    villages = defaultdict(list)
    rows = Organisation.objects.filter(kind=Kind.VILLAGE, active_to__isnull=True).values_list(
        "pk", "path", "name"
    )
    for pk, path, name in rows.order_by("path"):
        villages[path[: -Organisation.steplen]].append((pk, name))
    return villages


def _commune_chunk(plans, indicator, villages):
    """Targets, rules, village reports and figures of plans (built, not saved)."""
    sections, targets, rules, reports, actuals = [], [], [], [], []
    for plan in plans:
        section = Section(
            plan=plan,
            order=2,
            kind=Section.Kind.TARGETS,
            title=Section.DEFAULT_TITLES[Section.Kind.TARGETS],
        )
        sections.append(section)
        target = Target(
            section=section, order=1, indicator=indicator, label=indicator.name,
            comparator=Target.Comparator.AT_LEAST, value=Decimal(86), unit=indicator.unit,
        )  # fmt: skip
        targets.append(target)
        schedule = []  # (rule, its one period of the year)
        for period, day, month in COMMUNE_RULES:
            rule = ReportingRule(
                plan=plan, period=period, due_day=day, due_month=month,
                reporters=ReportingRule.Reporters.SUBORDINATES,
            )  # fmt: skip
            rules.append(rule)
            schedule.append((rule, *periods(rule, plan)))
        for village_pk, name in villages[plan.issuer.path[: -Organisation.steplen]]:
            rng = random.Random(village_pk)
            figures = _village_figures(rng)
            for rule, (label, start, end, due) in schedule:
                numerator, denominator = figures[rule.period]
                report = Report(
                    plan=plan, rule=rule, organisation_id=village_pk, report_to=plan.issuer,
                    period=rule.period, period_start=start, period_end=end, label=label,
                    due_on=due,
                    results=f"{numerator}/{denominator} hộ được công nhận “Gia đình văn hóa”; "
                    "duy trì sinh hoạt khu dân cư, vệ sinh môi trường.",
                    signer_position="TỔ TRƯỞNG" if name.startswith("Tổ") else "TRƯỞNG THÔN",
                )  # fmt: skip
                _sent(report, rng, rule.period)
                reports.append(report)
                actuals.append(
                    TargetActual(
                        report=report, target=target, numerator=Decimal(numerator),
                        denominator=Decimal(denominator),
                    )
                )  # fmt: skip
    return sections, targets, rules, reports, actuals


def ensure_commune_reporting(indicator):
    """Target, rules and village reports of each commune plan lacking the target; a note."""
    done = Target.objects.filter(indicator=indicator).values("section__plan_id")
    plans = list(
        commune_plans()
        .exclude(pk__in=done)
        .select_related("issuer")
        .only("pk", "year", "end_year", "issuer__path", "issuer__name")
        .order_by("issuer__path")
    )
    if not plans:
        return None
    started = time.perf_counter()
    villages = _villages_by_commune()
    counts = [0] * 5
    for start in range(0, len(plans), PLANS_PER_TRANSACTION):
        chunk = plans[start : start + PLANS_PER_TRANSACTION]
        built = _commune_chunk(chunk, indicator, villages)
        with transaction.atomic():
            # The targets section goes second, as start_plan places it.
            Section.objects.filter(plan__in=chunk, order__gte=2).update(order=F("order") + 1)
            models = (Section, Target, ReportingRule, Report, TargetActual)
            for model, rows in zip(models, built, strict=True):
                model.objects.bulk_create(rows, batch_size=2000)
        counts = [total + len(rows) for total, rows in zip(counts, built, strict=True)]
        say(f"commune plans: {start + len(chunk):,}/{len(plans):,}")
    return (
        f"added to {len(plans):,} commune plans {counts[1]:,} targets and {counts[2]:,} "
        f"reporting rules, and {counts[3]:,} village reports with {counts[4]:,} figures, in bulk "
        f"in {time.perf_counter() - started:.1f} s"
    )


def ensure_province_plans(indicator, movement):
    """One issued plan per province committee, through the services; a note or None."""
    provinces = list(Organisation.objects.filter(level__code="tinh", kind=Kind.AREA).active())
    committees = [province_committee(province) for province in provinces]
    have = set(province_plans().values_list("issuer_id", flat=True))
    missing = [committee for committee in committees if committee.pk not in have]
    if not missing:
        return None
    started = time.perf_counter()
    for number, committee in enumerate(missing, start=1):
        by = ensure_user("bench-issuer", committee, Role.EDITOR)
        ensure_user("bench-issuer", committee, Role.APPROVER)
        # Another person issues: by default the last editor may not (duty separation).
        clerk = ensure_user("bench-clerk", committee, Role.CLERK)
        with transaction.atomic():
            plan = services.start_plan(
                issuer=committee, by=by, year=YEAR, summary=PROVINCE_SUMMARY,
                movements=[movement],
                bases=PROVINCE_BASES,
                authority_lines="TM. BAN CHỈ ĐẠO", signer_position="TRƯỞNG BAN",
                signer_name="Nguyễn Văn An",
            )  # fmt: skip
            services.add_target(
                plan.sections.get(kind=Section.Kind.TARGETS), indicator.name,
                indicator=indicator, value=Decimal(88), unit=indicator.unit,
            )  # fmt: skip
            tasks = plan.sections.get(kind=Section.Kind.TASKS)
            for content, timeframe in PROVINCE_TASKS:
                services.add_task(
                    tasks, content, leads=[committee], supports=[PROVINCE_SUPPORTS],
                    timeframe=timeframe,
                )  # fmt: skip
            services.add_recipient(plan, "Ban Chỉ đạo các xã, phường")
            for period, day, month in PROVINCE_RULES:
                ReportingRule.objects.create(
                    plan=plan, period=period, due_day=day, due_month=month,
                    reporters=ReportingRule.Reporters.SUBORDINATES,
                )  # fmt: skip
            plan = workflow.submit_plan(plan, by=by)
            plan = workflow.approve_plan(plan, by=by)
            # Issuing enqueues the creation of the expected reports and the PDF's freezing.
            workflow.issue_plan(plan, by=clerk, number=1, issued_on=date(YEAR, 1, 10))
        say(f"province plans: {number}/{len(missing)}")
    # The worker's work, done here so that the reports exist before they are measured.
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)
    return (
        f"wrote and issued {len(missing)} province plans through the services in "
        f"{time.perf_counter() - started:.1f} s (PDF frozen for each, expected reports created)"
    )


def _village_sums():
    """{(commune committee pk, period): (numerator, denominator, [lines])} from the counted
    village reports on the commune plans: two queries for the whole country."""
    sums = {}
    reports = Report.objects.filter(plan__in=commune_plans(), status__in=COUNTED)
    figures = (
        TargetActual.objects.filter(report__in=reports)
        .values_list("report__report_to_id", "report__period")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
        .order_by()
    )
    for commune, period, numerator, denominator in figures:
        sums[commune, period] = (numerator, denominator, [])
    texts = reports.values_list("report_to_id", "period", "organisation__name", "results")
    for commune, period, name, results in texts.order_by("organisation__path"):
        sums[commune, period][2].append(f"{name}: {results}")
    return sums


def ensure_commune_reports():
    """Each commune committee's reports on its province plan, started from its villages'
    reports (as start_from_subordinates does) and sent; a note or None."""
    due = Report.objects.filter(plan__in=province_plans(), status=Status.DUE)
    if not due.exists():
        return None
    started = time.perf_counter()
    sent = progress_rows = 0
    sums = _village_sums()
    for plan in province_plans().select_related("issuer"):
        reports = list(due.filter(plan=plan))
        if not reports:
            continue
        target = Target.objects.get(section__plan=plan)
        tasks = list(Task.objects.filter(section__plan=plan, parent=None).order_by("order"))
        actuals, progress = [], []
        for report in reports:
            if (report.organisation_id, report.period) not in sums:
                continue  # no village report yet: the commune's stays due
            numerator, denominator, lines = sums[report.organisation_id, report.period]
            rng = random.Random(report.organisation_id * 10 + (report.period == Period.YEARLY))
            report.results = "\n".join(lines)
            report.updated_at = timezone.now()
            report.from_subordinates = True
            report.signer_position = "TRƯỞNG BAN"
            _sent(report, rng, report.period)
            actuals.append(
                TargetActual(
                    report=report, target=target, numerator=numerator, denominator=denominator
                )
            )
            for task in tasks:
                finished = task.ends_on and task.ends_on <= report.period_end
                done = finished and rng.random() < 0.9
                progress.append(
                    TaskProgress(
                        report=report, task=task,
                        status=TaskProgress.Status.DONE if done
                        else TaskProgress.Status.IN_PROGRESS,
                        result="Đã thực hiện theo kế hoạch." if done
                        else "Đang triển khai.",
                    )
                )  # fmt: skip
        fields = [
            "status", "submitted_at", "version", "results", "from_subordinates",
            "signer_position", "signer_name",
        ]  # fmt: skip
        with transaction.atomic():
            Report.objects.bulk_update(
                [a.report for a in actuals], fields + ["updated_at"], batch_size=1000
            )
            TargetActual.objects.bulk_create(actuals, batch_size=2000)
            TaskProgress.objects.bulk_create(progress, batch_size=2000)
        sent += len(actuals)
        progress_rows += len(progress)
        say(f"commune reports: {sent:,}")
    return (
        f"started {sent:,} commune reports from their villages' and sent them "
        f"({progress_rows:,} task progress rows) in {time.perf_counter() - started:.1f} s"
    )


def data_set(indicator):
    reports = Report.objects
    village_reports = reports.filter(organisation__kind=Kind.VILLAGE)
    commune_reports = reports.filter(plan__in=province_plans())
    late = {"late": Count("pk", filter=Q(submitted_at__date__gt=F("due_on")))}
    rows = {
        "organisations": Organisation.objects.count(),
        "villages and residential groups": Organisation.objects.filter(kind=Kind.VILLAGE).count(),
        "commune plans issued for 2024 with the target": commune_plans()
        .filter(sections__targets__indicator=indicator)
        .distinct()
        .count(),
        "province plans issued for 2024": province_plans().count(),
        "reporting rules": ReportingRule.objects.count(),
        "reports, all": reports.count(),
        "village reports on commune plans": village_reports.count(),
        "… village reports accepted": village_reports.filter(status=Status.ACCEPTED).count(),
        "… village reports sent late": village_reports.aggregate(**late)["late"],
        "commune reports on province plans (summed from villages)": commune_reports.count(),
        "… commune reports sent late": commune_reports.aggregate(**late)["late"],
        "target figures (numerator/denominator)": TargetActual.objects.count(),
        "village figures with more families than households": TargetActual.objects.filter(
            numerator__gt=F("denominator"), report__from_subordinates=False
        ).count(),
        "task progress rows": TaskProgress.objects.count(),
    }
    return rows


# --- what is measured -----------------------------------------------------------------------


def national_rollup_by_province(plans, period, end):
    """What a national committee would add up today: each province plan's roll-up."""
    total = rollup.Figure()
    for plan in plans:
        for item in rollup.rollup(plan, rollup.scope_node(plan), period, end):
            total.numerator = rollup._add(total.numerator, item.total.numerator)
            total.denominator = rollup._add(total.denominator, item.total.denominator)
            total.reports += item.total.reports
    return total


def national_rollup(plan, period, end):
    """The same in one roll-up over the whole country, one row per province: the query a
    national committee's dashboard would run (its subtree is every province)."""
    country = Organisation(path="", depth=0, name="Toàn quốc")
    return rollup.rollup(plan, country, period, end)


def overdue_tasks_without_prefetch(plan, today):
    """rollup.overdue_tasks without its prefetch of task units and their organisations, which
    the dashboard does not print: the fix proposed for the query budget (same result)."""
    from plans.deadlines import deadline

    done = set(
        TaskProgress.objects.filter(task__section__plan=plan, status="done").values_list(
            "task_id", flat=True
        )
    )
    result = []
    for task in Task.objects.filter(section__plan=plan):
        due = deadline(task, plan, today)
        if due and due < today and task.pk not in done:
            result.append((task, due))
    return sorted(result, key=lambda item: item[1])


def gist(sql, width=150):
    """The table a query reads and the start of its condition, for the list of queries."""
    sql = sql.split(" CURSOR WITH HOLD FOR ", 1)[-1]
    head = sql.split(" FROM ", 1)[0]
    head = head if len(head) <= 40 else head[:40] + "…"
    table = sql.split(" FROM ", 1)[1].split(" ", 1)[0] if " FROM " in sql else ""
    where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else ""
    text = f"{head} FROM {table}" + (f" … WHERE {where}" if where else "")
    return text if len(text) <= width else text[:width] + "…"


def page(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per measurement (15)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench.reports measures PostgreSQL: set DATABASE_URL=postgres://…")

    notes = ensure_data()
    notes.append(ensure_plans() or f"the {YEAR} commune plans were there already")
    movements, indicators = load_catalogue()
    indicator = indicators[INDICATOR]
    generated = [
        ensure_commune_reporting(indicator),
        ensure_province_plans(indicator, movements[TDDK]),
        ensure_commune_reports(),
    ]
    notes += [note for note in generated if note]
    if not any(generated):
        notes.append("targets, province plans and reports were there already; none generated")
    with connection.cursor() as cursor:
        # Fresh statistics for every table (a restored or just generated data set has none).
        cursor.execute("ANALYZE")

    provinces = Organisation.objects.filter(level__code="tinh", kind=Kind.AREA).active()
    province = provinces.get(code=PROVINCE_CODE)
    largest = provinces.order_by("-numchild")[0]
    plans = {p: province_plans().get(issuer=province_committee(p)) for p in (province, largest)}
    editors = {
        province: ensure_user("bench-province", province_committee(province), Role.EDITOR),
        largest: ensure_user("bench-province-largest", province_committee(largest), Role.EDITOR),
    }
    clients = {}
    for p, user in editors.items():
        # The development settings allow localhost, not the test client's "testserver".
        clients[p] = Client(SERVER_NAME="localhost")
        clients[p].force_login(user)
    communes = {
        p: Organisation.objects.get_children(p).filter(kind=Kind.AREA).count() for p in plans
    }
    all_plans = list(province_plans().select_related("issuer"))

    # The figures measured must be the right ones: the province's roll-up of its villages
    # equals the sum of its communes' reports (summed from the same villages), and the
    # country's equals every village's figures.
    checks = []
    for p, plan in plans.items():
        (item,) = rollup.rollup(plan, p, Period.YEARLY, YEAR_END)
        own = TargetActual.objects.filter(report__plan=plan, report__period=Period.YEARLY)
        sums = own.aggregate(n=Sum("numerator"), d=Sum("denominator"))
        checks.append(
            (
                f"{p.name}, year: roll-up {item.total.numerator}/{item.total.denominator} over "
                f"{item.total.reports:,} village reports; communes' reports summed "
                f"{sums['n']}/{sums['d']}",
                (item.total.numerator, item.total.denominator) == (sums["n"], sums["d"]),
            )
        )
    villages = TargetActual.objects.filter(
        report__organisation__kind=Kind.VILLAGE, report__period=Period.YEARLY,
        report__status__in=COUNTED,
    ).aggregate(n=Sum("numerator"), d=Sum("denominator"))  # fmt: skip
    one = national_rollup(all_plans[0], Period.YEARLY, YEAR_END)[0].total
    each = national_rollup_by_province(all_plans, Period.YEARLY, YEAR_END)
    checks.append(
        (
            f"country, year: one roll-up {one.numerator}/{one.denominator} "
            f"({one.rate:.2f} %), 34 province roll-ups {each.numerator}/{each.denominator}, "
            f"all village figures {villages['n']}/{villages['d']}",
            (one.numerator, one.denominator)
            == (each.numerator, each.denominator)
            == (villages["n"], villages["d"]),
        )
    )
    today = date.today()
    same = [t.pk for t, _ in rollup.overdue_tasks(plans[province], today)] == [
        t.pk for t, _ in overdue_tasks_without_prefetch(plans[province], today)
    ]
    checks.append((f"{province.name}: overdue tasks with and without the prefetch", same))
    if not all(ok for _label, ok in checks):
        raise SystemExit("the roll-ups do not add up:\n" + "\n".join(label for label, _ in checks))

    def dashboard(p, **query):
        url = reverse("reports:dashboard", args=[plans[p].pk])
        return lambda: page(
            clients[p],
            url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
        )

    def xlsx(p):
        url = reverse("reports:dashboard_xlsx", args=[plans[p].pk])
        return lambda: page(clients[p], url)

    # (label, function, budget ms or None, budget queries or None)
    cases = [
        (
            f"GET dashboard of the {province.name} plan ({communes[province]} communes), "
            "year, province editor",
            dashboard(province),
            BUDGET_DASHBOARD_MS,
            BUDGET_DASHBOARD_QUERIES,
        ),
        (
            f"GET dashboard of the {province.name} plan, half year",
            dashboard(province, period=f"{Period.HALF_YEAR}:{HALF_END:%Y-%m-%d}"),
            BUDGET_DASHBOARD_MS,
            BUDGET_DASHBOARD_QUERIES,
        ),
        (
            f"GET dashboard of the {largest.name} plan ({communes[largest]} communes, the "
            "largest province), year, province editor",
            dashboard(largest),
            BUDGET_DASHBOARD_MS,
            BUDGET_DASHBOARD_QUERIES,
        ),
        (
            f"`rollup` alone, {province.name}, year",
            lambda: rollup.rollup(plans[province], province, Period.YEARLY, YEAR_END),
            None,
            None,
        ),
        (
            f"`rollup` alone, {largest.name}, year",
            lambda: rollup.rollup(plans[largest], largest, Period.YEARLY, YEAR_END),
            None,
            None,
        ),
        (
            f"`completeness`, {province.name}",
            lambda: rollup.completeness(plans[province], today),
            None,
            None,
        ),
        (
            f"`overdue_tasks`, {province.name}",
            lambda: rollup.overdue_tasks(plans[province], today),
            None,
            None,
        ),
        (
            f"`overdue_tasks` without the unused prefetch (proposed fix), {province.name}",
            lambda: overdue_tasks_without_prefetch(plans[province], today),
            None,
            None,
        ),
        (
            "national roll-up: `rollup` of each of the 34 province plans, totals added",
            lambda: national_rollup_by_province(all_plans, Period.YEARLY, YEAR_END),
            BUDGET_NATIONAL_MS,
            None,
        ),
        (
            "national roll-up: one `rollup` over the whole country, a row per province",
            lambda: national_rollup(all_plans[0], Period.YEARLY, YEAR_END),
            BUDGET_NATIONAL_MS,
            None,
        ),
        (f"GET XLSX export, {province.name}, year", xlsx(province), None, None),
        (f"GET XLSX export, {largest.name}, year", xlsx(largest), None, None),
    ]

    print("## Reports benchmark (bench/reports.py)\n")
    for note in notes:
        print(f"*{note}*\n")
    print("| Machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")
    print("\n| Data set | rows |\n|---|---:|")
    for key, value in data_set(indicator).items():
        print(f"| {key} | {value:,} |")
    print("\nChecks before measuring:\n")
    for label, ok in checks:
        print(f"- {label}: {'equal' if ok else '**differ**'}")

    print(
        f"\nMedian of {args.repeat} runs after 3 warm-up runs; queries are the most any run made. "
        "Pages are served in process by `django.test.Client` with `force_login` (server time, "
        "no network): the session and the user are read anew on every request.\n"
    )
    print("| Operation | median ms | max ms | queries | budget | met |")
    print("|---|---:|---:|---:|---|---|")
    missed = []
    for label, function, budget_ms, budget_queries in cases:
        median, worst, queries = measure(function, args.repeat)
        budget, ok = [], True
        if budget_ms is not None:
            budget.append(f"≤ {budget_ms:,} ms")
            ok = ok and median <= budget_ms
        if budget_queries is not None:
            budget.append(f"≤ {budget_queries} queries")
            ok = ok and queries <= budget_queries
        if not ok:
            missed.append(label)
        met = "–" if not budget else "yes" if ok else "**no**"
        print(
            f"| {label} | {median:.1f} | {worst:.1f} | {queries} | {', '.join(budget) or '–'} "
            f"| {met} |"
        )

    with CaptureQueriesContext(connection) as ctx:
        dashboard(province)()
    print(f"\nThe {len(ctx.captured_queries)} queries of the {province.name} dashboard:\n")
    print("| # | ms | query |\n|---:|---:|---|")
    for number, query in enumerate(ctx.captured_queries, start=1):
        ms = float(query["time"]) * 1000
        print(f"| {number} | {ms:.1f} | `{gist(query['sql'])}` |")

    for title, function in [
        (
            f"the roll-up of {largest.name}",
            lambda: rollup.rollup(plans[largest], largest, Period.YEARLY, YEAR_END),
        ),
        (
            "the national roll-up (one query)",
            lambda: national_rollup(all_plans[0], Period.YEARLY, YEAR_END),
        ),
    ]:
        with CaptureQueriesContext(connection) as ctx:
            function()
        main_query = next(q["sql"] for q in ctx.captured_queries if "SUM(" in q["sql"])
        plan, whole = explain(main_query)
        verdict = f"scans reading ≥ 10,000 rows: {whole}" if whole else "no scan reads 10,000 rows"
        print(f"\n`EXPLAIN ANALYZE` of the main query of {title}: **{verdict}**\n")
        print(f"```sql\n{main_query}\n```\n\n```\n{plan}\n```")
    print(f"\nBudgets missed: {len(missed)}" + "".join(f"\n- {label}" for label in missed) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
