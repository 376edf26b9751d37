"""Who may see or act on which plan (DESIGN.md §5).

A user sees:
  - every plan of an organisation they belong to, drafts included (only they see drafts);
  - published plans (issued, superseded, revoked) of organisations in their oversight
    scope (orgs.access: the scope root's subtree);
  - published plans addressed to one of their organisations: as a recipient, or as a lead
    or coordinating unit of a task, or as a unit that owes a report on it (PlanReader).
Editing needs the editor role at the issuer, approving the approver role, numbering the clerk
or approver role. Superusers see everything but act only through roles.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.access import member_organisation_ids, user_memberships
from orgs.models import Membership, Organisation

from .models import Plan, visible_plans_q

__all__ = ["member_organisation_ids", "visible_plans_q"]

Role = Membership.Role
NEEDS = {
    "view": None,
    "edit": {Role.EDITOR},
    "approve": {Role.APPROVER},
    "issue": {Role.CLERK, Role.APPROVER},
}


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


def editor_units(user):
    """The organisations where user may write plans (editor role)."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.EDITOR
    ).distinct()
