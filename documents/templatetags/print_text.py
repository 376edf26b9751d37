"""Template filters of the printed document (templates/documents/)."""

from django import template

from documents import linebreak

register = template.Library()


@register.filter
def keep_together(text, where=""):
    """text with each timeframe or reference ("Quý II/2026", "năm 2026", "10/6/2026",
    "số 216/ĐA-UBND") held on one line by non-breaking spaces and word joiners; where="cell"
    holds only what fits a table's time column. The result is escaped like any text."""
    max_width = linebreak.CELL_MAX_WIDTH if where == "cell" else None
    return linebreak.keep_together(
        str(text or ""), joiner=linebreak.WORD_JOINER, max_width=max_width
    )
