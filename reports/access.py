"""Who may see or act on which report.

A user sees the reports of their units (all states), and, once sent, the reports sent to their
units and those of units in their oversight scope (reports.models.visible_reports_q). Writing
and sending needs the editor role at the reporting unit; accepting or returning, the approver
role at the unit the report is sent to.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from orgs.access import user_memberships
from orgs.models import Membership

from .models import Report

Role = Membership.Role


def report_abilities(user, report):
    """What user may do with report: edit (and send) it, review it."""
    roles = {(role, org_id) for role, org_id, *_ in user_memberships(user)}
    return {
        "edit": (Role.EDITOR, report.organisation_id) in roles,
        "review": (Role.APPROVER, report.report_to_id) in roles,
    }


def access_report(user, pk, need="view"):
    """The only door to a report: 404 if unseen; 403 without the role (edit: editor of the
    reporting unit; review: approver of the unit it is sent to)."""
    report = Report.objects.visible_to(user).filter(pk=pk).select_related("plan").first()
    if report is None:
        raise Http404("Không tìm thấy báo cáo.")
    if need != "view" and not report_abilities(user, report)[need]:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với báo cáo.")
    return report
