"""Downloads of the official documents (PDF and DOCX) of a plan or a report, behind the
plan's or the report's one door."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .access import access_plan, access_report
from .rendering import FORMATS, plan_file, report_file
from .rendering.fonts import FontMissing

log = logging.getLogger(__name__)


def _download(request, pk, fmt, *, report=False):
    if report:
        what, obj, render = "report", access_report(request.user, pk), report_file
    else:
        what, obj, render = "plan", access_plan(request.user, pk), plan_file
    try:
        data, name = render(obj, fmt)
    except FontMissing as error:
        # Loud, never a document in the wrong font: the operator must install the font.
        log.error("Cannot render %s %s as %s: %s", what, pk, fmt, error)
        return HttpResponse(
            f"Không tạo được văn bản: {error}", status=503, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = name.content_disposition()
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def download_pdf(request, pk):
    return _download(request, pk, "pdf")


@login_required
@require_GET
def download_docx(request, pk):
    return _download(request, pk, "docx")


@login_required
@require_GET
def report_pdf(request, pk):
    return _download(request, pk, "pdf", report=True)


@login_required
@require_GET
def report_docx(request, pk):
    return _download(request, pk, "docx", report=True)
