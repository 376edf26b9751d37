"""Organisation tree at national scale: timings and query counts against the budgets of issue 3.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_bench .venv/bin/python -m bench.orgs

Expects a migrated database holding the official units and the `gen_national` data; whatever
is missing (migrations, units, generated villages) is done first, and said so. Creates two
benchmark users idempotently, then prints a Markdown report (docs/benchmarks.md).
"""

import argparse
import copy
import os
import platform
import statistics
import time
from datetime import datetime

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.http import Http404  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from orgs.access import access_organisation  # noqa: E402
from orgs.models import Membership, Organisation  # noqa: E402
from orgs.national import COMMITTEE_PREFIX  # noqa: E402
from orgs.services import add_organisation, ensure_levels  # noqa: E402

Kind = Organisation.Kind
Role = Membership.Role
PROVINCE_CODE = "20"  # Tỉnh Lạng Sơn
PAGE = 50


def say(text):
    print(f"<!-- {text} -->", flush=True)


def ensure_data():
    """Migrate, load units and generate the national data set if any of them is missing."""
    notes = []
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        say("database not migrated: running migrate")
        call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(code=PROVINCE_CODE, active_to__isnull=True).exists():
        say("official units missing: running load_units")
        call_command("load_units")
    if not Organisation.objects.filter(kind=Kind.VILLAGE).exists():
        say("no villages: running gen_national (defaults)")
        started = time.perf_counter()
        call_command("gen_national")
        notes.append(f"gen_national ran here in {time.perf_counter() - started:.1f} s")
    return notes


def province_committee(province):
    """The province's steering committee, created if the data set has none."""
    name = COMMITTEE_PREFIX + province.name[:1].lower() + province.name[1:]
    return Organisation.objects.get_children(province).filter(name=name).first() or (
        add_organisation(
            parent=province,
            kind=Kind.COMMITTEE,
            level=ensure_levels()["tinh"],
            name=name,
            symbol="BCĐ",
            parent_body_line=f"UBND {province.name.upper()}",
            place=province.place,
        )
    )


def first_village(province):
    villages = Organisation.objects.filter(kind=Kind.VILLAGE, path__startswith=province.path)
    return villages.order_by("path").first()


def ensure_user(username, organisation, role):
    """A benchmark user holding role at organisation; idempotent."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def measure(function, repeat):
    """Median wall time (ms) over repeat runs after a warm-up, and the most queries one run made."""
    for _ in range(3):
        function()
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            function()
            elapsed = time.perf_counter() - started
        times.append(elapsed * 1000)
        queries = max(queries, len(ctx.captured_queries))
    return statistics.median(times), max(times), queries


def fresh(user):
    # A request loads its user anew, so the memberships cached on the object must not carry over.
    return copy.copy(user)


def visible_page(user):
    page = Paginator(Organisation.objects.visible_to(fresh(user)).order_by("path"), PAGE).page(1)
    return list(page.object_list), page.paginator.count


def access(user, pk):
    try:
        return access_organisation(fresh(user), pk)
    except Http404:
        return None


def machine():
    with open("/proc/meminfo") as meminfo:
        kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPUs (nproc)": os.cpu_count(),
        "RAM": f"{kib / 1024 / 1024:.0f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": pg,
        "database": connection.settings_dict["NAME"],
    }


def data_set():
    orgs = Organisation.objects
    return {
        "organisations": orgs.count(),
        "provinces (active)": orgs.filter(level__code="tinh", kind=Kind.AREA).active().count(),
        "communes (active)": orgs.filter(level__code="xa", kind=Kind.AREA).active().count(),
        "villages and residential groups": orgs.filter(kind=Kind.VILLAGE).count(),
        "bodies (committees, people's committees, unions…)": orgs.exclude(
            kind__in=Organisation.AREA_KINDS
        ).count(),
        "deepest level": orgs.order_by("-depth").values_list("depth", flat=True).first(),
        "memberships": Membership.objects.count(),
    }


def explain(queryset):
    """The plan of queryset, and whether the path prefix is an index range or a filter."""
    plan = queryset.explain(analyze=True)
    lines = plan.splitlines()
    scans = [line.strip() for line in lines if "Index Scan" in line and "path" in line]
    removed = [line.strip() for line in lines if "Rows Removed by Filter" in line]
    if any("Index Cond" in line and "path" in line for line in lines):
        verdict = f"uses the path index as a range ({scans[0].split('  (')[0]})"
    elif scans:
        verdict = (
            "walks the path index only for the order and filters the prefix row by row "
            f"({', '.join(removed) or 'no rows removed'})"
        )
    else:
        verdict = "does not use an index on path"
    return plan, verdict


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs per measurement (30)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench.orgs measures PostgreSQL: set DATABASE_URL=postgres://…")

    notes = ensure_data()
    provinces = Organisation.objects.filter(level__code="tinh", kind=Kind.AREA).active()
    province = provinces.get(code=PROVINCE_CODE)
    # Prefix matches can degrade with the position of the prefix in the index: measure the
    # province that sorts last too, and the largest one.
    last = provinces.order_by("-path")[0]
    largest = provinces.order_by("-numchild")[0]
    village, last_village = first_village(province), first_village(last)
    province_user = ensure_user("bench-province", province_committee(province), Role.EDITOR)
    last_user = ensure_user("bench-province-last", province_committee(last), Role.EDITOR)
    village_user = ensure_user("bench-village", village, Role.VIEWER)
    last_village_user = ensure_user("bench-village-last", last_village, Role.VIEWER)
    commune_committee = Organisation.objects.get_siblings(village).first()
    size = {
        p.pk: Organisation.objects.get_descendants(p).count() for p in {province, last, largest}
    }
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE orgs_organisation")

    def descendants(p):
        return Organisation.objects.get_descendants(p)

    # (label, function, budget ms or None, budget queries or None)
    cases = [
        (
            f"descendants of {province.name} ({size[province.pk]:,} rows): `.count()`",
            lambda: descendants(province).count(),
            50,
            1,
        ),
        (
            f"descendants of {province.name}: first page of {PAGE}",
            lambda: list(descendants(province)[:PAGE]),
            50,
            1,
        ),
        (
            f"descendants of {last.name}, last in path order ({size[last.pk]:,} rows): `.count()`",
            lambda: descendants(last).count(),
            50,
            1,
        ),
        (
            f"descendants of {last.name}: first page of {PAGE}",
            lambda: list(descendants(last)[:PAGE]),
            50,
            1,
        ),
        (
            f"descendants of the largest province, {largest.name} ({size[largest.pk]:,} rows): "
            "all rows as model instances",
            lambda: list(descendants(largest)),
            50,
            1,
        ),
        (
            f"descendants of {largest.name}: all rows as (pk, path, name) tuples",
            lambda: list(descendants(largest).values_list("pk", "path", "name")),
            50,
            1,
        ),
        (
            f"ancestors of a village ({village.name}, depth {village.depth})",
            lambda: list(Organisation.objects.get_ancestors(village)),
            50,
            1,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), editor at {province.name}",
            lambda: visible_page(province_user),
            None,
            5,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), editor at {last.name}",
            lambda: visible_page(last_user),
            None,
            5,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), viewer at a village of {province.name}",
            lambda: visible_page(village_user),
            None,
            5,
        ),
        (
            f"`visible_to` page 1 of {PAGE} (count + rows), viewer at a village of {last.name}",
            lambda: visible_page(last_village_user),
            None,
            5,
        ),
        (
            "`access_organisation`: province editor opens a village of the province",
            lambda: access(province_user, village.pk),
            None,
            2,
        ),
        (
            "`access_organisation`: village viewer opens the commune's committee",
            lambda: access(village_user, commune_committee.pk),
            None,
            2,
        ),
        (
            "`access_organisation`: village viewer is refused a village elsewhere (404)",
            lambda: access(village_user, last_village.pk),
            None,
            2,
        ),
    ]

    print("## Organisation tree benchmark (bench/orgs.py)\n")
    for note in notes:
        print(f"*{note}*\n")
    print("| Machine | |\n|---|---|")
    for key, value in machine().items():
        print(f"| {key} | {value} |")
    print("\n| Data set | rows |\n|---|---:|")
    for key, value in data_set().items():
        print(f"| {key} | {value:,} |")
    for user in (province_user, last_user, village_user, last_village_user):
        count = Organisation.objects.visible_to(fresh(user)).count()
        print(f"| visible to {user.username} | {count:,} |")

    print(
        f"\nMedian of {args.repeat} runs after 3 warm-up runs; queries are the most any run made. "
        "Plans do not exist yet, so `visible_to` is measured on organisations.\n"
    )
    print("| Operation | median ms | max ms | queries | budget | met |")
    print("|---|---:|---:|---:|---|---|")
    missed = []
    for label, function, budget_ms, budget_queries in cases:
        median, worst, queries = measure(function, args.repeat)
        budget = []
        ok = True
        if budget_ms is not None:
            budget.append(f"≤ {budget_ms} ms")
            ok = ok and median <= budget_ms
        if budget_queries is not None:
            budget.append(f"≤ {budget_queries} quer{'y' if budget_queries == 1 else 'ies'}")
            ok = ok and queries <= budget_queries
        if not ok:
            missed.append(label)
        print(
            f"| {label} | {median:.2f} | {worst:.2f} | {queries} | {', '.join(budget)} | "
            f"{'yes' if ok else '**no**'} |"
        )

    for title, queryset in [
        (f"descendants of {province.name}", descendants(province)),
        (f"first page of the descendants of {last.name}", descendants(last)[:PAGE]),
    ]:
        plan, verdict = explain(queryset)
        print(f"\n`EXPLAIN ANALYZE` of the {title}: **{verdict}**.")
        print("\n```\n" + plan + "\n```")
    print(f"\nBudgets missed: {len(missed)}" + "".join(f"\n- {label}" for label in missed) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
