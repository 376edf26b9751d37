"""Daily work pages: the home page and the plan editor at two sizes (issue 11, bench).

    createdb -h 127.0.0.1 -U postgres kehoach_bench_daily
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_bench_daily \
        .venv/bin/python -m bench.daily
    DATABASE_URL=sqlite:////tmp/kehoach_bench_daily.sqlite3 .venv/bin/python -m bench.daily

Migrates and runs `loaddemo` (units, demo logins, seed plans, the 2026 follow-up loop of Xã Tân
Uyên) when they are missing. Then, for each size, brings the benchmark's own rows to that size
(kept when they already match it, else deleted and built again in bulk): plans of the commune
committee at every step (waiting for the approver, approved, returned, drafts of xa-editor,
issued), issued province plans addressed to the commune and to Thôn 1 with a task due within a
week, reports the villages sent for review, reports Thôn 1 and the commune owe, unread
notifications of each login, and one draft whose tasks section holds many tasks (two leads and
two coordinators each) and whose reporting section holds six rules. Every benchmark plan's
summary ends with MARK and every notification's text starts with NOTICE.

Measures each page with django.test.Client (in process, force_login): the home pages of
xa-editor, xa-approver and thon1, the draft's plan_edit, its tasks section and its reporting
section. Prints a Markdown report (docs/benchmarks.md): median and max ms over --repeat runs
after three warm-up runs, and the queries (exit 1 when a page's count differs between sizes).
"""

import argparse
import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaign.models import Notification  # noqa: E402
from campaign.text import fold  # noqa: E402
from orgs.demo import demo_nodes  # noqa: E402
from plans import services  # noqa: E402
from plans.models import (  # noqa: E402
    Plan,
    PlanEvent,
    Recipient,
    ReportingRule,
    Section,
    Task,
    TaskUnit,
)
from plans.timeframes import parse_timeframe  # noqa: E402
from reports.models import Report  # noqa: E402

Status = Plan.Status
Period = ReportingRule.Period
Reporters = ReportingRule.Reporters
MARK = "(bài đo trang hằng ngày)"
NOTICE = "Bài đo: "
EDITOR_SUMMARY = f"Kế hoạch thực hiện Phong trào năm 2026 của xã, nhiều nhiệm vụ {MARK}"
LOGINS = ("xa-editor", "xa-approver", "thon1")
TIMEFRAMES = ("Quý I", "Quý II", "Tháng 6", "Quý III", "Cả năm", "Tháng 11", "Từ 01/3 đến 30/4")


@dataclass(frozen=True)
class Size:
    waiting: int  # submitted commune plans, for xa-approver
    approved: int  # approved, to number and issue
    returned: int  # returned to xa-editor with a comment
    drafts: int  # drafts xa-editor started (the editor's plan is one more)
    issued: int  # issued commune plans of past years, carrying the villages' reports
    incoming: int  # issued province plans to the commune and Thôn 1, a task due within a week
    to_review: int  # reports the villages sent to the commune committee
    village_due: int  # reports Thôn 1 owes
    notifications: int  # unread notifications of each login
    tasks: int  # tasks in the editor's plan, each with two leads and two coordinators

    @property
    def commune_plans(self):
        return self.waiting + self.approved + self.returned + self.drafts + self.issued + 1


SIZES = {
    "small": Size(5, 1, 2, 3, 9, 5, 50, 10, 100, 30),
    "large": Size(50, 10, 20, 30, 90, 50, 500, 100, 1000, 300),
}


def say(text):
    print(f"<!-- {text} -->", flush=True)


def ensure_demo():
    """Migrate and load the demo when missing; the notes say what was done."""
    notes = []
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        say("database not migrated: running migrate")
        call_command("migrate", verbosity=0)
        notes.append("migrated")
    if not get_user_model().objects.filter(username="thon1").exists():
        say("no demo logins: running loaddemo")
        started = time.perf_counter()
        call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        notes.append(f"loaddemo ran here in {time.perf_counter() - started:.1f} s")
    return notes


def _plan(issuer, status, year, summary, *, number=None, on=None, by=None):
    plan = Plan(
        issuer=issuer,
        status=status,
        year=year,
        summary=summary,
        symbol=f"KH-{issuer.symbol or 'BCĐ'}",
        place=issuer.place,
        number=number,
        issued_on=on,
        opening=f"{issuer.short_name or issuer.name} xây dựng Kế hoạch năm {year} như sau:",
        closing="Trên đây là Kế hoạch thực hiện Phong trào./.",
        authority_lines="TM. BAN CHỈ ĐẠO",
        signer_position="TRƯỞNG BAN",
        signer_name="Lò Văn Thành",
        created_by=by,
    )
    plan.search_text = fold(f"{plan.summary} {plan.symbol} {plan.number or ''}")
    return plan


def _current(size, nodes, users):
    """Whether the benchmark rows in the database are those of size."""
    commune = Plan.objects.filter(issuer=nodes["bcd-tanuyen"], summary__endswith=MARK)
    editor_plan = commune.filter(summary=EDITOR_SUMMARY).first()
    return (
        commune.count() == size.commune_plans
        and commune.filter(status=Status.SUBMITTED).count() == size.waiting
        and Plan.objects.filter(issuer=nodes["bcd-laichau"], summary__endswith=MARK).count()
        == size.incoming
        and Report.objects.filter(plan__summary__endswith=MARK).count()
        == size.to_review + size.village_due + size.incoming
        and Notification.objects.filter(text__startswith=NOTICE).count()
        == size.notifications * len(users)
        and editor_plan is not None
        and Task.objects.filter(section__plan=editor_plan).count() == size.tasks
    )


def wipe():
    """Delete the benchmark's rows (plans cascade to their parts, events and reports)."""
    Plan.objects.filter(summary__endswith=MARK).delete()
    Notification.objects.filter(text__startswith=NOTICE).delete()


@transaction.atomic
def build(size, nodes, users):
    """The benchmark rows of size, in bulk; returns a note with the time taken."""
    started = time.perf_counter()
    today = timezone.localdate()
    committee, province = nodes["bcd-tanuyen"], nodes["bcd-laichau"]
    villages = [nodes[f"tanuyen-thon-{n}"] for n in range(1, 7)]
    editor, approver = users["xa-editor"], users["xa-approver"]

    steps = [
        (Status.SUBMITTED, size.waiting),
        (Status.APPROVED, size.approved),
        (Status.RETURNED, size.returned),
        (Status.DRAFT, size.drafts),
    ]
    commune = []
    for status, count in steps:
        for i in range(count):
            summary = f"Kế hoạch {Status(status).label.lower()} số {i + 1} {MARK}"
            commune.append(_plan(committee, status, today.year, summary, by=editor))
    issued = []
    for i in range(size.issued):
        year = today.year - 1 - i % 8  # plans of the eight past years
        issued.append(
            _plan(committee, Status.ISSUED, year, f"Kế hoạch đã ban hành số {i + 1} {MARK}",
                  number=1000 + i, on=date(year, 2, 1), by=editor)
        )  # fmt: skip
    incoming = [
        _plan(province, Status.ISSUED, today.year, f"Kế hoạch của tỉnh số {i + 1} {MARK}",
              number=1000 + i, on=today - timedelta(days=30))
        for i in range(size.incoming)
    ]  # fmt: skip
    Plan.objects.bulk_create(commune + issued + incoming, batch_size=1000)

    events = [
        PlanEvent(plan=plan, action=PlanEvent.Action.CREATED, by=editor, to_status="draft")
        for plan in commune + issued
    ]
    events += [
        PlanEvent(plan=plan, action=PlanEvent.Action.RETURNED, by=approver,
                  from_status="submitted", to_status="returned",
                  comment="Đề nghị bổ sung kinh phí và thời gian thực hiện của từng thôn.")
        for plan in commune if plan.status == Status.RETURNED
    ]  # fmt: skip
    PlanEvent.objects.bulk_create(events, batch_size=1000)

    # Each province plan: addressed to the commune committee and Thôn 1, one task they lead
    # due within a week, and a report the commune owes.
    due = parse_timeframe(f"{today + timedelta(days=7):%d/%m/%Y}", year=today.year)
    sections = [
        Section(plan=plan, order=1, kind=Section.Kind.TASKS, title="NHIỆM VỤ") for plan in incoming
    ]
    Section.objects.bulk_create(sections)
    tasks = [
        Task(section=section, order=1, content=f"Báo cáo kết quả {section.plan.summary}",
             timeframe_text=due.text, starts_on=due.starts_on, ends_on=due.ends_on)
        for section in sections
    ]  # fmt: skip
    Task.objects.bulk_create(tasks)
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, role=TaskUnit.Role.LEAD, order=order, organisation=unit)
        for task in tasks
        for order, unit in enumerate((committee, villages[0]), start=1)
    )
    Recipient.objects.bulk_create(
        Recipient(plan=plan, order=order, organisation=unit)
        for plan in incoming
        for order, unit in enumerate((committee, villages[0]), start=1)
    )

    reports = []
    sent_at = timezone.now() - timedelta(days=3)
    # Sent by the villages, one a month on each issued commune plan, for review.
    slots = [(plan, village, month) for month in range(1, 13) for plan in issued
             for village in villages]  # fmt: skip
    for plan, village, month in slots[: size.to_review]:
        start = date(plan.year, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        reports.append(
            Report(plan=plan, organisation=village, report_to=committee, period=Period.MONTHLY,
                   period_start=start, period_end=end, label=f"Tháng {month}/{plan.year}",
                   due_on=end, status=Report.Status.SUBMITTED, submitted_at=sent_at,
                   results=f"Kết quả tháng {month} của {village.name}.")
        )  # fmt: skip
    # Owed by Thôn 1: quarterly reports on the issued commune plans.
    slots = [(plan, quarter) for quarter in range(1, 5) for plan in issued]
    for plan, quarter in slots[: size.village_due]:
        start = date(plan.year, quarter * 3 - 2, 1)
        end = (date(plan.year, quarter * 3, 1) + timedelta(days=32)).replace(day=1)
        end -= timedelta(days=1)
        reports.append(
            Report(plan=plan, organisation=villages[0], report_to=committee,
                   period=Period.QUARTERLY, period_start=start, period_end=end,
                   label=f"Quý {quarter} năm {plan.year}", due_on=end)
        )  # fmt: skip
    # Owed by the commune committee: one on each province plan.
    reports += [
        Report(plan=plan, organisation=committee, report_to=province, period=Period.ONCE,
               period_start=date(today.year, 1, 1), period_end=due.ends_on,
               label=f"Báo cáo hạn {due.ends_on:%d/%m/%Y}", due_on=due.ends_on)
        for plan in incoming
    ]  # fmt: skip
    Report.objects.bulk_create(reports, batch_size=1000)

    now = timezone.now()
    Notification.objects.bulk_create(
        (
            Notification(recipient=user, created_at=now - timedelta(minutes=i),
                         text=f"{NOTICE}thông báo số {i + 1}", link=reverse("notifications"))
            for user in users.values()
            for i in range(size.notifications)
        ),
        batch_size=1000,
    )  # fmt: skip
    editor_plan(size, nodes, editor)
    return f"{size} built in {time.perf_counter() - started:.1f} s"


def editor_plan(size, nodes, editor):
    """The draft the editor pages open: size.tasks tasks (bulk) led by two villages with two
    member bodies coordinating, ten recipients, six reporting rules (through the service)."""
    committee = nodes["bcd-tanuyen"]
    villages = [nodes[f"tanuyen-thon-{n}"] for n in range(1, 7)]
    bodies = [nodes[f"{key}-tanuyen"] for key in ("ubnd", "mttq", "cd", "dtn", "phunu")]
    plan = services.start_plan(issuer=committee, by=editor, year=2026, summary=EDITOR_SUMMARY)
    for unit in [*bodies, *villages[:5]]:
        services.add_recipient(plan, unit)
    section = plan.sections.get(kind=Section.Kind.TASKS)
    parsed = {text: parse_timeframe(text, year=plan.year) for text in TIMEFRAMES}
    tasks = []
    for i in range(size.tasks):
        timeframe = parsed[TIMEFRAMES[i % len(TIMEFRAMES)]]
        tasks.append(
            Task(section=section, order=i + 1, timeframe_text=timeframe.text,
                 starts_on=timeframe.starts_on, ends_on=timeframe.ends_on,
                 is_yearly=timeframe.is_yearly,
                 content=f"Nhiệm vụ số {i + 1}: tuyên truyền, vận động Nhân dân tham gia Phong "
                 "trào tại khu dân cư; tổ chức các hoạt động văn hóa, thể thao.")
        )  # fmt: skip
    Task.objects.bulk_create(tasks, batch_size=1000)
    units = []
    for i, task in enumerate(tasks):
        for role, pair in (
            (TaskUnit.Role.LEAD, (villages[i % 6], villages[(i + 1) % 6])),
            (TaskUnit.Role.SUPPORT, (bodies[i % 5], bodies[(i + 2) % 5])),
        ):
            units += [
                TaskUnit(task=task, role=role, order=order, organisation=unit)
                for order, unit in enumerate(pair, start=1)
            ]
    TaskUnit.objects.bulk_create(units, batch_size=2000)
    services.add_section(plan, Section.Kind.REPORTING)
    rule = {"due_day": 20, "due_month": None, "unit_kind": "", "report_to_text": ""}
    services.save_reporting_rules(plan, [
        {**rule, "period": Period.MONTHLY, "reporters": Reporters.SUBORDINATES},
        {**rule, "period": Period.QUARTERLY, "reporters": Reporters.LEADS},
        {**rule, "period": Period.HALF_YEAR, "due_month": 6, "reporters": Reporters.COORDINATORS},
        {**rule, "period": Period.YEARLY, "due_month": 11, "reporters": Reporters.MEMBERS},
        {**rule, "period": Period.FINAL, "due_month": 12, "reporters": Reporters.RECIPIENTS},
        {**rule, "period": Period.ONCE, "due_month": 4, "reporters": Reporters.NAMED,
         "named_units": villages[:3]},
    ], by=editor)  # fmt: skip
    return plan


def ensure_size(size, nodes, users):
    if _current(size, nodes, users):
        return "benchmark rows of this size were there already; reused"
    wipe()
    return build(size, nodes, users)


def measure(client, url, repeat):
    """(median ms, max ms, queries of each run, what the page showed) of GET url."""
    for _ in range(3):
        client.get(url)
    times, counts = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        times.append(elapsed * 1000)
        counts.append(len(queries))
    # One more request, outside the timing, with templates instrumented for response.context.
    setup_test_environment()
    try:
        shown = shows(client.get(url))
    finally:
        teardown_test_environment()
    return statistics.median(times), max(times), counts, shown


def shows(response):
    """What the page holds, for the table: the home's non-empty lists, the editor's rows."""
    context = response.context
    if "todo" in context:
        todo = {name: count for name, (count, _items) in context["todo"].items() if count}
        listed = ", ".join(f"{name} {count:,}" for name, count in todo.items())
        return f"{listed}; bell {context['navbar']['bell']:,}"
    if "expected_total" in context:
        rules = context["rules"].total_form_count()
        return f"{rules} rules, {context['expected_total']:,} reports previewed"
    if context.get("items") is not None:
        return f"{context['items'].total_form_count():,} task rows"
    return (
        f"{len(context['sections'])} sections, "
        f"{context['recipients'].total_form_count()} recipients"
    )


def pages(nodes, users):
    plan = Plan.objects.get(summary=EDITOR_SUMMARY)
    tasks = plan.sections.get(kind=Section.Kind.TASKS)
    reporting = plan.sections.get(kind=Section.Kind.REPORTING)
    return [
        ("home, xa-editor (commune editor)", "xa-editor", reverse("home")),
        ("home, xa-approver (commune approver)", "xa-approver", reverse("home")),
        ("home, thon1 (village head)", "thon1", reverse("home")),
        ("plan_edit of the editor's draft", "xa-editor", reverse("plans:edit", args=[plan.pk])),
        ("section_edit, tasks section", "xa-editor",
         reverse("plans:section", args=[plan.pk, tasks.pk])),
        ("section_edit, reporting section", "xa-editor",
         reverse("plans:section", args=[plan.pk, reporting.pk])),
    ]  # fmt: skip


def machine():
    with open("/proc/meminfo") as meminfo:
        kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next(
        (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if "Model name" in line),
        "?",
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPUs (nproc)": os.cpu_count(),
        "CPU": model,
        "RAM": f"{kib / 1024 / 1024:.0f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "database": f"{database} ({connection.settings_dict['NAME']})",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs per page (20)")
    parser.add_argument(
        "--sizes", default="small,large", help="sizes measured, in order (small,large)"
    )
    args = parser.parse_args()
    sizes = [name.strip() for name in args.sizes.split(",")]
    notes = ensure_demo()
    nodes = demo_nodes()
    User = get_user_model()
    users = {name: User.objects.get(username=name) for name in LOGINS}

    results = {}  # page label → {size: (median, max, queries, shows)}
    for name in sizes:
        size = SIZES[name]
        notes.append(f"{name}: {ensure_size(size, nodes, users)}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        clients = {}
        for username, user in users.items():
            # The development settings allow localhost, not the test client's "testserver".
            clients[username] = Client(SERVER_NAME="localhost")
            clients[username].force_login(user)
        for label, username, url in pages(nodes, users):
            median, worst, counts, shown = measure(clients[username], url, args.repeat)
            results.setdefault(label, {})[name] = (median, worst, counts, shown)
            say(f"{name}: {label}: {median:.1f} ms, {sorted(set(counts))} queries")

    print(f"### Run on {connection.vendor}\n")
    for key, value in machine().items():
        print(f"- {key}: {value}")
    print()
    for note in notes:
        print(f"- {note}")
    print()
    print(
        f"Median and max of {args.repeat} runs after 3 warm-up runs, in ms; queries of a run "
        "(+n in k: k runs also saved the session, about once a minute).\n"
    )
    head = " | ".join(f"{name} median | {name} max | {name} queries" for name in sizes)
    print(f"| page | {head} | constant |")
    print("|---|" + "---:|---:|---:|" * len(sizes) + "---|")
    failed = False
    for label, by_size in results.items():
        cells, counts = [], set()
        for name in sizes:
            median, worst, runs, _ = by_size[name]
            # The session's last activity is saved about once a minute (campaign/sessions.py):
            # a run that does it makes a few more queries. The page's own count is the least.
            fewest = min(runs)
            extra = sorted({count - fewest for count in runs} - {0})
            more = f" (+{'/'.join(map(str, extra))} in {sum(c > fewest for c in runs)})"
            cells += [f"{median:.1f}", f"{worst:.1f}", f"{fewest}{more if extra else ''}"]
            counts.add(fewest)
        constant = len(counts) == 1
        failed |= not constant
        print(f"| {label} | {' | '.join(cells)} | {'yes' if constant else '**no**'} |")
    print()
    print("What each page showed:\n")
    for label, by_size in results.items():
        print(f"- {label}: " + "; ".join(f"{name}: {by_size[name][3]}" for name in sizes))
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
