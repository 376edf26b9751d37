"""The audit log: one call per thing worth knowing later (grants, imports, unit edits, logins,
admin actions). Entries are appended, never changed (orgs.models.AuditEntry)."""

from axes.helpers import get_client_ip_address

from .models import AuditEntry

Action = AuditEntry.Action


def client_address(request):
    """The address the request came from, read as the login throttle reads it (behind a TLS
    proxy: X-Forwarded-For, see BEHIND_TLS_PROXY)."""
    if request is None:
        return None
    return get_client_ip_address(request) or None


def record(action, summary, *, by=None, user=None, organisation=None, details=None,
           request=None, user_name=""):  # fmt: skip
    """Append an entry to the audit log and return it. by: who acted (None: the system);
    user: the account concerned; organisation: the unit it concerns (decides who reads it)."""
    actor = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        action=action,
        summary=summary[:500],
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        user=user,
        user_name=user.get_username() if user is not None else user_name[:150],
        organisation=organisation,
        organisation_path=organisation.path if organisation is not None else "",
        details=details or {},
        address=client_address(request),
    )
