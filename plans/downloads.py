"""Downloads of a plan's official documents (PDF and DOCX), behind the plan's one door."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .access import access_plan
from .rendering import FORMATS, plan_file
from .rendering.fonts import FontMissing

log = logging.getLogger(__name__)


def _download(request, pk, fmt):
    plan = access_plan(request.user, pk)
    try:
        data, name = plan_file(plan, fmt)
    except FontMissing as error:
        # Loud, never a document in the wrong font: the operator must install the font.
        log.error("Cannot render plan %s as %s: %s", pk, fmt, error)
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
