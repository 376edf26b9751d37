"""Demo data: the issuers of the five seed plans, placed in the tree as it stood when they wrote,
and a present-day province, commune and villages with a login for every persona of the
follow-up loop (a plan that expects the villages' reports, reports/demo.py).

Idempotent: every node is looked up by its parent and name before it is created, and demo
users keep the password they were given the first time.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from .central import load_national_bodies
from .models import CommitteeMember, Membership, Organisation, Person
from .services import add_organisation, ensure_levels, grant_role, load_official_units
from .succession import set_successor

DEMO_PASSWORD = "demo12345"
REFORM_DAY = date(2025, 7, 1)  # districts abolished, communes merged
TDDK = "“Toàn dân đoàn kết xây dựng đời sống văn hóa”"

Kind = Organisation.Kind
Role = Membership.Role
Seat = CommitteeMember.Position
# The present-day tree of the follow-up loop: Lai Châu (code 12) and one of its communes after
# the 2025 reform, Tân Uyên (official code 03598), both loaded by load_official_units.
LOOP_PROVINCE = "code:12"
LOOP_COMMUNE = "code:03598"
LOOP_VILLAGES = 6


def node(key, parent, kind, level, name, **fields):
    """One demo organisation; parent is a key above, or "code:NN" of a loaded province."""
    return key, parent, {"kind": kind, "level": level, "name": name, **fields}


def commune_bodies(prefix, area, commune):
    """The usual member bodies of a commune or ward committee."""
    return [
        node(f"ubnd-{prefix}", area, Kind.GOVERNMENT, "xa", f"Ủy ban nhân dân {commune}",
             short_name=f"UBND {commune}"),
        node(f"mttq-{prefix}", area, Kind.FRONT, "xa", f"Ủy ban Mặt trận Tổ quốc Việt Nam {commune}",
             short_name=f"UBMTTQ {commune}"),
        node(f"cd-{prefix}", area, Kind.UNION, "xa", f"Công đoàn cơ sở {commune}",
             short_name=f"CĐCS {commune}"),
        node(f"dtn-{prefix}", area, Kind.YOUTH, "xa",
             f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {commune}",
             short_name=f"Đoàn Thanh niên {commune}"),
        node(f"phunu-{prefix}", area, Kind.WOMEN, "xa", f"Hội Liên hiệp Phụ nữ {commune}",
             short_name=f"Hội Phụ nữ {commune}"),
    ]  # fmt: skip


DEMO_TREE = [
    node("bacgiang", None, Kind.AREA, "tinh", "Tỉnh Bắc Giang", place="Bắc Giang", code="24",
         active_to=REFORM_DAY),
    node("ldld-bacgiang", "bacgiang", Kind.UNION, "tinh", "Liên đoàn Lao động tỉnh Bắc Giang",
         short_name="LĐLĐ tỉnh Bắc Giang", symbol="LĐLĐ",
         parent_body_line="TỔNG LĐLĐ VIỆT NAM", place="Bắc Giang"),
    node("sldtbxh-bacgiang", "bacgiang", Kind.DEPARTMENT, "tinh",
         "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
         short_name="Sở Lao động - TB&XH", symbol="LĐTBXH",
         parent_body_line="UBND TỈNH BẮC GIANG", place="Bắc Giang"),
    node("ldld-ninhbinh", "code:37", Kind.UNION, "tinh", "Liên đoàn Lao động tỉnh Ninh Bình",
         short_name="LĐLĐ tỉnh Ninh Bình", symbol="LĐLĐ",
         parent_body_line="TỔNG LĐLĐ VIỆT NAM", place="Ninh Bình"),
    node("tp-laichau", "code:12", Kind.AREA, "huyen", "Thành phố Lai Châu", place="Lai Châu",
         code="105", active_to=REFORM_DAY),
    node("quyettien", "tp-laichau", Kind.AREA, "xa", "Phường Quyết Tiến", place="Quyết Tiến",
         code="03388", active_to=REFORM_DAY),
    node("bcd-quyettien", "quyettien", Kind.COMMITTEE, "xa",
         f"Ban Chỉ đạo phong trào {TDDK} phường Quyết Tiến",
         short_name="BCĐ phong trào “TĐĐKXDĐSVH” phường Quyết Tiến", symbol="BCĐ",
         parent_body_line="UBND PHƯỜNG QUYẾT TIẾN", place="Quyết Tiến"),
    *commune_bodies("quyettien", "quyettien", "phường Quyết Tiến"),
    # The ward plan counts its residential groups: "8/8 tổ dân phố".
    *(node(f"tdp-{n}", "quyettien", Kind.VILLAGE, "thon", f"Tổ dân phố số {n}",
           place="Quyết Tiến", active_to=REFORM_DAY) for n in range(1, 9)),
    node("huulung", "code:20", Kind.AREA, "huyen", "Huyện Hữu Lũng", place="Hữu Lũng",
         code="186", active_to=REFORM_DAY),
    node("quyetthang", "huulung", Kind.AREA, "xa", "Xã Quyết Thắng", place="Quyết Thắng",
         code="06394", active_to=REFORM_DAY),
    node("bcd-quyetthang", "quyetthang", Kind.COMMITTEE, "xa",
         f"Ban Chỉ đạo phong trào {TDDK} xã Quyết Thắng",
         short_name="BCĐ phong trào xã Quyết Thắng", symbol="BCĐ",
         parent_body_line="UBND XÃ QUYẾT THẮNG", place="Quyết Thắng"),
    *commune_bodies("quyetthang", "quyetthang", "xã Quyết Thắng"),
    *(node(f"thon-{n}", "quyetthang", Kind.VILLAGE, "thon", f"Thôn {n}", place="Quyết Thắng",
           active_to=REFORM_DAY) for n in range(1, 7)),
    # The follow-up loop of 2026: active today, no active_to.
    node("ubnd-laichau", LOOP_PROVINCE, Kind.GOVERNMENT, "tinh", "Ủy ban nhân dân tỉnh Lai Châu",
         short_name="UBND tỉnh Lai Châu", place="Lai Châu"),
    node("bcd-laichau", LOOP_PROVINCE, Kind.COMMITTEE, "tinh",
         f"Ban Chỉ đạo phong trào {TDDK} tỉnh Lai Châu",
         short_name="BCĐ phong trào “TĐĐKXDĐSVH” tỉnh Lai Châu", symbol="BCĐ",
         parent_body_line="UBND TỈNH LAI CHÂU", place="Lai Châu"),
    node("bcd-tanuyen", LOOP_COMMUNE, Kind.COMMITTEE, "xa",
         f"Ban Chỉ đạo phong trào {TDDK} xã Tân Uyên",
         short_name="BCĐ phong trào “TĐĐKXDĐSVH” xã Tân Uyên", symbol="BCĐ",
         parent_body_line="UBND XÃ TÂN UYÊN", place="Tân Uyên"),
    *commune_bodies("tanuyen", LOOP_COMMUNE, "xã Tân Uyên"),
    *(node(f"tanuyen-thon-{n}", LOOP_COMMUNE, Kind.VILLAGE, "thon", f"Thôn {n}",
           place="Tân Uyên") for n in range(1, LOOP_VILLAGES + 1)),
]  # fmt: skip

# The units that took the closed ones over on 1 July 2025, by the official conversion table
# (Tổng cục Thống kê, as published in vietnam-provinces' 2025 ward conversion): Bắc Giang's
# code went to the new Tỉnh Bắc Ninh; Phường Quyết Tiến became part of Phường Đoàn Kết, Xã Quyết
# Thắng of Xã Yên Bình. The districts were abolished without a successor (their communes carry
# on) and no official table covers villages and residential groups.
DEMO_SUCCESSORS = {
    "bacgiang": "code:24",
    "quyettien": "code:03388",
    "quyetthang": "code:06391",
}

# Signers of the seed plans and committee seats:
# (own body, full name, position in own body, committee or None, seat on it).
DEMO_PEOPLE = [
    ("ubnd-quyetthang", "Lại Văn Thơm", "Chủ tịch UBND xã", "bcd-quyetthang", Seat.HEAD),
    ("ubnd-quyettien", "Hàng A Vàng", "Phó Chủ tịch UBND phường", "bcd-quyettien", Seat.DEPUTY),
    ("ldld-bacgiang", "Lê Đức Thọ", "Chủ tịch Liên đoàn Lao động tỉnh", None, None),
    ("sldtbxh-bacgiang", "Trương Đức Huấn", "Phó Giám đốc Sở", None, None),
    ("ldld-ninhbinh", "Trần Kim Long", "Phó Chủ tịch Thường trực LĐLĐ tỉnh", None, None),
    ("ubnd-laichau", "Nguyễn Văn Bình", "Phó Chủ tịch UBND tỉnh", "bcd-laichau", Seat.HEAD),
    ("ubnd-tanuyen", "Lò Văn Thành", "Chủ tịch UBND xã", "bcd-tanuyen", Seat.HEAD),
    ("mttq-tanuyen", "Tao Thị Hương", "Chủ tịch Ủy ban MTTQ xã", "bcd-tanuyen", Seat.DEPUTY),
]
# Bodies holding a member seat on each committee.
DEMO_MEMBER_BODIES = {
    "bcd-quyetthang": ["mttq-quyetthang", "cd-quyetthang", "dtn-quyetthang", "phunu-quyetthang"],
    "bcd-quyettien": ["mttq-quyettien", "cd-quyettien", "dtn-quyettien", "phunu-quyettien"],
    "bcd-tanuyen": ["ubnd-tanuyen", "mttq-tanuyen", "cd-tanuyen", "dtn-tanuyen", "phunu-tanuyen"],
}

# Demo logins: one per role at each seed issuer.
DEMO_ISSUERS = [
    ("ldldbg", "ldld-bacgiang"),
    ("sldtbxh", "sldtbxh-bacgiang"),
    ("quyettien", "bcd-quyettien"),
    ("quyetthang", "bcd-quyetthang"),
    ("ldldnb", "ldld-ninhbinh"),
]

# Logins of the follow-up loop, by persona: (heading, [(username, organisation key, role)]).
# A village head writes and sends her village's report: the editor role at the village.
LOOP_LOGINS = [
    ("Tỉnh Lai Châu – Ban Chỉ đạo tỉnh", [
        ("tinh-editor", "bcd-laichau", Role.EDITOR),
        ("tinh-approver", "bcd-laichau", Role.APPROVER),
        ("tinh-clerk", "bcd-laichau", Role.CLERK),
    ]),
    ("Xã Tân Uyên – Ban Chỉ đạo xã", [
        ("xa-editor", "bcd-tanuyen", Role.EDITOR),
        ("xa-approver", "bcd-tanuyen", Role.APPROVER),
        ("xa-clerk", "bcd-tanuyen", Role.CLERK),
        ("xa-viewer", "bcd-tanuyen", Role.VIEWER),
    ]),
    ("Xã Tân Uyên – cơ quan thành viên Ban Chỉ đạo", [
        ("ubnd-xa", "ubnd-tanuyen", Role.EDITOR),
        ("mttq-xa", "mttq-tanuyen", Role.EDITOR),
        ("congdoan-xa", "cd-tanuyen", Role.EDITOR),
        ("doan-xa", "dtn-tanuyen", Role.EDITOR),
        ("phunu-xa", "phunu-tanuyen", Role.EDITOR),
    ]),
    ("Xã Tân Uyên – trưởng thôn (lập và gửi báo cáo của thôn)", [
        (f"thon{n}", f"tanuyen-thon-{n}", Role.EDITOR) for n in range(1, LOOP_VILLAGES + 1)
    ]),
]  # fmt: skip


def _parent(ref, nodes):
    if ref is None:
        return None
    if ref.startswith("code:"):
        return Organisation.objects.active().get(code=ref.removeprefix("code:"))
    return nodes[ref]


def _user(username, first_name, **flags):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def demo_nodes(*, create=False):
    """The demo organisations by key (see DEMO_TREE), created when create is true."""
    levels = ensure_levels()
    manager = Organisation.objects
    nodes = {}
    for key, parent_ref, fields in DEMO_TREE:
        parent = _parent(parent_ref, nodes)
        siblings = manager.get_children(parent) if parent else manager.get_root_nodes()
        found = siblings.filter(name=fields["name"]).first()
        if found is None and not create:
            raise Organisation.DoesNotExist(f"Demo organisation {key} is missing: run loaddemo.")
        nodes[key] = found or add_organisation(
            parent=parent, **{**fields, "level": levels[fields["level"]]}
        )
    return nodes


@transaction.atomic
def load_demo():
    """Load units, the seed issuers, their committees and demo users.

    Returns the demo logins by persona: [(heading, [(username, role label, unit name)])].
    """
    load_official_units()
    load_national_bodies()
    nodes = demo_nodes(create=True)
    for key, successor in DEMO_SUCCESSORS.items():
        set_successor(nodes[key], _parent(successor, nodes))

    for body, full_name, position, committee, seat in DEMO_PEOPLE:
        person, _ = Person.objects.get_or_create(
            full_name=full_name, organisation=nodes[body], defaults={"position": position}
        )
        if committee:
            CommitteeMember.objects.get_or_create(
                committee=nodes[committee], person=person, defaults={"position": seat}
            )
    for committee, bodies in DEMO_MEMBER_BODIES.items():
        for order, body in enumerate(bodies, start=10):
            CommitteeMember.objects.get_or_create(
                committee=nodes[committee],
                member_body=nodes[body],
                person=None,
                defaults={"position": Seat.MEMBER, "order": order},
            )

    groups = []
    for heading, rows in LOOP_LOGINS:
        logins = []
        for username, key, role in rows:
            unit = nodes[key]
            user = _user(username, _display_name(unit, role))
            grant_role(user, unit, role)
            logins.append((username, role.label, _unit_label(unit)))
        groups.append((heading, logins))
    logins = []
    for prefix, key in DEMO_ISSUERS:
        unit = nodes[key]
        for role in Membership.Role:
            username = f"{prefix}-{role.value}"
            user = _user(username, f"{role.label} – {unit.short_name or unit.name}")
            Membership.objects.get_or_create(user=user, organisation=unit, role=role)
            logins.append((username, role.label, unit.name))
    groups.append(("Cơ quan ban hành của năm kế hoạch mẫu (trước năm 2025)", logins))
    _user("admin", "Quản trị", is_staff=True, is_superuser=True)
    groups.append(("Quản trị", [("admin", "Quản trị", "toàn hệ thống")]))
    return groups


def _unit_label(unit):
    """A unit's name, with its commune for a village: 'Thôn 1, xã Tân Uyên'."""
    if unit.kind != Kind.VILLAGE:
        return unit.name
    commune = Organisation.objects.get_parent(unit)
    return f"{unit.name}, {commune.name[:1].lower()}{commune.name[1:]}"


def _display_name(unit, role):
    """'Trưởng thôn – Thôn 1, xã Tân Uyên' for a village head, 'Soạn thảo – UBND xã Tân Uyên'."""
    if unit.kind == Kind.VILLAGE:
        return f"Trưởng thôn – {_unit_label(unit)}"
    return f"{role.label} – {unit.short_name or unit.name}"
