from django.core.management import call_command

from campaign.text import fold
from orgs.models import Organisation


def snapshot():
    return list(
        Organisation.objects.order_by("pk").values_list(
            "pk", "path", "code", "name", "place", "level__code", "numchild"
        )
    )


def test_load_units_twice_leaves_34_provinces_and_3321_communes_unchanged(db):
    call_command("load_units")
    first = snapshot()
    call_command("load_units")

    assert snapshot() == first
    provinces = Organisation.objects.filter(level__code="tinh")
    communes = Organisation.objects.filter(level__code="xa")
    assert provinces.count() == 34
    assert communes.count() == 3321
    assert provinces.filter(depth=1).count() == 34
    assert communes.filter(depth=2).count() == 3321
    assert sum(p.numchild for p in provinces) == 3321


def test_units_carry_their_official_codes_and_place_names(db):
    call_command("load_units")

    hanoi = Organisation.objects.get(code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert hanoi.place == "Hà Nội"
    hoan_kiem = Organisation.objects.get(code="00070")
    assert hoan_kiem.name == "Phường Hoàn Kiếm"
    assert hoan_kiem.place == "Hoàn Kiếm"
    assert Organisation.objects.get_parent(hoan_kiem) == hanoi
    # The national bodies (orgs/central.py) have no official code.
    administrative = Organisation.objects.exclude(level__code="tw")
    assert administrative.exclude(code__regex=r"^(\d{2}|\d{5})$").count() == 0


def test_search_ignores_diacritics_case_and_unicode_form(db):
    call_command("load_units")
    decomposed = "quye\u0301t tha\u0306\u0301ng"

    for query in ["quyet thang", "QUYẾT THẮNG", decomposed]:
        names = set(Organisation.objects.search(query).values_list("name", flat=True))
        assert names == {"Phường Quyết Thắng", "Xã Quyết Thắng"}


def test_fold_maps_d_with_stroke():
    assert fold("  Đoàn   Thanh niên ĐẮK LẮK ") == "doan thanh nien dak lak"
