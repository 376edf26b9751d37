"""Refusals of the domain, with a Vietnamese message for the user (plans and reports alike)."""


class PlanError(Exception):
    """A refused change to a plan or a report, with a Vietnamese message for the user."""


class StaleEdit(PlanError):
    """Someone else saved the object since the user opened it."""
