"""Freezing the issued PDFs of 3,321 commune plans with 1 and 2 worker processes (issue 8).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kehoach_load .venv/bin/python -m bench.queue
    DATABASE_URL=… .venv/bin/python -m bench.queue --direct     # without the queue

Runs on the data set of bench.plans (whatever is missing is done first: migrations, units,
villages, one issued 2024 plan per commune steering committee, 3,321 in all). For each number
of processes (1, then 2):

- the frozen PDFs of those plans are deleted, and the processes get a fresh document cache, so
  every PDF is rendered;
- queue (the default): one `plans.tasks.freeze_plan_pdf` task per plan is enqueued in one
  transaction, as the workflow enqueues it when a plan is issued; then N `manage.py db_worker
  --batch` processes are started with production settings (DEBUG=0) and timed until the last
  one exits, the queue drained;
- --direct: N processes each call `plans.printing.freeze_issued_pdf` on their share of the
  plans (what the task does, without the queue).

Prints a Markdown report (docs/benchmarks.md): wall time from starting the processes to the
last exit (start-up included), time from the first PDF started to the last frozen, plans per
second; exit 1 if a plan was left without its frozen PDF or a task failed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.load import production_env  # noqa: E402
from bench.orgs import ensure_data, machine, say  # noqa: E402
from bench.plans import ensure_plans  # noqa: E402
from orgs.models import Organisation  # noqa: E402
from plans.models import IssuedDocument, Plan  # noqa: E402
from plans.printing import freeze_issued_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TASK = "plans.tasks.freeze_plan_pdf"


def commune_plans():
    """The issued 2024 plans of the active commune steering committees (one each)."""
    return Plan.objects.filter(
        year=2024,
        status=Plan.Status.ISSUED,
        issuer__kind=Organisation.Kind.COMMITTEE,
        issuer__level__code="xa",
        issuer__active_to__isnull=True,
    ).order_by("issuer__path")


def freeze_share(ids_path, share, shares):
    """Child process of --direct: freeze every shares-th plan from share on; print the span."""
    ids = json.loads(Path(ids_path).read_text())[share::shares]
    started = time.time()
    for plan in Plan.objects.filter(pk__in=ids).order_by("pk"):
        freeze_issued_pdf(plan)
    print(json.dumps({"started": started, "finished": time.time(), "plans": len(ids)}))


def reset(ids):
    """Forget the frozen PDFs of ids and the results of earlier freezing tasks."""
    IssuedDocument.objects.filter(plan_id__in=ids).delete()
    if "django_tasks_db" in settings.INSTALLED_APPS:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(task_path=TASK).delete()


def run_queue(ids, processes, env):
    """Enqueue one freezing task per plan, drain the queue with processes workers; figures."""
    # Imported here so that --direct works on code that has no task queue yet.
    from django_tasks_db.models import DBTaskResult

    from plans.tasks import freeze_plan_pdf

    started = time.perf_counter()
    with transaction.atomic():
        for pk in ids:
            freeze_plan_pdf.enqueue(pk)
    enqueued = time.perf_counter() - started
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload",
               "--no-startup-delay", "-v0"]  # fmt: skip
    started = time.perf_counter()
    workers = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(processes)]
    codes = [worker.wait() for worker in workers]
    wall = time.perf_counter() - started
    results = DBTaskResult.objects.filter(task_path=TASK)
    span = results.aggregate(first=Min("started_at"), last=Max("finished_at"))
    statuses = dict(results.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "enqueue_s": enqueued,
        "wall_s": wall,
        "span_s": (span["last"] - span["first"]).total_seconds() if span["first"] else None,
        "statuses": statuses,
        "exit_codes": codes,
    }


def run_direct(ids, processes, env, workdir):
    ids_path = workdir / "ids.json"
    ids_path.write_text(json.dumps(ids))
    started = time.perf_counter()
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.queue",
                "--share",
                f"{share}/{processes}",
                "--ids",
                str(ids_path),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for share in range(processes)
    ]
    outputs = [child.communicate()[0] for child in children]
    wall = time.perf_counter() - started
    spans = [json.loads(output.strip().splitlines()[-1]) for output in outputs if output.strip()]
    return {
        "enqueue_s": None,
        "wall_s": wall,
        "span_s": max(s["finished"] for s in spans) - min(s["started"] for s in spans)
        if spans
        else None,
        "statuses": {},
        "exit_codes": [child.returncode for child in children],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direct", action="store_true", help="freeze without the queue")
    parser.add_argument("--processes", default="1,2", help="numbers of processes (1,2)")
    parser.add_argument("--plans", type=int, default=None, help="only the first N plans")
    parser.add_argument("--share", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.share:
        share, shares = map(int, args.share.split("/"))
        return freeze_share(args.ids, share, shares)
    if connection.vendor != "postgresql":
        raise SystemExit("bench.queue measures PostgreSQL: set DATABASE_URL=postgres://…")

    notes = ensure_data()
    notes.append(ensure_plans() or "the 2024 commune plans were there already")
    ids = list(commune_plans().values_list("pk", flat=True))[: args.plans]
    facts = machine()
    facts["load average before (1, 5, 15 min)"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    mode = "direct" if args.direct else "queue"
    rows = []
    for processes in [int(n) for n in args.processes.split(",")]:
        reset(ids)
        workdir = Path(tempfile.mkdtemp(prefix="kehoach-queue-"))
        env = production_env(workdir)
        connection.close()  # the children should not share this process's connection
        say(f"{mode}: {len(ids):,} plans, {processes} process(es)")
        if args.direct:
            figures = run_direct(ids, processes, env, workdir)
        else:
            figures = run_queue(ids, processes, env)
        frozen = IssuedDocument.objects.filter(plan_id__in=ids).count()
        figures.update(
            processes=processes,
            frozen=frozen,
            loadavg=" ".join(f"{x:.2f}" for x in os.getloadavg()),
            at=timezone.localtime().strftime("%H:%M"),
        )
        rows.append(figures)
        say(json.dumps(figures, default=str))

    title = "through the task queue" if not args.direct else "directly, without the queue"
    print(f"## Freezing issued PDFs {title} (bench/queue.py)\n")
    for note in notes:
        print(f"*{note}*\n")
    print("| Machine | |\n|---|---|")
    for key, value in facts.items():
        print(f"| {key} | {value} |")
    print(
        f"\n{len(ids):,} issued commune plans (10 tasks each, 3 pages), a fresh document "
        "cache for each run.\n"
    )
    print(
        "| processes | plans frozen | enqueue s | wall s (start-up included) | first start to "
        "last frozen s | plans/s (span) | tasks | load average after |"
    )
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    failed = False
    for row in rows:
        span = row["span_s"]
        rate = f"{len(ids) / span:.1f}" if span else "–"
        enqueue = f"{row['enqueue_s']:.1f}" if row["enqueue_s"] is not None else "–"
        statuses = ", ".join(f"{k} {v:,}" for k, v in row["statuses"].items()) or "–"
        print(
            f"| {row['processes']} | {row['frozen']:,} | {enqueue} | {row['wall_s']:.1f} | "
            f"{span or 0:.1f} | {rate} | {statuses} | {row['loadavg']} ({row['at']}) |"
        )
        failed = failed or row["frozen"] != len(ids) or set(row["statuses"]) - {"SUCCESSFUL"}
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
