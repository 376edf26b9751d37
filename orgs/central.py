"""The national level (Trung ương): a root area with the national bodies whose documents
communes and provinces implement (steering committees, ministries, the Front, the unions).

Every signed-in user sees them (orgs.models.visible_q): they are the issuers of the programmes
and plans everyone carries out; only their own members oversee or manage them.
"""

from django.db import transaction

from .models import NATIONAL_LEVEL, Organisation
from .services import add_organisation, ensure_levels

Kind = Organisation.Kind
NATIONAL_ROOT = "Trung ương"

# (kind, full name, short name, symbol in document numbers, parent-body line)
NATIONAL_BODIES = [
    (
        Kind.COMMITTEE,
        "Ban Chỉ đạo Trung ương phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
        "BCĐ Trung ương phong trào “TĐĐKXDĐSVH”",
        "BCĐTW",
        "",
    ),
    (Kind.DEPARTMENT, "Bộ Văn hóa, Thể thao và Du lịch", "Bộ VHTTDL", "BVHTTDL", ""),
    (Kind.DEPARTMENT, "Bộ Nội vụ", "Bộ Nội vụ", "BNV", ""),
    (
        Kind.FRONT,
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "Ủy ban Trung ương MTTQ Việt Nam",
        "MTTW",
        "",
    ),
    (Kind.UNION, "Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam", "TLĐ", ""),
    (
        Kind.YOUTH,
        "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Trung ương Đoàn TNCS Hồ Chí Minh",
        "TWĐTN",
        "",
    ),
    (
        Kind.WOMEN,
        "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
        "Trung ương Hội LHPN Việt Nam",
        "ĐCT",
        "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM",
    ),
    (Kind.OTHER, "Trung ương Hội Nông dân Việt Nam", "Trung ương Hội ND Việt Nam", "HNDTW", ""),
]


def national_root():
    """The root of the national level, or None before load_national_bodies has run."""
    return (
        Organisation.objects.filter(depth=1, level__code=NATIONAL_LEVEL, name=NATIONAL_ROOT)
        .select_related("level")
        .first()
    )


@transaction.atomic
def load_national_bodies():
    """Create the Trung ương root and the national bodies that are missing (matched by name
    under the root); return how many were created. A second run creates nothing."""
    levels = ensure_levels()
    level = levels[NATIONAL_LEVEL]
    created = 0
    root = national_root()
    if root is None:
        root = add_organisation(
            kind=Kind.AREA, level=level, name=NATIONAL_ROOT, short_name=NATIONAL_ROOT,
            place="Hà Nội",
        )  # fmt: skip
        created += 1
    present = set(Organisation.objects.get_children(root).values_list("name", flat=True))
    for kind, name, short_name, symbol, line in NATIONAL_BODIES:
        if name in present:
            continue
        add_organisation(
            parent=root, kind=kind, level=level, name=name, short_name=short_name,
            symbol=symbol, parent_body_line=line, place="Hà Nội",
        )  # fmt: skip
        root.refresh_from_db()  # treebeard counts the children on the parent row
        created += 1
    return created
