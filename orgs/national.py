"""A national-scale organisation tree for benchmarks: villages and member bodies in every commune.

The official units hold provinces and communes only; villages are never published as data and
member bodies are entered by each commune. This generator fills the gap with plausible rows so
that pages and queries can be measured at the size of the whole country (DESIGN.md §6).
"""

from django.db import transaction
from django.db.models import Q

from .models import Organisation
from .services import bulk_add_children, ensure_levels

Kind = Organisation.Kind

MOVEMENT = "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”"
COMMITTEE_PREFIX = f"Ban Chỉ đạo {MOVEMENT} "
FIRST_VILLAGES = ("Thôn 1", "Tổ dân phố 1")

# (kind, full name, short name, symbol, parent-body line); {unit} is "xã Quyết Thắng",
# {UNIT} "XÃ QUYẾT THẮNG", {PROVINCE} "TỈNH LẠNG SƠN". The committee comes first.
BODIES = [
    (
        Kind.COMMITTEE,
        COMMITTEE_PREFIX + "{unit}",
        "BCĐ phong trào “TĐĐKXDĐSVH” {unit}",
        "BCĐ",
        "UBND {UNIT}",
    ),
    (Kind.GOVERNMENT, "Ủy ban nhân dân {unit}", "UBND {unit}", "UBND", ""),
    (
        Kind.FRONT,
        "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}",
        "Ủy ban MTTQ {unit}",
        "MTTQ",
        "UBMTTQ VIỆT NAM {PROVINCE}",
    ),
    (
        Kind.YOUTH,
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh {unit}",
        "Đoàn Thanh niên {unit}",
        "ĐTN",
        "ĐOÀN TNCS HỒ CHÍ MINH",
    ),
    (
        Kind.WOMEN,
        "Hội Liên hiệp Phụ nữ {unit}",
        "Hội LHPN {unit}",
        "HPN",
        "HỘI LHPN {PROVINCE}",
    ),
    (Kind.UNION, "Công đoàn {unit}", "Công đoàn {unit}", "CĐ", "LĐLĐ {PROVINCE}"),
    (Kind.OTHER, "Hội Nông dân {unit}", "Hội ND {unit}", "HND", "HỘI NÔNG DÂN {PROVINCE}"),
    (Kind.OTHER, "Hội Cựu chiến binh {unit}", "Hội CCB {unit}", "CCB", "HỘI CCB {PROVINCE}"),
]

COMMUNES_PER_TRANSACTION = 100


def generate_national(
    *, villages_per_commune=30, bodies_per_commune=8, communes=None, progress=None
):
    """Add generated villages and member bodies under every active commune; return counts.

    A commune that already has the generated committee or a first village is skipped, so a
    second run adds nothing. communes limits the run to the first n communes in tree order.
    """
    levels = ensure_levels()
    targets = list(
        Organisation.objects.filter(
            kind=Kind.AREA, level__code="xa", active_to__isnull=True
        ).order_by("path")[:communes]
    )
    done = _generated_commune_paths({c.path for c in targets})
    parents = {
        org.path: org
        for org in Organisation.objects.filter(path__in={c.path[: -c.steplen] for c in targets})
    }
    todo = [c for c in targets if c.path not in done]
    counts = {"communes": 0, "skipped": len(targets) - len(todo), "villages": 0, "bodies": 0}

    for start in range(0, len(todo), COMMUNES_PER_TRANSACTION):
        with transaction.atomic():
            for commune in todo[start : start + COMMUNES_PER_TRANSACTION]:
                parent = parents.get(commune.path[: -commune.steplen])
                bodies = _bodies(commune, parent, bodies_per_commune, levels["xa"])
                villages = _villages(commune, villages_per_commune, levels["thon"])
                bulk_add_children(commune, bodies + villages)
                counts["communes"] += 1
                counts["bodies"] += len(bodies)
                counts["villages"] += len(villages)
        if progress:
            progress(counts["communes"], len(todo))
    return counts


def _generated_commune_paths(commune_paths):
    """Paths of those communes that already hold the generated committee or a first village."""
    marked = Organisation.objects.filter(
        Q(kind=Kind.COMMITTEE, name__startswith=COMMITTEE_PREFIX)
        | Q(kind=Kind.VILLAGE, name__in=FIRST_VILLAGES)
    ).values_list("path", flat=True)
    parents = {path[: -Organisation.steplen] for path in marked}
    return parents & commune_paths


def _in_sentence(name):
    """'Xã Quyết Thắng' → 'xã Quyết Thắng', as the unit is written after a body's name."""
    return name[:1].lower() + name[1:]


def _bodies(commune, parent, count, level):
    words = {
        "unit": _in_sentence(commune.name),
        "UNIT": commune.name.upper(),
        "PROVINCE": parent.name.upper() if parent else "",
    }
    bodies = []
    for index in range(count):
        if index < len(BODIES):
            kind, name, short_name, symbol, line = BODIES[index]
            suffix = ""
        else:
            # Past the standard list, the member bodies repeat with a number; never the committee.
            extra = index - len(BODIES)
            kind, name, short_name, symbol, line = BODIES[1 + extra % (len(BODIES) - 1)]
            suffix = f" ({extra // (len(BODIES) - 1) + 2})"
        bodies.append(
            Organisation(
                kind=kind,
                level=level,
                name=name.format(**words) + suffix,
                short_name=short_name.format(**words) + suffix,
                symbol=symbol,
                parent_body_line=line.format(**words).strip(),
                place=commune.place,
            )
        )
    return bodies


def _villages(commune, count, level):
    # Wards are divided into residential groups, communes and special zones into villages.
    word = "Tổ dân phố" if commune.name.startswith("Phường") else "Thôn"
    return [
        Organisation(kind=Kind.VILLAGE, level=level, name=f"{word} {number}", place=commune.place)
        for number in range(1, count + 1)
    ]
