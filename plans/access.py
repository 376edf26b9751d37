"""Who may see or act on which plan (DESIGN.md §5).

A user sees:
  - every plan of an organisation they belong to, drafts included (only they see drafts);
  - published plans (issued, superseded, revoked) of organisations in their oversight
    scope (orgs.access: the scope root's subtree);
  - published plans addressed to one of their organisations: as a recipient, or as a lead
    or coordinating unit of a task.
Editing needs the editor role at the issuer, approving the approver role, numbering the clerk
or approver role. Superusers see everything but act only through roles.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from orgs.access import scope_roots, user_memberships
from orgs.models import Membership, Organisation, subtree_q

from .models import Plan, Recipient, TaskUnit

Role = Membership.Role
NEEDS = {
    "view": None,
    "edit": {Role.EDITOR},
    "approve": {Role.APPROVER},
    "issue": {Role.CLERK, Role.APPROVER},
}


def member_organisation_ids(user):
    return {org_id for _role, org_id, *_ in user_memberships(user)}


def visible_plans_q(user):
    """A Q selecting the plans user may see."""
    if user.is_superuser:
        return Q()
    own = member_organisation_ids(user)
    if not own:
        return Q(pk__in=[])
    # Subqueries, not joins: each branch is answered from its own index (docs/benchmarks.md).
    below = Organisation.objects.filter(reduce(or_, map(subtree_q, scope_roots(user))))
    oversight = Q(issuer__in=below.values("pk"))
    addressed = Q(pk__in=Recipient.objects.filter(organisation_id__in=own).values("plan_id")) | Q(
        pk__in=TaskUnit.objects.filter(organisation_id__in=own).values("task__section__plan_id")
    )
    published = Q(status__in=Plan.PUBLISHED) & (oversight | addressed)
    return Q(issuer_id__in=own) | published


def has_role(user, plan, need):
    roles = NEEDS[need]
    return roles is None or any(
        role in roles and org_id == plan.issuer_id for role, org_id, *_ in user_memberships(user)
    )


def abilities(user, plan):
    """What the templates may offer on a plan's pages."""
    return {need: has_role(user, plan, need) for need in NEEDS if need != "view"}


def access_plan(user, pk, need="view", queryset=None):
    """The only door to a plan from user input: 404 if unseen, 403 if the role is too low."""
    queryset = Plan.objects.all() if queryset is None else queryset
    plan = queryset.visible_to(user).filter(pk=pk).first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch.")
    if not has_role(user, plan, need):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với kế hoạch.")
    return plan


REPORT_SHARED = ("submitted", "returned", "accepted")


def visible_reports_q(user):
    """Reports of the user's units (all states), reports sent to their units and reports of
    units in their oversight scope (once sent)."""
    if user.is_superuser:
        return Q()
    own = member_organisation_ids(user)
    if not own:
        return Q(pk__in=[])
    below = Organisation.objects.filter(reduce(or_, map(subtree_q, scope_roots(user))))
    sent = Q(report_to_id__in=own) | Q(organisation__in=below.values("pk"))
    return Q(organisation_id__in=own) | (Q(status__in=REPORT_SHARED) & sent)


def report_abilities(user, report):
    roles = {(role, org_id) for role, org_id, *_ in user_memberships(user)}
    return {
        "edit": (Role.EDITOR, report.organisation_id) in roles,
        "review": (Role.APPROVER, report.report_to_id) in roles,
    }


def access_report(user, pk, need="view"):
    """The only door to a report: 404 if unseen; 403 without the role (edit: editor of the
    reporting unit; review: approver of the unit it is sent to)."""
    from .models import Report

    report = Report.objects.visible_to(user).filter(pk=pk).select_related("plan").first()
    if report is None:
        raise Http404("Không tìm thấy báo cáo.")
    if need != "view" and not report_abilities(user, report)[need]:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với báo cáo.")
    return report
