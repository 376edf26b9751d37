"""The document as HTML: the stylesheet and the standalone preview file (pdf.py prints it)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def document_stylesheet():
    """The print stylesheet (our own static file), for documents rendered outside a page."""
    with open(finders.find("css/document.css"), encoding="utf-8") as handle:
        return handle.read()


def preview_html(document):
    """The document as one standalone HTML file (stylesheet inlined)."""
    return render_to_string(
        "documents/plan_preview.html", {"doc": document, "stylesheet": document_stylesheet()}
    )
