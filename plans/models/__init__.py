"""Plans and reports. The plan models are in plan.py, the report models in report.py."""

from .plan import (
    TEXT_MAX,
    InboxRead,
    IssuedDocument,
    Plan,
    PlanEvent,
    PlanQuerySet,
    Recipient,
    ReportingRule,
    Responsibility,
    Section,
    Target,
    TargetAllocation,
    Task,
    TaskUnit,
)
from .report import Report, ReportEvent, TargetActual, TaskProgress

__all__ = [
    "TEXT_MAX",
    "InboxRead",
    "IssuedDocument",
    "Plan",
    "PlanEvent",
    "PlanQuerySet",
    "Recipient",
    "Report",
    "ReportEvent",
    "ReportingRule",
    "Responsibility",
    "Section",
    "Target",
    "TargetActual",
    "TargetAllocation",
    "Task",
    "TaskProgress",
    "TaskUnit",
]
