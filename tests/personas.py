"""A small named tree with personas, built through the real services.

Tỉnh A (province)                          Tỉnh B (province)
├── BCĐ tỉnh A  ← province_editor           └── BCĐ tỉnh B ← outsider
├── Xã Một (commune)
│   ├── BCĐ xã Một ← own_editor, own_approver, own_clerk, own_viewer
│   ├── UBND xã Một
│   └── Thôn Một-1 (village) ← child_editor
└── Xã Hai (commune)
    └── BCĐ xã Hai ← sibling_editor
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from orgs.models import Membership, Organisation
from orgs.services import add_organisation, ensure_levels, grant_role

Kind = Organisation.Kind
Role = Membership.Role

# persona → (organisation key, role)
PERSONAS = {
    "own_editor": ("committee_one", Role.EDITOR),
    "own_approver": ("committee_one", Role.APPROVER),
    "own_clerk": ("committee_one", Role.CLERK),
    "own_viewer": ("committee_one", Role.VIEWER),
    "province_editor": ("province_committee", Role.EDITOR),
    "sibling_editor": ("committee_two", Role.EDITOR),
    "child_editor": ("village_one", Role.EDITOR),
    "outsider": ("other_committee", Role.EDITOR),
}


@dataclass
class Tree:
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)


def build_tree():
    levels = ensure_levels()
    tree = Tree()
    o = tree.orgs

    def add(key, parent, kind, level, name, **fields):
        o[key] = add_organisation(
            parent=o.get(parent), kind=kind, level=levels[level], name=name, **fields
        )

    add("province", None, Kind.AREA, "tinh", "Tỉnh A", place="A")
    add(
        "province_committee", "province", Kind.COMMITTEE, "tinh", "Ban Chỉ đạo tỉnh A", symbol="BCĐ"
    )
    add("commune_one", "province", Kind.AREA, "xa", "Xã Một", place="Một")
    add("committee_one", "commune_one", Kind.COMMITTEE, "xa", "Ban Chỉ đạo xã Một", symbol="BCĐ")
    add("government_one", "commune_one", Kind.GOVERNMENT, "xa", "Ủy ban nhân dân xã Một")
    add("village_one", "commune_one", Kind.VILLAGE, "thon", "Thôn Một-1")
    add("commune_two", "province", Kind.AREA, "xa", "Xã Hai", place="Hai")
    add("committee_two", "commune_two", Kind.COMMITTEE, "xa", "Ban Chỉ đạo xã Hai", symbol="BCĐ")
    add("other_province", None, Kind.AREA, "tinh", "Tỉnh B", place="B")
    add("other_committee", "other_province", Kind.COMMITTEE, "tinh", "Ban Chỉ đạo tỉnh B")

    User = get_user_model()
    for persona, (org_key, role) in PERSONAS.items():
        user = User.objects.create_user(persona, password="x")
        grant_role(user, o[org_key], role)
        tree.users[persona] = user
    return tree
