"""Who may see or manage which part of the organisation tree.

A membership gives its holder a *scope root*: the organisation itself when it is an area
(province, commune, village…), otherwise the node it sits under (a committee's commune, a
grassroots union's federation). From there a user sees:
  - the scope root's whole subtree (oversight of everything below);
  - the chain of ancestors above it, and the bodies sitting directly at those ancestor levels
    (the district and province committees, departments and unions that address them);
  - the national level (Trung ương, orgs/central.py), whoever they are.
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
    is_national,
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
    return user.is_authenticated and is_national(organisation)


def can_manage(user, organisation):
    if user.is_superuser:
        return True
    return any(
        organisation.path.startswith(root) for root in scope_roots(user, roles=MANAGER_ROLES)
    )


def grantable_roles(user, organisation):
    """The roles user may grant on organisation: those she holds with a scope that covers it,
    and the viewer role wherever she manages (a superuser: every role)."""
    if user.is_superuser:
        return list(Membership.Role)
    held = {
        role
        for role, _org_id, path, kind, depth in user_memberships(user)
        if organisation.path.startswith(
            scope_root_path(Organisation(path=path, kind=kind, depth=depth))
        )
    }
    if can_manage(user, organisation):
        held.add(Membership.Role.VIEWER)
    return [role for role in Membership.Role if role in held]


def grant_refusal(by, account, organisation, role, *, account_paths=None):
    """Why by may not give account the role in organisation, or '' if she may.

    Nobody grants herself a role, nor a role she does not hold over that unit, nor touches an
    administrator's account or an account that belongs to units outside her scope
    (account_paths: the paths of the account's current units, when already known)."""
    if by.is_superuser:
        return ""
    if account is not None and account.pk == by.pk:
        return "Không thể tự cấp vai trò cho chính mình; hãy nhờ người quản lý khác."
    if not can_manage(by, organisation):
        return f"{organisation.name} nằm ngoài phạm vi quản lý của bạn."
    if Membership.Role(role) not in grantable_roles(by, organisation):
        label = Membership.Role(role).label.lower()
        return f"Bạn không giữ vai trò “{label}” tại {organisation.name} nên không thể cấp vai trò này."
    if account is None or account.pk is None:
        return ""
    if account.is_staff or account.is_superuser:
        return f"Tài khoản “{account.get_username()}” là tài khoản quản trị; chỉ quản trị viên được cấp vai trò."
    if account_paths is None:
        account_paths = Membership.objects.filter(user=account).values_list(
            "organisation__path", flat=True
        )
    roots = scope_roots(by, roles=MANAGER_ROLES)
    if any(not any(path.startswith(root) for root in roots) for path in account_paths):
        return (
            f"Tài khoản “{account.get_username()}” thuộc đơn vị ngoài phạm vi quản lý của bạn; "
            "hãy dùng tên đăng nhập khác."
        )
    return ""


def can_lead(user, organisation):
    """The approvers whose scope covers organisation, and the administrators: they read its
    audit log and set its separation of duties."""
    if user.is_superuser:
        return True
    return any(
        organisation.path.startswith(root)
        for root in scope_roots(user, roles={Membership.Role.APPROVER})
    )


def abilities(user, organisation):
    """What the templates may offer on an organisation's pages."""
    manage = can_manage(user, organisation)
    return {
        "manage": manage,
        "grant": grantable_roles(user, organisation) if manage else [],
        "lead": can_lead(user, organisation),
    }


def access_organisation(user, pk, need="view"):
    """The only door to an organisation from user input: 404 if unseen, 403 if role too low."""
    organisation = Organisation.objects.select_related("level", "successor").filter(pk=pk).first()
    if organisation is None or not can_see(user, organisation):
        raise Http404("Không tìm thấy đơn vị.")
    if need == "manage" and not can_manage(user, organisation):
        raise PermissionDenied("Bạn không có quyền quản lý đơn vị này.")
    return organisation
