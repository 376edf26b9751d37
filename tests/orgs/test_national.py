import pytest
from django.core.management import call_command

from orgs.models import Organisation
from orgs.national import generate_national
from orgs.services import add_organisation, ensure_levels, load_official_units

Kind = Organisation.Kind


@pytest.fixture
def units(db):
    load_official_units()


@pytest.fixture
def small_province(db):
    """One province with a ward and a commune, built through the real services."""
    levels = ensure_levels()
    province = add_organisation(
        kind=Kind.AREA, level=levels["tinh"], name="Tỉnh Lạng Sơn", place="Lạng Sơn", code="20"
    )
    ward = add_organisation(
        parent=province,
        kind=Kind.AREA,
        level=levels["xa"],
        name="Phường Lương Văn Tri",
        place="Lương Văn Tri",
        code="06001",
    )
    commune = add_organisation(
        parent=province,
        kind=Kind.AREA,
        level=levels["xa"],
        name="Xã Quyết Thắng",
        place="Quyết Thắng",
        code="06002",
    )
    return province, ward, commune


def children(node):
    return list(Organisation.objects.get_children(Organisation.objects.get(pk=node.pk)))


def test_a_small_run_adds_villages_and_bodies_under_the_first_communes_only(units):
    counts = generate_national(communes=3, villages_per_commune=5, bodies_per_commune=8)

    assert counts == {"communes": 3, "skipped": 0, "villages": 15, "bodies": 24}
    assert Organisation.objects.filter(kind=Kind.VILLAGE, level__code="thon").count() == 15
    assert Organisation.objects.filter(depth=3, level__code="xa").count() == 24
    first_three = Organisation.objects.filter(level__code="xa", depth=2).order_by("path")[:3]
    assert [c.numchild for c in first_three] == [13, 13, 13]
    assert Organisation.objects.filter(level__code="xa", depth=2, numchild__gt=0).count() == 3


def test_the_tree_stays_consistent_after_a_run(units):
    generate_national(communes=3, villages_per_commune=5, bodies_per_commune=8)

    hanoi = Organisation.objects.get(code="01")
    assert Organisation.objects.find_problems(parent=hanoi) == ([], [], [], [], [])
    for commune in Organisation.objects.filter(level__code="xa", depth=2, numchild__gt=0):
        assert commune.numchild == len(children(commune))
        assert Organisation.objects.get_descendants(commune).count() == 13


def test_a_second_run_adds_nothing(units):
    generate_national(communes=3, villages_per_commune=5, bodies_per_commune=8)
    before = list(Organisation.objects.values_list("pk", "path", "numchild"))

    counts = generate_national(communes=3, villages_per_commune=5, bodies_per_commune=8)

    assert counts == {"communes": 0, "skipped": 3, "villages": 0, "bodies": 0}
    assert list(Organisation.objects.values_list("pk", "path", "numchild")) == before


def test_a_larger_second_run_fills_only_the_communes_not_yet_generated(units):
    generate_national(communes=2, villages_per_commune=2, bodies_per_commune=2)

    counts = generate_national(communes=3, villages_per_commune=2, bodies_per_commune=2)

    assert counts == {"communes": 1, "skipped": 2, "villages": 2, "bodies": 2}
    assert Organisation.objects.filter(kind=Kind.COMMITTEE).count() == 3


def test_the_steering_committee_comes_first_with_its_printed_lines(small_province):
    _, _, commune = small_province
    generate_national(villages_per_commune=3)

    committee, *others = children(commune)[:8]
    assert committee.kind == Kind.COMMITTEE
    assert committee.name == (
        "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Quyết Thắng"
    )
    assert committee.symbol == "BCĐ"
    assert committee.parent_body_line == "UBND XÃ QUYẾT THẮNG"
    assert committee.place == "Quyết Thắng"
    assert committee.level.code == "xa"
    assert [body.kind for body in others] == [
        Kind.GOVERNMENT,
        Kind.FRONT,
        Kind.YOUTH,
        Kind.WOMEN,
        Kind.UNION,
        Kind.OTHER,
        Kind.OTHER,
    ]
    assert others[0].name == "Ủy ban nhân dân xã Quyết Thắng"
    assert others[4].parent_body_line == "LĐLĐ TỈNH LẠNG SƠN"
    assert {body.place for body in others} == {"Quyết Thắng"}


def test_communes_get_thon_and_wards_get_to_dan_pho(small_province):
    _, ward, commune = small_province
    generate_national(villages_per_commune=3, bodies_per_commune=1)

    assert [o.name for o in children(commune)] == [
        "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Quyết Thắng",
        "Thôn 1",
        "Thôn 2",
        "Thôn 3",
    ]
    ward_villages = children(ward)[1:]
    assert [o.name for o in ward_villages] == ["Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3"]
    assert {(o.kind, o.level.code, o.place) for o in ward_villages} == {
        (Kind.VILLAGE, "thon", "Lương Văn Tri")
    }


def test_villages_can_be_found_by_search_like_any_other_unit(small_province):
    generate_national(villages_per_commune=2, bodies_per_commune=2)

    assert Organisation.objects.search("to dan pho 2").count() == 1
    assert Organisation.objects.search("uy ban nhan dan quyet thang").count() == 1


def test_more_bodies_than_the_standard_eight_repeat_the_member_bodies_not_the_committee(
    small_province,
):
    _, _, commune = small_province
    generate_national(villages_per_commune=0, bodies_per_commune=10)

    names = [o.name for o in children(commune)]
    assert len(names) == 10
    assert sum(name.startswith("Ban Chỉ đạo") for name in names) == 1
    assert names[8:] == [
        "Ủy ban nhân dân xã Quyết Thắng (2)",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Quyết Thắng (2)",
    ]


def test_former_communes_get_nothing(small_province):
    _, ward, _ = small_province
    Organisation.objects.filter(pk=ward.pk).update(active_to="2025-07-01")

    counts = generate_national(villages_per_commune=1, bodies_per_commune=1)

    assert counts["communes"] == 1
    assert children(ward) == []


def test_gen_national_command_prints_the_counts_in_vietnamese(small_province, capsys):
    call_command("gen_national", villages=2, bodies=3)

    output = capsys.readouterr().out
    assert "Đã thêm 4 thôn, tổ dân phố và 6 cơ quan ở 2 xã" in output
    assert "giây" in output
