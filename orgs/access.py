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

from .models import Membership, Organisation, subtree_q

STEP = Organisation.steplen
MANAGER_ROLES = {Membership.Role.EDITOR, Membership.Role.APPROVER}


def scope_root_path(organisation):
    """The path from which a member of organisation oversees the tree."""
    if organisation.is_area or organisation.depth == 1:
        return organisation.path
    return organisation.path[:-STEP]


def user_memberships(user):
    """The user's memberships as (role, organisation id, path, kind, depth), cached on the user."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_org_memberships"):
        user._org_memberships = list(
            Membership.objects.filter(user=user).values_list(
                "role",
                "organisation_id",
                "organisation__path",
                "organisation__kind",
                "organisation__depth",
            )
        )
    return user._org_memberships


def _root(path, kind, depth):
    return scope_root_path(Organisation(path=path, kind=kind, depth=depth))


def scope_roots(user, roles=None):
    """Scope-root paths of the user's memberships (optionally only those with given roles)."""
    return sorted(
        {
            _root(path, kind, depth)
            for role, _org_id, path, kind, depth in user_memberships(user)
            if roles is None or role in roles
        }
    )


def _ancestor_paths(path):
    return [path[:end] for end in range(STEP, len(path), STEP)]


def visible_q(user):
    """A Q selecting the organisations user may see (one indexed query on path)."""
    conditions = []
    for root in scope_roots(user):
        conditions.append(subtree_q(root))
        for ancestor in _ancestor_paths(root):
            conditions.append(Q(path=ancestor))
            conditions.append(
                subtree_q(ancestor)
                & Q(depth=len(ancestor) // STEP + 1)
                & ~Q(kind__in=Organisation.AREA_KINDS)
            )
    return reduce(or_, conditions, Q(pk__in=[]))


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
