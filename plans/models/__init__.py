"""Plans: the plan models (plan.py)."""

from .plan import (
    TEXT_MAX,
    Event,
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
    visible_plans_q,
)

__all__ = [
    "TEXT_MAX",
    "Event",
    "InboxRead",
    "IssuedDocument",
    "Plan",
    "PlanEvent",
    "PlanQuerySet",
    "Recipient",
    "ReportingRule",
    "Responsibility",
    "Section",
    "Target",
    "TargetAllocation",
    "Task",
    "TaskUnit",
    "visible_plans_q",
]
