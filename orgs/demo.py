"""Demo data: the issuers of the five seed plans, placed in the tree as it stood when they wrote.

Idempotent: every node is looked up by its parent and name before it is created, and demo
users keep the password they were given the first time.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Membership, Organisation
from .services import add_organisation, ensure_levels, load_official_units

DEMO_PASSWORD = "demo12345"
REFORM_DAY = date(2025, 7, 1)  # districts abolished, communes merged

Kind = Organisation.Kind

# (key, parent key or official code of a loaded province, fields)
DEMO_TREE = [
    (
        "bacgiang",
        None,
        dict(
            kind=Kind.AREA,
            level="tinh",
            name="Tỉnh Bắc Giang",
            place="Bắc Giang",
            active_to=REFORM_DAY,
        ),
    ),
    (
        "ldld-bacgiang",
        "bacgiang",
        dict(
            kind=Kind.UNION,
            level="tinh",
            name="Liên đoàn Lao động tỉnh Bắc Giang",
            short_name="LĐLĐ tỉnh Bắc Giang",
            symbol="LĐLĐ",
            parent_body_line="TỔNG LĐLĐ VIỆT NAM",
            place="Bắc Giang",
        ),
    ),
    (
        "sldtbxh-bacgiang",
        "bacgiang",
        dict(
            kind=Kind.DEPARTMENT,
            level="tinh",
            name="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
            short_name="Sở Lao động - TB&XH",
            symbol="LĐTBXH",
            parent_body_line="UBND TỈNH BẮC GIANG",
            place="Bắc Giang",
        ),
    ),
    (
        "ldld-ninhbinh",
        "code:37",
        dict(
            kind=Kind.UNION,
            level="tinh",
            name="Liên đoàn Lao động tỉnh Ninh Bình",
            short_name="LĐLĐ tỉnh Ninh Bình",
            symbol="LĐLĐ",
            parent_body_line="TỔNG LĐLĐ VIỆT NAM",
            place="Ninh Bình",
        ),
    ),
    (
        "tp-laichau",
        "code:12",
        dict(
            kind=Kind.AREA,
            level="huyen",
            name="Thành phố Lai Châu",
            place="Lai Châu",
            active_to=REFORM_DAY,
        ),
    ),
    (
        "quyettien",
        "tp-laichau",
        dict(
            kind=Kind.AREA,
            level="xa",
            name="Phường Quyết Tiến",
            place="Quyết Tiến",
            active_to=REFORM_DAY,
        ),
    ),
    (
        "bcd-quyettien",
        "quyettien",
        dict(
            kind=Kind.COMMITTEE,
            level="xa",
            name="Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” phường Quyết Tiến",
            short_name="BCĐ phong trào “TĐĐKXDĐSVH” phường Quyết Tiến",
            symbol="BCĐ",
            parent_body_line="UBND PHƯỜNG QUYẾT TIẾN",
            place="Quyết Tiến",
        ),
    ),
    (
        "huulung",
        "code:20",
        dict(
            kind=Kind.AREA,
            level="huyen",
            name="Huyện Hữu Lũng",
            place="Hữu Lũng",
            active_to=REFORM_DAY,
        ),
    ),
    (
        "quyetthang",
        "huulung",
        dict(
            kind=Kind.AREA,
            level="xa",
            name="Xã Quyết Thắng",
            place="Quyết Thắng",
            active_to=REFORM_DAY,
        ),
    ),
    (
        "bcd-quyetthang",
        "quyetthang",
        dict(
            kind=Kind.COMMITTEE,
            level="xa",
            name="Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Quyết Thắng",
            short_name="BCĐ phong trào xã Quyết Thắng",
            symbol="BCĐ",
            parent_body_line="UBND XÃ QUYẾT THẮNG",
            place="Quyết Thắng",
        ),
    ),
]

# Demo logins: one per role at each seed issuer.
DEMO_ISSUERS = [
    ("ldldbg", "ldld-bacgiang"),
    ("sldtbxh", "sldtbxh-bacgiang"),
    ("quyettien", "bcd-quyettien"),
    ("quyetthang", "bcd-quyetthang"),
    ("ldldnb", "ldld-ninhbinh"),
]


def _parent(ref, nodes):
    if ref is None:
        return None
    if ref.startswith("code:"):
        return Organisation.objects.active().get(code=ref.removeprefix("code:"))
    return nodes[ref]


@transaction.atomic
def load_demo():
    """Load units, the seed issuers and demo users; return [(username, role label, unit)]."""
    load_official_units()
    levels = ensure_levels()
    nodes = {}
    for key, parent_ref, fields in DEMO_TREE:
        parent = _parent(parent_ref, nodes)
        fields = {**fields, "level": levels[fields["level"]]}
        manager = Organisation.objects
        siblings = manager.get_children(parent) if parent else manager.get_root_nodes()
        node = siblings.filter(name=fields["name"]).first()
        if node is None:
            node = add_organisation(parent=parent, **fields)
        nodes[key] = node

    User = get_user_model()
    logins = []
    for prefix, key in DEMO_ISSUERS:
        for role in Membership.Role:
            username = f"{prefix}-{role.value}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": f"{role.label} – {nodes[key].short_name or nodes[key].name}"
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(user=user, organisation=nodes[key], role=role)
            logins.append((username, role.label, nodes[key].name))

    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"first_name": "Quản trị", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    logins.append(("admin", "Quản trị", "toàn hệ thống"))
    return logins
