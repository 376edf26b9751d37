"""Writes to the organisation tree."""

from datetime import date

from django.db import transaction
from django.db.models import F, Q

from . import audit
from .access import can_manage, grant_refusal
from .models import AuditEntry, CommitteeMember, Level, Membership, Organisation, Person

Action = AuditEntry.Action

# Levels as data: the 2025 structure is Tỉnh → Xã → Thôn; Huyện stays for older plans;
# Trung ương holds the national bodies (orgs/central.py).
STANDARD_LEVELS = [
    ("tw", "Trung ương", 5, None),
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
    """'Tỉnh Bắc Giang' → 'Bắc Giang', 'Huyện Hữu Lũng' → 'Hữu Lũng': the place printed on
    the date line."""
    prefixes = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Thị xã ",
                "Huyện ", "Quận ")  # fmt: skip
    for prefix in prefixes:
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


# One unit at a time: add, rename, move, close (the unit pages and the guided set-up) --------


def _locked(organisation):
    return Organisation.objects.select_for_update().select_related("level").get(pk=organisation.pk)


def _sibling_named(parent, name, exclude=None):
    """An active unit under parent with this name (case and spacing aside), or None."""
    key = " ".join(name.split()).casefold()
    siblings = Organisation.objects.get_children(parent).active()
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    return next((s for s in siblings if " ".join(s.name.split()).casefold() == key), None)


@transaction.atomic
def add_unit(parent, *, by, request=None, **fields):
    """Add one unit under parent (by must manage parent); written to the audit log."""
    parent = _locked(parent)
    if by is not None and not can_manage(by, parent):
        raise OrgError(f"{parent.name} nằm ngoài phạm vi quản lý của bạn.")
    if parent.active_to is not None:
        raise OrgError(f"{parent.name} đã ngừng hoạt động; không thể thêm đơn vị trực thuộc.")
    twin = _sibling_named(parent, fields["name"])
    if twin is not None:
        raise OrgError(f"Đã có đơn vị “{twin.name}” trong {parent.name}.")
    code = fields.get("code", "")
    if code and Organisation.objects.active().filter(code=code).exists():
        raise OrgError(f"Mã “{code}” đã được dùng cho một đơn vị đang hoạt động.")
    unit = add_organisation(parent=parent, **fields)
    audit.record(
        Action.ORGANISATION_CHANGED, f"Thêm {unit.name} vào {parent.name}", by=by,
        organisation=unit, request=request,
        details={"added": unit.name, "parent": parent.name, "kind": unit.kind,
                 "active_from": unit.active_from.isoformat() if unit.active_from else ""},
    )  # fmt: skip
    return unit


@transaction.atomic
def rename_organisation(organisation, *, name, short_name=None, on, by, request=None):
    """Give a unit a new name from date on; the old name and the date stay in the audit log
    (plans issued before keep the name they were printed with)."""
    organisation = _locked(organisation)
    old_name, old_short = organisation.name, organisation.short_name
    if name == old_name and (short_name is None or short_name == old_short):
        raise OrgError("Tên mới trùng với tên hiện tại.")
    parent = Organisation.objects.get_parent(organisation)
    if parent is not None and _sibling_named(parent, name, exclude=organisation):
        raise OrgError(f"Đã có đơn vị “{name}” trong {parent.name}.")
    organisation.name = name
    if short_name is not None:
        organisation.short_name = short_name
    organisation.save(update_fields=["name", "short_name", "search_text"])
    audit.record(
        Action.ORGANISATION_CHANGED,
        f"Đổi tên {old_name} thành {name} từ ngày {on:%d/%m/%Y}",
        by=by, organisation=organisation, request=request,
        details={"renamed": {"old_name": old_name, "old_short_name": old_short, "name": name,
                             "short_name": organisation.short_name, "from": on.isoformat()}},
    )  # fmt: skip
    return organisation


def move_refusal(by, organisation, target):
    """Why by may not move organisation under target, or '' if she may."""
    if target.pk == organisation.pk or target.path.startswith(organisation.path):
        return "Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó."
    parent = Organisation.objects.get_parent(organisation)
    if parent is not None and parent.pk == target.pk:
        return f"{organisation.name} đã trực thuộc {target.name}."
    if not can_manage(by, organisation) or (parent is not None and not can_manage(by, parent)):
        return f"Bạn không quản lý đơn vị cấp trên của {organisation.name} nên không thể chuyển nó."
    if not can_manage(by, target):
        return f"{target.name} nằm ngoài phạm vi quản lý của bạn."
    if target.active_to is not None:
        return f"{target.name} đã ngừng hoạt động."
    if target.kind == Organisation.Kind.VILLAGE and organisation.kind == Organisation.Kind.AREA:
        return "Không thể chuyển một đơn vị hành chính vào một thôn, tổ dân phố."
    return ""


@transaction.atomic
def move_organisation(organisation, target, *, on, by, request=None):
    """Move a unit with everything under it to the end of target's children, from date on."""
    organisation, target = _locked(organisation), _locked(target)
    refusal = move_refusal(by, organisation, target)
    if refusal:
        raise OrgError(refusal)
    if _sibling_named(target, organisation.name):
        raise OrgError(f"Đã có đơn vị “{organisation.name}” trong {target.name}.")
    old_parent = Organisation.objects.get_parent(organisation)
    Organisation.objects.move(organisation, target, "last-child")
    organisation = Organisation.objects.get(pk=organisation.pk)
    audit.record(
        Action.ORGANISATION_CHANGED,
        f"Chuyển {organisation.name} từ {old_parent.name if old_parent else '(gốc)'} "
        f"sang {target.name} từ ngày {on:%d/%m/%Y}",
        by=by, organisation=organisation, request=request,
        details={"moved": {"from": old_parent.name if old_parent else "", "to": target.name,
                           "from_id": old_parent.pk if old_parent else None,
                           "to_id": target.pk, "on": on.isoformat()}},
    )  # fmt: skip
    return organisation


@transaction.atomic
def close_organisation(organisation, *, on, by, request=None):
    """Close a unit, and the active units under it, from date on: they stay, with their plans
    and history, marked as no longer active. by must manage the unit above it."""
    organisation = _locked(organisation)
    parent = Organisation.objects.get_parent(organisation)
    if not can_manage(by, organisation) or (parent is not None and not can_manage(by, parent)):
        raise OrgError(
            f"Bạn không quản lý đơn vị cấp trên của {organisation.name} nên không thể giải thể nó."
        )
    if organisation.active_to is not None:
        raise OrgError(
            f"{organisation.name} đã ngừng hoạt động từ {organisation.active_to:%d/%m/%Y}."
        )
    if organisation.active_from is not None and on <= organisation.active_from:
        raise OrgError(
            f"Ngày ngừng hoạt động phải sau ngày bắt đầu hoạt động ({organisation.active_from:%d/%m/%Y})."
        )
    below = (
        Organisation.objects.filter(path__startswith=organisation.path, active_to__isnull=True)
        .exclude(pk=organisation.pk)
        .filter(Q(active_from__isnull=True) | Q(active_from__lt=on))
    )
    closed_below = below.update(active_to=on)
    Organisation.objects.filter(pk=organisation.pk).update(active_to=on)
    organisation.active_to = on
    audit.record(
        Action.ORGANISATION_CHANGED,
        f"Giải thể, ngừng hoạt động {organisation.name} từ ngày {on:%d/%m/%Y}"
        + (f" cùng {closed_below} đơn vị trực thuộc" if closed_below else ""),
        by=by, organisation=organisation, request=request,
        details={"closed": {"on": on.isoformat(), "units_below": closed_below}},
    )  # fmt: skip
    return organisation


@transaction.atomic
def add_villages(parent, names, *, level, by, request=None):
    """Add villages or residential groups under parent from a list of names (one a line);
    names already there are skipped. Returns the units created."""
    parent = _locked(parent)
    if by is not None and not can_manage(by, parent):
        raise OrgError(f"{parent.name} nằm ngoài phạm vi quản lý của bạn.")
    taken = {
        " ".join(child.name.split()).casefold()
        for child in Organisation.objects.get_children(parent).active()
    }
    nodes = []
    for name in names:
        key = " ".join(name.split()).casefold()
        if key and key not in taken:
            taken.add(key)
            nodes.append(Organisation(kind=Organisation.Kind.VILLAGE, level=level,
                                      name=" ".join(name.split())))  # fmt: skip
    created = bulk_add_children(parent, nodes)
    if created:
        audit.record(
            Action.ORGANISATION_CHANGED,
            f"Thêm {len(created)} thôn, tổ dân phố vào {parent.name}",
            by=by, organisation=parent, request=request,
            details={"villages": [node.name for node in created]},
        )  # fmt: skip
    return created
