"""Plan pages, by family: lists.py (plan list, inbox, unit tasks), pages.py (a plan's page,
creation, copies, transitions, downloads), editing.py (the editor and its hints)."""
