"""Official documents: PDF time through the app vs bare WeasyPrint vs LibreOffice, pages, peak
memory and the cached download, for the five seed plans (budgets of issue 5).

    .venv/bin/python -m bench.pdf [--runs 9] [--office-runs 5]

Runs on a throwaway SQLite database with the demo data (unless DATABASE_URL is set) and a
throwaway document cache. Needs LibreOffice (Debian: libreoffice-writer-nogui) for the
comparison. Prints a Markdown report (docs/benchmarks.md); exit 1 if a budget is missed.
"""

import argparse
import gc
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from documents import fonts  # noqa: E402
from documents.pdf import document_pdf, print_html  # noqa: E402
from documents.word import document_docx  # noqa: E402
from plans.printing import build_document, plan_for_document  # noqa: E402

BUDGET_RATIO_WEASY = 1.2  # app ≤ 1.2 × bare WeasyPrint
BUDGET_FASTER_THAN_OFFICE = 3.0  # app ≥ 3 × faster than LibreOffice
BUDGET_CACHED_MS = 50.0
BUDGET_MEMORY_MB = 250.0
# Who downloads each seed in the cached-download measurement (a member of its issuer).
DOWNLOADERS = ["ldldbg-editor", "sldtbxh-editor", "quyettien-editor", "quyetthang-editor",
               "ldldnb-editor"]  # fmt: skip


def median_ms(samples):
    return statistics.median(samples) * 1000


def timed(function):
    """Seconds function takes, with a collected heap and no GC pause inside the timing."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        result = function()
        return time.perf_counter() - started, result
    finally:
        gc.enable()


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_seconds(docx_path, runs):
    """Whole-process times of `soffice --headless --convert-to pdf` (after one warm-up run
    that creates the profile), and the page count of its PDF."""
    profile = (WORK / "office-profile").as_uri()
    command = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
               "pdf", "--outdir", str(WORK / "office"), str(docx_path)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        seconds, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True))
        samples.append(seconds)
    return samples


def peak_memory_mb(pk):
    """Peak RSS of a fresh process that sets up Django and renders the plan's PDF once, and
    the same process's resident memory just before rendering."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.pdf", "--child", str(pk)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout.split()
    return float(out[0]), float(out[1])


def child(pk):
    from plans.models import Plan

    fonts.resolve_family()
    plan = Plan.objects.get(pk=pk)
    status = Path("/proc/self/status").read_text()
    before = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
    before /= 1024
    document_pdf(build_document(plan_for_document(plan.pk)))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{after:.1f} {before:.1f}")


def pages_of(pdf):
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--office-runs", type=int, default=5)
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0

    from weasyprint import HTML

    from orgs.demo import load_demo
    from plans.demo import load_demo_plans

    call_command("migrate", verbosity=0)
    load_demo()
    plans = load_demo_plans()
    settings.CACHES["documents"]["LOCATION"] = str(WORK / "cache")
    setup_test_environment()
    family = fonts.resolve_family()
    if soffice() is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
        return 2

    rows, missed = [], []
    for index, plan in enumerate(plans):
        html = print_html(build_document(plan_for_document(plan.pk)))
        (
            document_pdf(build_document(plan_for_document(plan.pk))),
            HTML(string=html).write_pdf(),
        )  # warm-up: fonts, caches, imports
        app, bare = [], []
        for _ in range(args.runs):  # side by side, alternating, so both see the same noise
            seconds, pdf = timed(
                lambda plan=plan: document_pdf(build_document(plan_for_document(plan.pk)))
            )
            app.append(seconds)
            seconds, _ = timed(lambda html=html: HTML(string=html).write_pdf())
            bare.append(seconds)
        docx_path = WORK / f"seed-{index}.docx"
        docx_path.write_bytes(document_docx(build_document(plan_for_document(plan.pk))))
        office = office_seconds(docx_path, args.office_runs)
        office_pdf = (WORK / "office" / f"seed-{index}.pdf").read_bytes()
        client = Client()
        client.force_login(get_user_model().objects.get(username=DOWNLOADERS[index]))
        url = reverse("plans:download_pdf", args=[plan.pk])
        first = client.get(url)
        assert first.status_code == 200, first.status_code
        cached = []
        for _ in range(args.runs * 3):
            seconds, response = timed(lambda url=url, client=client: client.get(url))
            assert response.content == first.content
            cached.append(seconds)
        peak, baseline = peak_memory_mb(plan.pk)
        row = {
            "seed": f"00{index}",
            "pages": pages_of(pdf),
            "office_pages": pages_of(office_pdf),
            "app": median_ms(app),
            "bare": median_ms(bare),
            "office": median_ms(office),
            "cached": median_ms(cached),
            "peak": peak,
            "baseline": baseline,
        }
        row["ratio"] = row["app"] / row["bare"]
        row["faster"] = row["office"] / row["app"]
        rows.append(row)
        if row["ratio"] > BUDGET_RATIO_WEASY:
            missed.append(f"seed {row['seed']}: app {row['ratio']:.2f} × bare WeasyPrint")
        if row["faster"] < BUDGET_FASTER_THAN_OFFICE:
            missed.append(f"seed {row['seed']}: only {row['faster']:.1f} × faster than LibreOffice")
        if row["cached"] > BUDGET_CACHED_MS:
            missed.append(f"seed {row['seed']}: cached download {row['cached']:.1f} ms")
        if row["peak"] > BUDGET_MEMORY_MB:
            missed.append(f"seed {row['seed']}: peak memory {row['peak']:.0f} MB")

    report(rows, missed, args, family)
    shutil.rmtree(WORK, ignore_errors=True)
    return 1 if missed else 0


def report(rows, missed, args, family):
    import weasyprint

    office = subprocess.run([soffice(), "--version"], capture_output=True, text=True).stdout
    print(f"Measured {datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
          f"{office.strip() or 'LibreOffice'}, font {family.name}; "
          f"medians of {args.runs} runs (LibreOffice {args.office_runs} runs after a warm-up; "
          f"cached download {args.runs * 3} requests).")  # fmt: skip
    print()
    print(
        "| seed | pages (app / LibreOffice) | app PDF ms | bare WeasyPrint ms | app ÷ bare "
        "| LibreOffice ms | LibreOffice ÷ app | cached download ms | peak RSS MB (RSS before) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['seed']} | {r['pages']} / {r['office_pages']} | {r['app']:.0f} | "
              f"{r['bare']:.0f} | {r['ratio']:.2f} | {r['office']:.0f} | {r['faster']:.1f} | "
              f"{r['cached']:.1f} | {r['peak']:.0f} ({r['baseline']:.0f}) |")  # fmt: skip
    print()
    print(f"Budgets: app ≤ {BUDGET_RATIO_WEASY} × bare WeasyPrint; ≥ {BUDGET_FASTER_THAN_OFFICE:.0f} "
          f"× faster than LibreOffice; cached download ≤ {BUDGET_CACHED_MS:.0f} ms; "
          f"peak memory ≤ {BUDGET_MEMORY_MB:.0f} MB.")  # fmt: skip
    print("All budgets met." if not missed else "MISSED: " + "; ".join(missed))


if __name__ == "__main__":
    sys.exit(main())
