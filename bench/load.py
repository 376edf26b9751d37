"""Load test: gunicorn serving the app to 1, 8 and 32 concurrent Locust users (issue 8).

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE kehoach_load'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_load .venv/bin/python -m bench.load
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE kehoach_load_national'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_load_national \
        .venv/bin/python -m bench.load --national

Prepares the database idempotently. The demo: migrate, loaddemo, and one 2024 plan of the demo
commune Xã Quyết Thắng written and issued through the services by its demo accounts, with a
target, two reporting rules from its six villages (so a dashboard and report forms exist) and
an editor account at each village. --national, on a database of its own (bench.plans expects
the official units only, and the demo's pre-2025 committees are not): what bench.reports
builds (units, gen_national, 3,321 commune plans, village reports, 34 province plans, commune
reports), and editor accounts at the two province committees bench.reports measures and at
communes of Tỉnh Lạng Sơn. Every account's pages are checked to answer 200 before the load.

Then collects the static files into a temporary STATIC_ROOT, starts gunicorn with production
settings (DEBUG=0, whitenoise, a fresh document cache) on a local port, and for each step of
users runs Locust headless in a child process: each user logs in through the login form (CSRF
token from the cookie), then requests its account's pages in turn without pause (a closed
loop: N users keep N requests in flight). Statistics are reset once every user has logged in.
Prints a Markdown report per step (docs/benchmarks.md): requests, failures, p50, p95, max and
requests per second per page; exit 1 if any request failed.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo12345"  # the demo password (orgs.demo.DEMO_PASSWORD), also set for load accounts
STEPS = (1, 8, 32)
LOAD_SUMMARY = "Thực hiện Phong trào năm 2024 trên địa bàn xã (kế hoạch của bài đo tải)"
LOAD_YEAR = 2024
COMMUNE_ACCOUNTS = 24  # commune committee editors of Tỉnh Lạng Sơn in the national run

# Two processes, two import worlds: the parent sets up Django to prepare the data and start
# gunicorn; the Locust child must let gevent patch the standard library before anything else
# is imported, so neither imports the other's modules at the top of this file.


# --- the data set (parent process, Django) ------------------------------------------------


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
    import django

    django.setup()


def say(text):
    print(f"<!-- {text} -->", file=sys.stderr, flush=True)


def ensure_demo_plan():
    """The demo commune's 2024 plan with reporting, through the services; (plan, note)."""
    from django.core.management import call_command
    from django.db import transaction

    from campaign.catalogue import TDDK, load_catalogue
    from orgs.demo import demo_nodes
    from plans import services, workflow
    from plans.models import Plan, ReportingRule, Section

    nodes = demo_nodes()
    committee = nodes["bcd-quyetthang"]
    found = Plan.objects.filter(issuer=committee, year=LOAD_YEAR, summary=LOAD_SUMMARY).first()
    if found is not None:
        return found, None
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    editor, approver, clerk = (
        users.get(username=f"quyetthang-{role}") for role in ("editor", "approver", "clerk")
    )
    movements, indicators = load_catalogue()
    indicator = indicators["gia-dinh-van-hoa"]
    villages = [nodes[f"thon-{n}"] for n in range(1, 7)]
    with transaction.atomic():
        plan = services.start_plan(
            issuer=committee, by=editor, year=LOAD_YEAR, summary=LOAD_SUMMARY,
            movements=[movements[TDDK]], authority_lines="TM. BAN CHỈ ĐẠO",
            signer_position="TRƯỞNG BAN", signer_name="Nguyễn Văn An",
        )  # fmt: skip
        services.add_target(
            plan.sections.get(kind=Section.Kind.TARGETS), indicator.name,
            indicator=indicator, value=86, unit=indicator.unit,
        )  # fmt: skip
        tasks = plan.sections.get(kind=Section.Kind.TASKS)
        for content, lead, timeframe in [
            ("Tuyên truyền, vận động nhân dân thực hiện Phong trào.", "mttq-quyetthang",
             "Cả năm 2024"),
            ("Bình xét danh hiệu “Gia đình văn hóa” ở các thôn.", "ubnd-quyetthang",
             "Tháng 11 năm 2024"),
            ("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các thôn.", "mttq-quyetthang",
             "Tháng 11 năm 2024"),
        ]:  # fmt: skip
            services.add_task(tasks, content, leads=[nodes[lead]], timeframe=timeframe)
        for village in villages:
            services.add_recipient(plan, village)
        for period, day, month in [("half_year", 10, 6), ("yearly", 10, 11)]:
            ReportingRule.objects.create(
                plan=plan, period=period, due_day=day, due_month=month,
                reporters=ReportingRule.Reporters.SUBORDINATES,
            )  # fmt: skip
        plan = workflow.submit_plan(plan, by=editor)
        plan = workflow.approve_plan(plan, by=approver)
        plan = workflow.issue_plan(plan, by=clerk, issued_on=date(LOAD_YEAR, 1, 15))
    # The queued work (its expected reports, its PDF), done before the load test reads them.
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)
    return plan, (
        f"wrote and issued the {LOAD_YEAR} plan of the demo committee of Xã Quyết Thắng through "
        "the services (demo accounts quyetthang-editor, -approver, -clerk)"
    )


def load_account(username, organisation, role):
    """A load account holding role at organisation, with the demo password; idempotent."""
    from django.contrib.auth import get_user_model

    from orgs.models import Membership

    user, created = get_user_model().objects.get_or_create(username=username)
    if created or not user.has_usable_password():
        user.set_password(PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def demo_accounts(plan):
    """[(username, [(page, url)])] for the demo: the commune committee and its villages."""
    from django.urls import reverse

    from orgs.demo import demo_nodes
    from orgs.models import Membership
    from reports.models import Report

    nodes = demo_nodes()
    committee_pages = [
        ("plan list", reverse("plans:list")),
        ("plan page", reverse("plans:detail", args=[plan.pk])),
        ("dashboard", reverse("reports:dashboard", args=[plan.pk])),
        ("download PDF", reverse("plans:download_pdf", args=[plan.pk])),
        ("download DOCX", reverse("plans:download_docx", args=[plan.pk])),
        ("report list", reverse("reports:list")),
    ]
    accounts = [("quyetthang-editor", committee_pages), ("quyetthang-approver", committee_pages)]
    for n in range(1, 7):
        village = nodes[f"thon-{n}"]
        username = f"load-quyetthang-thon-{n}"
        load_account(username, village, Membership.Role.EDITOR)
        report = Report.objects.get(plan=plan, organisation=village, period="yearly")
        accounts.append(
            (
                username,
                [
                    ("plan list", reverse("plans:list")),
                    ("plan page", reverse("plans:detail", args=[plan.pk])),
                    ("download PDF", reverse("plans:download_pdf", args=[plan.pk])),
                    ("download DOCX", reverse("plans:download_docx", args=[plan.pk])),
                    ("report list", reverse("reports:list")),
                    ("report form", reverse("reports:detail", args=[report.pk])),
                ],
            )
        )
    # Interleave: one committee account, then villages, so every step mixes both kinds.
    return [accounts[0], accounts[2], accounts[3], accounts[1], *accounts[4:]]


def ensure_national():
    """What bench.reports builds, when missing; notes."""
    from bench import reports as bench_reports
    from bench.orgs import ensure_data
    from bench.plans import ensure_plans
    from campaign.catalogue import TDDK, load_catalogue

    notes = ensure_data()
    notes.append(ensure_plans() or "the 2024 commune plans were there already")
    movements, indicators = load_catalogue()
    indicator = indicators[bench_reports.INDICATOR]
    generated = [
        bench_reports.ensure_commune_reporting(indicator),
        bench_reports.ensure_province_plans(indicator, movements[TDDK]),
        bench_reports.ensure_commune_reports(),
    ]
    notes += [note for note in generated if note]
    if not any(generated):
        notes.append("national plans and reports were there already; none generated")
    return notes


def national_accounts():
    """[(username, [(page, url)])]: editors of two province committees and of communes."""
    from django.urls import reverse

    from bench.orgs import PROVINCE_CODE, province_committee
    from bench.reports import commune_plans, province_plans
    from orgs.models import Membership, Organisation
    from reports.models import Report

    Kind = Organisation.Kind
    provinces = Organisation.objects.filter(level__code="tinh", kind=Kind.AREA).active()
    province = provinces.get(code=PROVINCE_CODE)
    largest = provinces.order_by("-numchild")[0]
    province_accounts = []
    for username, area in [("load-province", province), ("load-province-largest", largest)]:
        committee = province_committee(area)
        load_account(username, committee, Membership.Role.EDITOR)
        plan = province_plans().get(issuer=committee)
        received = Report.objects.filter(plan=plan, status__in=["submitted", "accepted"])
        report = received.order_by("organisation__path").first()
        province_accounts.append(
            (
                username,
                [
                    ("plan list", reverse("plans:list")),
                    ("plan page", reverse("plans:detail", args=[plan.pk])),
                    ("dashboard", reverse("reports:dashboard", args=[plan.pk])),
                    ("download PDF", reverse("plans:download_pdf", args=[plan.pk])),
                    ("download DOCX", reverse("plans:download_docx", args=[plan.pk])),
                    ("report list", reverse("reports:list")),
                    ("report form", reverse("reports:detail", args=[report.pk])),
                ],
            )
        )
    commune_accounts = []
    plans = (
        commune_plans()
        .filter(issuer__path__startswith=province.path, issuer__active_to__isnull=True)
        .select_related("issuer")
        .order_by("issuer__path")
    )
    for number, plan in enumerate(plans[:COMMUNE_ACCOUNTS], start=1):
        username = f"load-commune-{number}"
        load_account(username, plan.issuer, Membership.Role.EDITOR)
        own = Report.objects.filter(organisation=plan.issuer, period="yearly").first()
        pages = [
            ("plan list", reverse("plans:list")),
            ("plan page", reverse("plans:detail", args=[plan.pk])),
            ("dashboard", reverse("reports:dashboard", args=[plan.pk])),
            ("download PDF", reverse("plans:download_pdf", args=[plan.pk])),
            ("download DOCX", reverse("plans:download_docx", args=[plan.pk])),
            ("report list", reverse("reports:list")),
        ]
        if own is not None:
            pages.append(("report form", reverse("reports:detail", args=[own.pk])))
        commune_accounts.append((username, pages))
    # A province editor among every eight users, communes for the rest.
    return [
        commune_accounts[0],
        *province_accounts[:1],
        *commune_accounts[1:7],
        *province_accounts[1:],
        *commune_accounts[7:],
    ]


def check_pages(accounts):
    """Every page of every account answers 200 (in process, before the load)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    for username, pages in accounts:
        client = Client(SERVER_NAME="localhost")
        client.force_login(users.get(username=username))
        for label, url in pages:
            status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{username}: {label} {url} answered {status}")


def data_set():
    from orgs.models import Organisation
    from plans.models import IssuedDocument, Plan
    from reports.models import Report

    rows = {
        "organisations": Organisation.objects.count(),
        "plans": Plan.objects.count(),
        "… issued": Plan.objects.filter(status=Plan.Status.ISSUED).count(),
        "… with a frozen PDF": IssuedDocument.objects.count(),
        "reports": Report.objects.count(),
    }
    return rows


def demo_loaded():
    from orgs.demo import demo_nodes
    from orgs.models import Organisation

    try:
        demo_nodes()
    except Organisation.DoesNotExist:
        return False
    return True


def prepare(national):
    """Migrate, load the demo or the national set; the accounts and their pages, notes."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    notes = []
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        say("migrating")
        call_command("migrate", verbosity=0)
        notes.append("migrated the database")
    if national:
        if demo_loaded():
            raise SystemExit(
                "--national needs a database without the demo (bench.plans expects only the "
                "official units): e.g. kehoach_load_national"
            )
        started = time.perf_counter()
        notes += ensure_national()
        notes.append(f"national data set ready in {time.perf_counter() - started:.0f} s")
        accounts = national_accounts()
    else:
        say("loaddemo")
        with open(os.devnull, "w") as quiet:
            call_command("loaddemo", stdout=quiet)
        plan, note = ensure_demo_plan()
        notes += [note] if note else []
        accounts = demo_accounts(plan)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    check_pages(accounts)
    return accounts, notes


def machine():
    from bench.orgs import machine as base

    rows = base()
    rows["load average before the steps (1, 5, 15 min)"] = " ".join(
        f"{x:.2f}" for x in os.getloadavg()
    )
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        commit = (ROOT / ".commit").read_text().strip() if (ROOT / ".commit").exists() else "?"
    rows["code"] = commit
    return rows


# --- gunicorn (parent process) ------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir):
    """The environment of a production deployment on plain HTTP, local database and files."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(workdir / "static"),
        DOCUMENT_CACHE_DIR=str(workdir / "documents"),
        MEDIA_ROOT=str(workdir / "media"),  # where frozen PDFs go once they are files
        LOG_LEVEL="WARNING",
    )
    return env


def start_gunicorn(env, workers, port, log):
    say(f"collectstatic into {env['STATIC_ROOT']}")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn), "campaign.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--chdir", str(ROOT), "--timeout", "120",
    ]  # fmt: skip
    say(" ".join(command))
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    # A worker imports Django and WeasyPrint before it answers: 20 s on a busy 2-core machine.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit("gunicorn did not answer /login/ within 300 s")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # gunicorn's own session: master and workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


# --- Locust (child process) ---------------------------------------------------------------


def drive(args):
    """Run one step of Locust users against args.host; write its statistics to args.out."""
    import gevent
    from locust import HttpUser, constant, task
    from locust.env import Environment

    accounts = json.loads(Path(args.accounts).read_text())
    state = {"started": 0, "ready": 0, "refused": []}

    class Visitor(HttpUser):
        host = args.host
        wait_time = constant(0)

        def on_start(self):
            number = state["started"]
            state["started"] += 1
            self.username, self.pages = accounts[number % len(accounts)]
            self.turn = number  # users of one account start on different pages
            self.client.get("/login/", name="login (GET form)")
            answer = self.client.post(
                "/login/",
                {
                    "username": self.username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                },
                name="login (POST)",
                allow_redirects=False,
            )
            if answer.status_code != 302 or answer.headers.get("Location", "").endswith("/login/"):
                state["refused"].append(f"{self.username}: {answer.status_code}")
            state["ready"] += 1

        @task
        def visit(self):
            label, url = self.pages[self.turn % len(self.pages)]
            self.turn += 1
            with self.client.get(url, name=label, catch_response=True, allow_redirects=False) as r:
                if r.status_code != 200:
                    r.failure(f"{r.status_code} {r.headers.get('Location', '')}".strip())

    env = Environment(user_classes=[Visitor], host=args.host)
    runner = env.create_local_runner()
    runner.start(args.users, spawn_rate=args.users)
    deadline = time.monotonic() + 300
    while state["ready"] < args.users and time.monotonic() < deadline:
        gevent.sleep(0.05)
    logins = {
        name: _row(entry, None) for (name, _method), entry in env.stats.entries.items()
        if name.startswith("login")
    }  # fmt: skip
    env.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(args.duration)
    elapsed = time.monotonic() - started
    rows = [_row(entry, elapsed) for entry in env.stats.entries.values()]
    total = _row(env.stats.total, elapsed)
    errors = [
        {"name": error.name, "error": str(error.error), "count": error.occurrences}
        for error in env.stats.errors.values()
    ]
    runner.quit()
    result = {
        "users": args.users,
        "seconds": elapsed,
        "rows": rows,
        "total": total,
        "errors": errors,
        "logins": logins,
        "refused": state["refused"],
    }
    Path(args.out).write_text(json.dumps(result))


def _row(entry, elapsed):
    return {
        "name": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50": entry.get_response_time_percentile(0.5) if entry.num_requests else None,
        "p95": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
        "max": entry.max_response_time if entry.num_requests else None,
        "rps": entry.num_requests / elapsed if elapsed else None,
    }


# --- the report ---------------------------------------------------------------------------


PAGE_ORDER = [
    "plan list", "plan page", "dashboard", "download PDF", "download DOCX", "report list",
    "report form",
]  # fmt: skip


def print_step(result):
    print(
        f"\n**{result['users']} user{'s' if result['users'] > 1 else ''}**, "
        f"{result['seconds']:.0f} s, load average after the step "
        f"{result['loadavg']}:\n"
    )
    print("| Page | requests | failures | p50 ms | p95 ms | max ms | requests/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rows = sorted(
        result["rows"],
        key=lambda r: PAGE_ORDER.index(r["name"]) if r["name"] in PAGE_ORDER else 99,
    )
    rows = [row for row in rows if row["requests"]]  # the logins were before the reset
    for row in [*rows, {**result["total"], "name": "**all pages**"}]:
        print(
            f"| {row['name']} | {row['requests']:,} | {row['failures']} | {_ms(row['p50'])} | "
            f"{_ms(row['p95'])} | {_ms(row['max'])} | {row['rps']:.1f} |"
        )
    logins = result["logins"].get("login (POST)")
    if logins:
        print(
            f"\nLogins before the measurement: {logins['requests']} (POST), p50 "
            f"{_ms(logins['p50'])} ms, max {_ms(logins['max'])} ms, {logins['failures']} failed."
        )
    for error in result["errors"]:
        print(f"\n- failure: {error['name']}: {error['error']} × {error['count']}")
    if result["refused"]:
        print(f"\n- logins refused: {', '.join(result['refused'])}")


def _ms(value):
    return "–" if value is None else f"{value:,.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--national", action="store_true", help="the national data set instead of the demo"
    )
    parser.add_argument("--users", default=",".join(map(str, STEPS)), help="steps (1,8,32)")
    parser.add_argument("--duration", type=int, default=45, help="seconds per step (45)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--drive", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--accounts", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        args.users = int(args.users)
        return drive(args)

    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("bench.load measures PostgreSQL: set DATABASE_URL=postgres://…")
    accounts, notes = prepare(args.national)
    facts = machine()
    rows = data_set()
    connection.close()

    workdir = Path(tempfile.mkdtemp(prefix="kehoach-load-"))
    port = free_port()
    log_path = workdir / "gunicorn.log"
    accounts_path = workdir / "accounts.json"
    accounts_path.write_text(json.dumps(accounts))
    results = []
    with open(log_path, "w") as log:
        from django.conf import settings

        env = production_env(workdir)
        # The server reads the PDFs the data set's worker froze (in this process's MEDIA_ROOT);
        # a fresh folder would leave the issued plans' rows without their files (503).
        env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
        server = start_gunicorn(env, args.workers, port, log)
        try:
            for users in [int(n) for n in args.users.split(",")]:
                say(f"{users} users for {args.duration} s")
                out = workdir / f"step-{users}.json"
                subprocess.run(
                    [sys.executable, "-m", "bench.load", "--drive", "--users", str(users),
                     "--duration", str(args.duration), "--host", f"http://127.0.0.1:{port}",
                     "--accounts", str(accounts_path), "--out", str(out)],
                    cwd=ROOT, check=True,
                )  # fmt: skip
                result = json.loads(out.read_text())
                result["loadavg"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
                results.append(result)
        finally:
            stop(server)

    title = "national data set" if args.national else "demo data set"
    print(f"## Load benchmark (bench/load.py), {title}\n")
    for note in notes:
        print(f"*{note}*\n")
    print("| Machine | |\n|---|---|")
    for key, value in facts.items():
        print(f"| {key} | {value} |")
    print(f"| gunicorn | {args.workers} sync workers, DEBUG=0 |")
    print("\n| Data set | rows |\n|---|---:|")
    for key, value in rows.items():
        print(f"| {key} | {value:,} |")
    print(f"\nAccounts ({len(accounts)}, user *i* logs in as account *i* mod {len(accounts)}):\n")
    for username, pages in accounts:
        print(f"- {username}: " + ", ".join(f"{label} `{url}`" for label, url in pages))
    for result in results:
        print_step(result)
    failures = sum(r["total"]["failures"] for r in results)
    errors = log_path.read_text()
    tail = "\n".join(line for line in errors.splitlines() if "Traceback" in line or "Error" in line)
    print(f"\nFailed requests: {failures}. gunicorn log: {len(errors.splitlines())} lines.")
    if tail:
        print(f"\n```\n{tail[:3000]}\n```")
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
