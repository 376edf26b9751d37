"""The navbar's counts on every page: what waits for the user beside "Trang chủ", "Kế hoạch",
"Văn bản đến" and "Báo cáo", and the unread notifications under the bell.

The lists are those of the home page (plans.todo.plan_lists, reports.todo.report_lists),
counted fresh, all in one query, and only when a template shows the navbar (a fragment
answering htmx costs nothing). The home page counts all its lists in that one query and hands
the navbar its figures (campaign.views.home).
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


def list_counts(user, names=None):
    """{list name: rows} of the home page's lists (only those named, if names is given) and
    "bell", the unread notifications: one query."""
    lists = {**plan_lists(user), **report_lists(user)}
    if names is not None:
        lists = {name: lists[name] for name in names}
    return count_together({**lists, "bell": unread(user)})


def menu(counts):
    """The navbar's figures from the counts of list_counts: home is the sum of the three
    entries, bell the unread notifications."""
    entries = {entry: sum(counts[name] for name in names) for entry, names in MENU.items()}
    return {**entries, "home": sum(entries.values()), "bell": counts["bell"]}


def navbar_counts(user):
    """{"home", "plans", "inbox", "reports", "bell": count} for user's navbar."""
    return menu(list_counts(user, [name for names in MENU.values() for name in names]))


def navbar(request):
    """navbar: the counts of navbar_counts, worked out when a template first reads them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"navbar": SimpleLazyObject(lambda: navbar_counts(user))}
