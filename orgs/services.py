"""Writes to the organisation tree."""

from datetime import date

from django.db import transaction
from django.db.models import F

from . import audit
from .access import grant_refusal
from .models import AuditEntry, CommitteeMember, Level, Membership, Organisation, Person

Action = AuditEntry.Action

# Levels as data: the 2025 structure is Tỉnh → Xã → Thôn; Huyện stays for older plans.
STANDARD_LEVELS = [
    ("tinh", "Cấp tỉnh", 10, None),
    ("huyen", "Cấp huyện", 20, date(2025, 7, 1)),
    ("xa", "Cấp xã", 30, None),
    ("thon", "Cấp thôn", 40, None),
]


def ensure_levels():
    """Create the standard levels if missing; return them by code. Idempotent."""
    levels = {}
    for code, name, rank, active_to in STANDARD_LEVELS:
        levels[code], _ = Level.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "active_to": active_to}
        )
    return levels


def add_organisation(*, parent=None, **fields):
    """Create one organisation as the last child of parent (or as a new root)."""
    node = Organisation(**fields)
    if parent is None:
        return Organisation.objects.add_root(instance=node)
    return Organisation.objects.add_child(parent, instance=node)


@transaction.atomic
def bulk_add_children(parent, nodes, *, batch_size=2000):
    """Append many unsaved organisations under parent (None: as roots) in a few queries.

    treebeard's add_child costs several queries a node; national data sets need bulk inserts,
    so the materialised paths are computed here with treebeard's own path arithmetic.
    """
    if not nodes:
        return []
    if parent is None:
        last = Organisation.objects.get_last_root_node()
        depth, base = 1, None
    else:
        parent = Organisation.objects.select_for_update().get(pk=parent.pk)
        last = Organisation.objects.get_last_child(parent) if parent.numchild else None
        depth, base = parent.depth + 1, parent.path
    step = Organisation._str2int(last.path[-Organisation.steplen :]) + 1 if last else 1
    for offset, node in enumerate(nodes):
        node.depth = depth
        node.path = Organisation._get_path(base, depth, step + offset)
        node.numchild = 0
        node.search_text = Organisation.fold_names(node.name, node.short_name)
    created = Organisation.objects.bulk_create(nodes, batch_size=batch_size)
    if parent is not None:
        Organisation.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(nodes))
    return created


def _place_name(full_name):
    """'Tỉnh Bắc Giang' → 'Bắc Giang': the place printed on the date line."""
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn "):
        if full_name.startswith(prefix):
            return full_name[len(prefix) :]
    return full_name


@transaction.atomic
def load_official_units():
    """Load or refresh the 34 provinces and 3,321 communes/wards of the 2025 structure.

    Units are matched on their official code; a second run changes nothing. Returns the
    number of units created and updated.
    """
    import vietnam_provinces as vn

    levels = ensure_levels()
    existing = {
        org.code: org
        for org in Organisation.objects.filter(
            kind=Organisation.Kind.AREA,
            level__code__in=["tinh", "xa"],
            active_to__isnull=True,
        ).exclude(code="")
    }
    created = updated = 0
    changed = []

    def refresh(org, name):
        nonlocal updated
        place = _place_name(name)
        if org.name != name or org.place != place:
            org.name, org.short_name, org.place = name, place, place
            org.search_text = Organisation.fold_names(org.name, org.short_name)
            changed.append(org)
            updated += 1

    new_provinces = []
    for province in sorted(vn.Province.iter_all(), key=lambda p: int(p.code)):
        code = f"{int(province.code):02d}"
        # The package names cities "Thành phố Huế" but provinces just "Lạng Sơn".
        name = province.name
        if province.division_type == vn.VietNamDivisionType.TINH:
            name = f"Tỉnh {name}"
        if code in existing:
            refresh(existing[code], name)
        else:
            place = _place_name(name)
            new_provinces.append(
                Organisation(
                    kind=Organisation.Kind.AREA,
                    level=levels["tinh"],
                    name=name,
                    short_name=place,
                    place=place,
                    code=code,
                )
            )
    for org in bulk_add_children(None, new_provinces):
        existing[org.code] = org
    created += len(new_provinces)

    wards_by_province = {}
    for ward in sorted(vn.Ward.iter_all(), key=lambda w: int(w.code)):
        wards_by_province.setdefault(f"{int(ward.province_code):02d}", []).append(ward)
    for province_code, wards in wards_by_province.items():
        new_wards = []
        for ward in wards:
            code = f"{int(ward.code):05d}"
            if code in existing:
                refresh(existing[code], ward.name)
            else:
                place = _place_name(ward.name)
                new_wards.append(
                    Organisation(
                        kind=Organisation.Kind.AREA,
                        level=levels["xa"],
                        name=ward.name,
                        short_name=place,
                        place=place,
                        code=code,
                    )
                )
        bulk_add_children(existing[province_code], new_wards)
        created += len(new_wards)

    Organisation.objects.bulk_update(changed, ["name", "short_name", "place", "search_text"])
    return created, updated


class OrgError(Exception):
    """A refused change to the tree, with a message for the user."""


def grant_role(user, organisation, role, *, by=None, request=None):
    """Give user a role in organisation (nothing if they hold it already).

    by: the person granting it, checked (orgs.access.grant_refusal) and written to the audit
    log; None only for the system's own set-up (demo data, data loads)."""
    if by is not None:
        refusal = grant_refusal(by, user, organisation, role)
        if refusal:
            audit.record(
                Action.ROLE_REFUSED, f"Từ chối cấp vai trò: {refusal}", by=by, user=user,
                organisation=organisation, details={"role": role}, request=request,
            )  # fmt: skip
            raise OrgError(refusal)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if by is not None and created:
        audit.record(
            Action.ROLE_GRANTED,
            f"Cấp vai trò “{membership.get_role_display().lower()}” tại {organisation.name} "
            f"cho {user.get_username()}",
            by=by, user=user, organisation=organisation, details={"role": role}, request=request,
        )  # fmt: skip
    return membership


@transaction.atomic
def update_organisation(form, *, by, request=None):
    """Save an organisation's edit form and write what changed to the audit log."""
    organisation = form.save()
    if form.changed_data:
        changes = {
            name: [str(form.initial.get(name) or ""), str(form.cleaned_data.get(name) or "")]
            for name in form.changed_data
        }
        labels = ", ".join(str(form.fields[name].label).lower() for name in form.changed_data)
        audit.record(
            Action.ORGANISATION_CHANGED, f"Sửa {labels} của {organisation.name}", by=by,
            organisation=organisation, details={"changes": changes}, request=request,
        )  # fmt: skip
    return organisation


@transaction.atomic
def revoke_role(membership, *, by, request=None):
    """Take a role back: by must be able to grant it (she may always give up her own)."""
    own = membership.user_id == by.pk
    if not own:
        refusal = grant_refusal(
            by, membership.user, membership.organisation, membership.role,
            account_paths=[membership.organisation.path],  # her roles elsewhere stay hers
        )  # fmt: skip
        if refusal:
            raise OrgError(refusal.replace("cấp vai trò", "thu hồi vai trò"))
    membership.delete()
    audit.record(
        Action.ROLE_REVOKED,
        f"Thu hồi vai trò “{membership.get_role_display().lower()}” tại {membership.organisation.name} "
        f"của {membership.user.get_username()}",
        by=by, user=membership.user, organisation=membership.organisation,
        details={"role": membership.role}, request=request,
    )  # fmt: skip


@transaction.atomic
def add_committee_seat(
    committee, *, position, full_name="", person_position="", member_body=None, by=None,
    request=None,
):  # fmt: skip
    """Seat a person and/or a member body on a committee, creating the person if new; by (a
    person, not the system's set-up) is written to the audit log."""
    if committee.kind != Organisation.Kind.COMMITTEE:
        raise OrgError("Chỉ Ban Chỉ đạo mới có thành viên.")
    if not full_name and member_body is None:
        raise OrgError("Cần nhập họ tên hoặc chọn cơ quan thành viên.")
    person = None
    if full_name:
        person, _ = Person.objects.get_or_create(
            full_name=full_name,
            organisation=member_body or committee,
            defaults={"position": person_position},
        )
        if CommitteeMember.objects.filter(committee=committee, person=person).exists():
            raise OrgError(f"{full_name} đã là thành viên của Ban Chỉ đạo này.")
    last = CommitteeMember.objects.filter(committee=committee).order_by("-order").first()
    seat = CommitteeMember.objects.create(
        committee=committee,
        position=position,
        person=person,
        member_body=member_body,
        order=(last.order + 1) if last else 1,
    )
    if by is not None:
        audit.record(
            Action.ORGANISATION_CHANGED, f"Thêm thành viên Ban Chỉ đạo: {_seat_label(seat)}",
            by=by, organisation=committee, request=request,
        )  # fmt: skip
    return seat


@transaction.atomic
def remove_committee_seat(seat, *, by, request=None):
    """Take a seat off its committee, in the audit log."""
    seat.delete()
    audit.record(
        Action.ORGANISATION_CHANGED, f"Bỏ thành viên Ban Chỉ đạo: {_seat_label(seat)}", by=by,
        organisation=seat.committee, request=request,
    )  # fmt: skip


def _seat_label(seat):
    who = [
        seat.person.full_name if seat.person else "",
        seat.member_body.name if seat.member_body else "",
    ]
    return f"{seat.get_position_display()} – {', '.join(part for part in who if part)}"
