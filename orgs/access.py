"""Who may see or manage which part of the organisation tree.

A membership gives its holder a *scope root*: the organisation itself when it is an area
(province, commune, village…), otherwise the node it sits under (a committee's commune, a
grassroots union's federation). From there a user sees:
  - the scope root's whole subtree (oversight of everything below);
  - the chain of ancestors above it, and the bodies sitting directly at those ancestor levels
    (the district and province committees, departments and unions that address them).
Managing (editing units, committees, imports) needs the editor or approver role somewhere,
and reaches that membership's scope subtree. Superusers see and manage everything.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import (
    STEP,
    Membership,
    Organisation,
    scope_root_path,
    scope_roots,
    subtree_q,
    user_memberships,
    visible_q,
)

__all__ = ["scope_root_path", "scope_roots", "user_memberships", "visible_q"]

MANAGER_ROLES = {Membership.Role.EDITOR, Membership.Role.APPROVER}


def member_organisation_ids(user):
    """Ids of the organisations user is a member of (any role)."""
    return {org_id for _role, org_id, *_ in user_memberships(user)}


def oversight_organisations(user):
    """The organisations in user's oversight scope: the subtrees of their scope roots."""
    # Subqueries of this, not joins: each branch is answered from its own index
    # (docs/benchmarks.md).
    return Organisation.objects.filter(reduce(or_, map(subtree_q, scope_roots(user)), Q(pk__in=[])))


def can_see(user, organisation):
    if user.is_superuser:
        return True
    for root in scope_roots(user):
        if organisation.path.startswith(root) or root.startswith(organisation.path):
            return True
        parent_path = organisation.path[:-STEP]
        if (
            organisation.kind not in Organisation.AREA_KINDS
            and parent_path
            and root.startswith(parent_path)
        ):
            return True
    return False


def can_manage(user, organisation):
    if user.is_superuser:
        return True
    return any(
        organisation.path.startswith(root) for root in scope_roots(user, roles=MANAGER_ROLES)
    )


def abilities(user, organisation):
    """What the templates may offer on an organisation's pages."""
    return {"manage": can_manage(user, organisation)}


def access_organisation(user, pk, need="view"):
    """The only door to an organisation from user input: 404 if unseen, 403 if role too low."""
    organisation = Organisation.objects.select_related("level").filter(pk=pk).first()
    if organisation is None or not can_see(user, organisation):
        raise Http404("Không tìm thấy đơn vị.")
    if need == "manage" and not can_manage(user, organisation):
        raise PermissionDenied("Bạn không có quyền quản lý đơn vị này.")
    return organisation
