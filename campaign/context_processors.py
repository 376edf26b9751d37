"""The navbar's counts on every page: what waits for the user beside "Trang chủ", "Kế hoạch",
"Văn bản đến" and "Báo cáo", and the unread notifications under the bell.

The lists are those of the home page (plans.todo.plan_lists, reports.todo.report_lists),
counted fresh, all in one query, and only when a template shows the navbar (a fragment
answering htmx costs nothing).
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.functional import SimpleLazyObject

from plans.todo import plan_lists
from reports.todo import report_lists

from .notify import unread

# navbar entry → the home page's lists it counts
MENU = {
    "plans": ("to_approve", "to_issue", "returned"),
    "inbox": ("unread",),
    "reports": ("reports_due", "to_review"),
}


def count_together(querysets):
    """{name: number of rows} of several querysets in one query: a SELECT of one COUNT
    subquery each. A queryset that can match nothing (an empty __in) is 0 without asking."""
    counts, names, parts, params = {}, [], [], []
    for name, queryset in querysets.items():
        try:
            sql, own = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            counts[name] = 0
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{len(parts)})")
        names.append(name)
        params.extend(own)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            counts.update(zip(names, cursor.fetchone(), strict=True))
    return counts


def navbar_counts(user):
    """{"home", "plans", "inbox", "reports", "bell": count} for user's navbar; home is the sum
    of the three lists, bell the unread notifications."""
    lists = {**plan_lists(user), **report_lists(user)}
    wanted = {name: lists[name] for names in MENU.values() for name in names}
    counts = count_together({**wanted, "bell": unread(user)})
    menu = {entry: sum(counts[name] for name in names) for entry, names in MENU.items()}
    return {**menu, "home": sum(menu.values()), "bell": counts["bell"]}


def navbar(request):
    """navbar: the counts of navbar_counts, worked out when a template first reads them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"navbar": SimpleLazyObject(lambda: navbar_counts(user))}
