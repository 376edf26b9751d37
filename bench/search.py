"""Plan search on PostgreSQL: with and without trigram indexes on the folded search columns.

    createdb -h 127.0.0.1 -U postgres kehoach_bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_bench_search \\
        .venv/bin/python -m bench.search --plans 20000

Migrates the database, adds (idempotently) --plans plans whose searchable texts are the five
seed plans' printed texts, each with its own number and a few words of its own, then times
Plan.objects.search() for typical queries with the trigram indexes of migration
plans/0018_search_trigram_indexes, and again with them dropped (they are restored at the end).
Prints a Markdown report (docs/benchmarks.md).
"""

import argparse
import os
import random

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench.orgs import machine, measure  # noqa: E402
from campaign.text import fold  # noqa: E402
from orgs.demo import load_demo  # noqa: E402
from orgs.models import Organisation  # noqa: E402
from plans.demo import load_demo_plans  # noqa: E402
from plans.models import Plan  # noqa: E402
from plans.printing import plan_text  # noqa: E402

BENCH_SUMMARY = "benchmark"
QUERIES = [
    ("a full number", "1234/KH-BCĐ"),
    ("a short number", "05/KH"),
    ("two common words", "ke hoach van hoa"),
    ("words of a task", "tuyen truyen luu dong"),
    ("a rare word of one plan", "chimhac7777"),
    ("no match", "khongcotrongvanban"),
]
INDEXES = ["plans_plan_search_text_trgm", "plans_plan_body_text_trgm"]


def say(text):
    print(f"-- {text}", flush=True)


def ensure_plans(count):
    """count bench plans, written in one bulk insert per 2,000 (search_text as Plan.save sets
    it, body_text as plans.history sets it: a seed plan's printed text, folded)."""
    have = Plan.objects.filter(summary__startswith=BENCH_SUMMARY).count()
    if have >= count:
        return
    seeds = [
        (plan.summary, fold(plan_text(plan)))
        for plan in Plan.objects.exclude(summary__startswith=BENCH_SUMMARY)
    ]
    issuers = list(Organisation.objects.filter(kind=Organisation.Kind.COMMITTEE)[:50])
    rng = random.Random(7)
    say(f"adding {count - have} plans")
    for start in range(have, count, 2000):
        rows = []
        for n in range(start, min(start + 2000, count)):
            seed_summary, seed_text = seeds[n % len(seeds)]
            summary = f"{BENCH_SUMMARY} {n}: {seed_summary}"
            number = n % 9999 + 1
            symbol = rng.choice(["KH-BCĐ", "KH-UBND", "KH-MTTQ", "HD-BCĐ"])
            rows.append(
                Plan(
                    issuer=rng.choice(issuers), status=Plan.Status.DRAFT, symbol=symbol,
                    place="Bench", year=2024, summary=summary,
                    search_text=fold(f"Kế hoạch {summary} {symbol} {number:02d}/{symbol}"),
                    body_text=f"{seed_text} chimhac{n}",
                )
            )  # fmt: skip
        with transaction.atomic():
            Plan.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        # Rows inserted in bulk wait in the GIN indexes' pending lists until a vacuum; a query
        # then scans those lists and is slow until autovacuum comes by.
        cursor.execute("VACUUM ANALYZE plans_plan")


def run_queries(repeat):
    rows = []
    for label, text in QUERIES:

        def search(text=text):
            return list(Plan.objects.search(text).values_list("pk", flat=True)[:50])

        median, worst, _ = measure(search, repeat)
        found = Plan.objects.search(text).count()
        rows.append((label, text, found, median, worst))
    return rows


def index_definitions():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [INDEXES]
        )
        return dict(cursor.fetchall())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench.search measures PostgreSQL's indexes: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    load_demo()
    load_demo_plans()
    ensure_plans(args.plans)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE plans_plan")
    definitions = index_definitions()
    if len(definitions) != len(INDEXES):
        raise SystemExit(f"Trigram indexes missing: {sorted(set(INDEXES) - set(definitions))}")

    with_index = run_queries(args.repeat)
    with connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX {name}")
    try:
        without = run_queries(args.repeat)
    finally:
        with connection.cursor() as cursor:
            for definition in definitions.values():
                cursor.execute(definition)

    print("\n### Machine\n")
    for key, value in machine().items():
        print(f"- {key}: {value}")
    print(f"\n### Results ({Plan.objects.count()} plans, {args.repeat} runs, median ms)\n")
    print(
        "| Query | text | plans found | with trigram indexes | without | max with | max without |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for (label, text, found, median, worst), (*_, median_no, worst_no) in zip(
        with_index, without, strict=True
    ):
        print(
            f"| {label} | `{text}` | {found} | {median:.1f} | {median_no:.1f} | {worst:.1f} "
            f"| {worst_no:.1f} |"
        )


if __name__ == "__main__":
    main()
