"""Template filters of the printed document (templates/documents/)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from documents.linebreak import together_spans

register = template.Library()


@register.filter
def keep_together(text):
    """text, escaped, with each timeframe or reference ("Quý II/2026", "năm 2026",
    "10/6/2026") in a span the browser and WeasyPrint never break inside."""
    text = str(text or "")
    out, last = [], 0
    for start, end in together_spans(text):
        out.append(conditional_escape(text[last:start]))
        out.append(f'<span class="kh-nowrap">{conditional_escape(text[start:end])}</span>')
        last = end
    out.append(conditional_escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
