"""What waits for a user among plans, for the home page "Việc cần làm" (campaign.views.home):
plans to approve, to number and issue, returned to their writers, drafts left, unread incoming
plans and tasks of their units whose deadline is near. The page counts every list in one query
(campaign.views.home), then reads the first LIMIT rows of each list that is not empty: one query
a list, one for the tasks."""

from django.db.models import Exists, OuterRef, Q, Subquery

from orgs.access import member_organisation_ids, user_memberships

from . import deadlines
from .access import NEEDS
from .models import InboxRead, Plan, PlanEvent, Recipient, Signature, TaskUnit

Status = Plan.Status
LIMIT = 20  # items per list on the home page; the count says how many in all


def count_and_first(queryset, count):
    """(count, the first LIMIT rows of queryset); count is the rows of the list, counted
    beforehand with the page's other lists. No query for an empty list."""
    return count, (list(queryset[:LIMIT]) if count else [])


def units_with(user, need):
    """Ids of the organisations where user holds a role that covers need (plans.access)."""
    return {org_id for role, org_id, *_ in user_memberships(user) if role in NEEDS[need]}


def incoming_plans(user):
    """Issued plans addressed to the user's units (as recipient or task unit) by others, with
    is_read; the "Văn bản đến" list, unread first."""
    own = member_organisation_ids(user)
    # Two subqueries, each answered from its organisation index, rather than an OR over two
    # joins, which reads every recipient and task unit of the country (110 ms a page at
    # national scale, and the navbar counts this list on every page).
    addressed = Recipient.objects.filter(organisation_id__in=own).values("plan_id")
    tasked = TaskUnit.objects.filter(organisation_id__in=own).values("task__section__plan_id")
    # The co-issuers of a joint document receive it like its recipients.
    joint = Signature.objects.filter(organisation_id__in=own).values("plan_id")
    return (
        Plan.objects.published()
        .filter(Q(pk__in=addressed) | Q(pk__in=tasked) | Q(pk__in=joint))
        .exclude(issuer_id__in=own)
        .select_related("issuer")
        .annotate(is_read=Exists(InboxRead.objects.filter(user=user, plan=OuterRef("pk"))))
        .order_by("is_read", "-issued_on", "-pk")
    )


def plan_lists(user):
    """{list name: queryset} of the plans waiting for user: to approve, to issue, returned,
    drafts she worked on, unread incoming; the home page lists them, the navbar counts them."""
    plans = Plan.objects.select_related("issuer")
    editing = units_with(user, "edit")
    returned_comment = (
        PlanEvent.objects.filter(plan=OuterRef("pk"), action=PlanEvent.Action.RETURNED)
        .order_by("-at", "-pk")
        .values("comment")[:1]
    )
    return {
        "to_approve": plans.filter(
            status=Status.SUBMITTED, issuer_id__in=units_with(user, "approve")
        ),
        "to_issue": plans.filter(status=Status.APPROVED, issuer_id__in=units_with(user, "issue")),
        "returned": plans.filter(status=Status.RETURNED, issuer_id__in=editing).annotate(
            return_comment=Subquery(returned_comment)
        ),
        "drafts": plans.filter(status=Status.DRAFT, issuer_id__in=editing)
        .filter(Exists(PlanEvent.objects.filter(plan=OuterRef("pk"), by=user)))
        .order_by("-updated_at"),
        "unread": incoming_plans(user).filter(is_read=False),
    }


def plan_todo(user, today, counts):
    """{list name: (count, first items)} of what waits for user among plans; counts: the rows
    of each list of plan_lists."""
    lists = plan_lists(user)
    todo = {
        name: count_and_first(
            queryset if queryset.query.order_by else queryset.order_by("updated_at", "pk"),
            counts[name],
        )
        for name, queryset in lists.items()
    }
    near = [
        item
        for item in deadlines.unit_tasks(member_organisation_ids(user), today)
        if item.state in ("overdue", "due_soon")
    ]
    todo["tasks"] = (len(near), near[:LIMIT])
    return todo
