"""A document as PDF: the document structure → HTML with the print stylesheet → WeasyPrint."""

from django.template.loader import render_to_string

from . import fonts
from .html import document_stylesheet


def print_html(document, family=None):
    """The standalone HTML WeasyPrint lays out (stylesheet inlined, font family fixed)."""
    family = family or fonts.resolve_family()
    return render_to_string(
        "documents/plan_print.html",
        {"doc": document, "stylesheet": document_stylesheet(), "font_family": family.name},
    )


def html_to_pdf(html, *, fetcher=None, family=None):
    """PDF bytes of html; only the app's static files can be read, and only family embedded."""
    # Imported here: WeasyPrint takes seconds to import, which every process (manage.py, each
    # test worker) would pay at start-up through the receivers that import this module.
    from weasyprint import HTML

    from .fetcher import StaticOnlyFetcher, static_roots

    family = family or fonts.resolve_family()
    fetcher = fetcher or StaticOnlyFetcher()
    rendered = HTML(
        string=html, base_url=static_roots()[0].as_uri() + "/", url_fetcher=fetcher
    ).render()
    pdf = rendered.write_pdf()
    fonts.check_embedded(rendered, family)
    return pdf


def document_pdf(document):
    family = fonts.resolve_family()
    return html_to_pdf(print_html(document, family), family=family)
