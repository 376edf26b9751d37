"""The HTTP response of a document download (PDF or DOCX), for any door that found the object."""

import logging

from django.http import HttpResponse

from .files import FORMATS
from .fonts import FontMissing

log = logging.getLogger(__name__)


class DocumentUnavailable(RuntimeError):
    """A kept file cannot be served as it was kept (missing, or not the bytes its hash names);
    the caller has logged why. The message is for the user, in Vietnamese."""


def download_response(render, obj, fmt):
    """render(obj, fmt) -> (bytes, FileName) served as an attachment; 503 with the cause when
    the font is missing (never a document in the wrong font) or a kept file is unavailable
    (never a different file)."""
    try:
        data, name = render(obj, fmt)
    except DocumentUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    except FontMissing as error:
        # Loud: the operator must install the font.
        log.error("Cannot render %s %s as %s: %s", type(obj).__name__, obj.pk, fmt, error)
        return HttpResponse(
            f"Không tạo được văn bản: {error}", status=503, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = name.content_disposition()
    response["Content-Length"] = str(len(data))
    # Never kept by a browser or proxy cache: the file may be a draft, and the next person at a
    # shared computer must not find it (campaign/headers.py adds the same to any attachment).
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
