"""Units over time: a unit closed in a reorganisation (the 2025 mergers) points at the unit
that took it over (Organisation.successor), so that its history rolls up into today's tree.

A chain (a commune merged in 2025, its successor merged again later) is followed to its end;
a cycle, which the importer refuses, cannot loop: a chain stops at a unit already seen.
"""

from django.db import transaction
from django.db.models import Q

from . import audit
from .models import AuditEntry, Organisation, subtree_q
from .services import OrgError

MAX_CHAIN = 50  # far above any real chain of reorganisations


def current_successor(unit):
    """The unit that carries unit's history today: the end of its chain of successors (one
    query a link), or None when unit was not taken over by another."""
    seen = {unit.pk}
    current = None
    successor_id = unit.successor_id
    while successor_id is not None and successor_id not in seen and len(seen) < MAX_CHAIN:
        current = Organisation.objects.only("pk", "path", "name", "successor").get(pk=successor_id)
        seen.add(current.pk)
        successor_id = current.successor_id
    return current


@transaction.atomic
def set_successor(unit, successor, *, by=None):
    """Record that successor took the closed unit over (None: nobody did); refuses a unit
    still in force, itself, and a link that would close a loop. Idempotent; by (None for the
    system's own data loads) is written to the audit log."""
    unit = Organisation.objects.select_for_update().get(pk=unit.pk)
    new_id = successor.pk if successor is not None else None
    if unit.successor_id == new_id:
        return unit
    if successor is not None:
        if unit.active_to is None:
            raise OrgError(f"{unit.name} còn hoạt động nên chưa có đơn vị kế thừa.")
        links = dict(
            Organisation.objects.filter(successor__isnull=False).values_list("pk", "successor")
        )
        links[unit.pk] = successor.pk
        if successor.pk == unit.pk or successor_cycle(unit.pk, links):
            raise OrgError(
                f"Không thể để {successor.name} kế thừa {unit.name}: chuỗi đơn vị kế thừa "
                "sẽ quay vòng."
            )
    unit.successor_id = new_id
    unit.save(update_fields=["successor"])
    if by is not None:
        audit.record(
            AuditEntry.Action.ORGANISATION_CHANGED,
            f"{successor.name} kế thừa {unit.name}" if successor else
            f"Bỏ đơn vị kế thừa của {unit.name}",
            by=by, organisation=unit,
        )  # fmt: skip
    return unit


def successor_cycle(unit_id, successors):
    """The chain of ids starting at unit_id that comes back on itself, or [] (successors maps
    an id to its successor's id)."""
    chain = [unit_id]
    step = successors.get(unit_id)
    while step is not None:
        if step in chain:
            return [*chain[chain.index(step) :], step]
        chain.append(step)
        step = successors.get(step)
    return []


def taken_over_paths(node_path):
    """{path of a closed unit: path of the unit in node_path's subtree that carries its history
    today}, for every unit whose chain of successors ends in that subtree.

    The roll-ups count the reports of such a unit's whole subtree at the mapped path
    (carried_path). One query for each link of the longest chain, one when no unit has been
    taken over.
    """
    mapped = {}
    # Start from the units of the subtree that took others over, and walk the links back.
    frontier = Organisation.objects.filter(subtree_q(node_path, prefix="successor__")).values_list(
        "path", "successor__path"
    )
    for _ in range(MAX_CHAIN):
        found = {path: today for path, today in frontier if path not in mapped}
        if not found:
            break
        for path, via in found.items():
            mapped[path] = mapped.get(via, via)
        frontier = Organisation.objects.filter(successor__path__in=list(found)).values_list(
            "path", "successor__path"
        )
    return mapped


def carried_path(path, taken_over):
    """Where today's tree counts what was reported at path: the successor's path of the
    innermost taken-over unit holding path (taken_over as taken_over_paths gives), else path.
    A village of a merged commune counts with the commune that took it over."""
    holders = [old for old in taken_over if path.startswith(old)]
    return taken_over[max(holders, key=len)] if holders else path


def taken_over_q(paths, prefix=""):
    """A Q selecting the nodes (under prefix, as subtree_q) in the subtrees of paths."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= subtree_q(path, prefix=prefix)
    return condition
