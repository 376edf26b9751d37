"""import_units: provinces, districts and communes over time with their official codes, dates
and successors; all rows or none; hostile files refused with a Vietnamese message."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from orgs.models import Organisation
from orgs.services import load_official_units
from orgs.succession import current_successor
from orgs.unit_imports import ImportFileError, import_units

SAMPLE = Path(__file__).resolve().parents[2] / "orgs" / "fixtures" / "units-2025-sample.csv"
HEADER = "code,name,level,parent_code,active_from,active_to,successor_code\n"
REFORM = date(2025, 7, 1)


def csv_file(text, name="units.csv"):
    data = io.BytesIO(text.encode("utf-8"))
    data.name = name
    return data


def snapshot():
    return list(
        Organisation.objects.order_by("pk").values_list(
            "pk", "path", "numchild", "code", "name", "place", "level__code", "active_from",
            "active_to", "successor",
        )
    )  # fmt: skip


def unit(code, active_to=REFORM):
    return Organisation.objects.get(code=code, active_to=active_to)


def test_the_sample_builds_the_old_districts_and_communes_with_their_successors(db):
    call_command("import_units", str(SAMPLE))

    quyet_tien = unit("03388")
    assert quyet_tien.name == "Phường Quyết Tiến"
    assert quyet_tien.place == "Quyết Tiến"
    assert quyet_tien.level.code == "xa"
    district = Organisation.objects.get_parent(quyet_tien)
    assert (district.name, district.code, district.active_to) == (
        "Thành phố Lai Châu", "105", REFORM,
    )  # fmt: skip
    assert district.successor is None  # districts were abolished, not taken over
    assert Organisation.objects.get_parent(district) == unit("12", None)
    doan_ket = unit("03388", None)
    assert doan_ket.name == "Phường Đoàn Kết"
    assert Organisation.objects.get_parent(doan_ket) == unit("12", None)
    # Phường Quyết Tiến's code went to the new Phường Đoàn Kết, which took it over.
    assert quyet_tien.successor == doan_ket
    assert current_successor(unit("06394")).name == "Xã Yên Bình"
    assert Organisation.objects.get_parent(unit("06394")).name == "Huyện Hữu Lũng"
    assert Organisation.objects.get_parent(unit("186")).name == "Tỉnh Lạng Sơn"
    # The old province is a root of its own, taken over by the province that kept its code.
    bac_giang = unit("24")
    assert (bac_giang.depth, bac_giang.successor) == (1, unit("24", None))
    assert unit("24", None).name == "Tỉnh Bắc Ninh"
    assert Organisation.objects.count() == 23


def test_importing_twice_changes_nothing(db):
    first = import_units(SAMPLE.open("rb"))
    before = snapshot()
    second = import_units(SAMPLE.open("rb"))

    assert (first.created, first.updated) == (23, 0)
    assert (second.created, second.updated, second.errors) == (0, 0, [])
    assert snapshot() == before


def test_the_sample_joins_the_units_loaded_from_the_package_in_either_order(db):
    load_official_units()
    import_units(SAMPLE.open("rb"))
    # 15 closed units are new; the 3 provinces and 5 communes in force were already there.
    assert Organisation.objects.filter(active_to=REFORM).count() == 15
    assert Organisation.objects.filter(active_to__isnull=True).count() == 34 + 3321
    before = snapshot()
    load_official_units()
    assert snapshot() == before
    assert unit("03388").successor == Organisation.objects.get(code="03388", active_to=None)


def test_a_changed_row_updates_its_unit_and_its_successor(db):
    import_units(SAMPLE.open("rb"))
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "06394,Xã Quyết Thắng,xa,186,,2025-07-01,06391",
        "06394,Xã Quyết Thắng mới,xa,186,2008-01-01,2025-07-01,06385",
    )
    result = import_units(csv_file(text))

    assert (result.created, result.updated, result.errors) == (0, 1, [])
    quyet_thang = unit("06394")
    assert quyet_thang.name == "Xã Quyết Thắng mới"
    assert quyet_thang.active_from == date(2008, 1, 1)
    assert quyet_thang.successor.name == "Xã Hữu Lũng"


def errors_of(text):
    before = snapshot()
    result = import_units(csv_file(HEADER + text))
    assert snapshot() == before, "nothing is saved when a row is wrong"
    return [str(error) for error in result.errors]


def test_a_successor_that_does_not_exist_is_named_and_nothing_is_saved(db):
    errors = errors_of(
        "12,Tỉnh Lai Châu,tinh,,,,\n"
        "105,Thành phố Lai Châu,huyen,12,,2025-07-01,\n"
        "03388,Phường Quyết Tiến,xa,105,,2025-07-01,99999\n"
    )
    assert errors == [
        "Dòng 4: không tìm thấy đơn vị kế thừa mã “99999” còn hiệu lực ngày 01/07/2025 "
        "(trong tệp hoặc đã có)"
    ]
    assert Organisation.objects.count() == 0


def test_a_cycle_of_successors_is_refused(db):
    errors = errors_of(
        "12,Tỉnh Lai Châu,tinh,,,,\n"
        "03386,Phường Quyết Thắng,xa,12,,2025-07-01,03388\n"
        "03388,Phường Quyết Tiến,xa,12,,2025-07-01,03386\n"
    )
    assert errors == [
        "Dòng 3: chuỗi đơn vị kế thừa quay vòng: Phường Quyết Thắng (03386) → "
        "Phường Quyết Tiến (03388) → Phường Quyết Thắng (03386)"
    ]


def test_a_successor_closed_before_the_unit_it_takes_over_is_refused(db):
    errors = errors_of(
        "12,Tỉnh Lai Châu,tinh,,,,\n"
        "03386,Phường Quyết Thắng,xa,12,,2025-07-01,03388\n"
        "03388,Phường Quyết Tiến,xa,12,,2020-01-01,\n"
    )
    assert errors == [
        "Dòng 3: đơn vị kế thừa Phường Quyết Tiến (03388) không còn hiệu lực ngày 01/07/2025, "
        "ngày Phường Quyết Thắng (03386) hết hiệu lực"
    ]


def test_control_characters_bad_levels_codes_and_dates_are_named_row_by_row(db):
    errors = errors_of(
        "12,Tỉnh\x07 Lai Châu,tinh,,,,\n"
        "105,Thành phố Lai Châu,quan,12,,,\n"
        "1050,Thành phố Lai Châu,huyen,12,,,\n"
        "03388,Phường Quyết Tiến,xa,,,,\n"
        "03389,Phường Đoàn Kết,xa,12,2025-02-30,,\n"
        "03390,Phường Mới,xa,12,2025-07-01,2025-07-01,\n"
        "03391,Phường Mới Hai,xa,12,,,03388\n"
        "13,Tỉnh Mới,tinh,12,,,\n"
    )
    assert errors == [
        "Dòng 2: Tên chứa ký tự điều khiển (xuống dòng, tab…) không hợp lệ",
        "Dòng 3: cấp “quan” không hợp lệ: ghi tinh, huyen hoặc xa",
        "Dòng 4: mã “1050” của cấp huyện phải gồm 3 chữ số",
        "Dòng 5: thiếu mã cấp trên của đơn vị cấp xã",
        "Dòng 6: Hiệu lực từ “2025-02-30” không phải ngày hợp lệ (ghi 2025-07-01 hoặc "
        "01/07/2025, năm từ 1945 đến 2100)",
        "Dòng 7: ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực",
        "Dòng 8: chỉ đơn vị đã hết hiệu lực (có ngày hết hiệu lực) mới có đơn vị kế thừa",
        "Dòng 9: đơn vị cấp tỉnh không có mã cấp trên",
    ]


def test_a_parent_missing_or_a_row_twice_is_named(db):
    errors = errors_of(
        "12,Tỉnh Lai Châu,tinh,,,,\n"
        "105,Thành phố Lai Châu,huyen,77,,2025-07-01,\n"
        "12,Tỉnh Lai Châu,tinh,,,,\n"
    )
    assert errors == [
        "Dòng 4: trùng mã “12” (cấp tỉnh, cùng ngày hết hiệu lực) với dòng 2",
    ]
    errors = errors_of("12,Tỉnh Lai Châu,tinh,,,,\n105,Thành phố Lai Châu,huyen,77,,2025-07-01,\n")
    assert errors == [
        "Dòng 3: không tìm thấy đơn vị cấp tỉnh mã “77” còn hiệu lực ngày 30/06/2025 "
        "(trong tệp hoặc đã có)"
    ]


def test_html_in_a_name_is_kept_as_text(db):
    result = import_units(csv_file(HEADER + '12,"<script>alert(1)</script> Lai Châu",tinh,,,,\n'))
    assert result.ok
    assert Organisation.objects.get(code="12").name == "<script>alert(1)</script> Lai Châu"


def test_a_huge_file_is_refused_before_it_is_read(db, settings):
    settings.IMPORT_MAX_BYTES = 1000

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the file was read")

        __iter__ = readline = read

    huge = Unreadable(b"x" * 5000)
    huge.name = "units.csv"
    with pytest.raises(ImportFileError, match="Tệp quá lớn"):
        import_units(huge)


def test_a_huge_name_and_a_file_of_another_kind_are_refused(db):
    errors = errors_of(f"12,{'Â' * 300},tinh,,,,\n")
    assert errors == ["Dòng 2: Tên dài 300 ký tự, tối đa 255 ký tự"]
    with pytest.raises(ImportFileError, match="không đúng định dạng"):
        import_units(csv_file(HEADER, name="units.txt"))
    with pytest.raises(ImportFileError, match="Thiếu cột bắt buộc: Cấp"):
        import_units(csv_file("code,name\n12,Tỉnh Lai Châu\n"))


def test_the_command_says_what_is_wrong_in_vietnamese(db, tmp_path, capsys):
    bad = tmp_path / "units.csv"
    bad.write_text(HEADER + "03388,Phường Quyết Tiến,xa,105,,2025-07-01,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Không nhập dòng nào: tệp có 1 lỗi."):
        call_command("import_units", str(bad))
    assert (
        "Dòng 2: không tìm thấy đơn vị cấp huyện hoặc cấp tỉnh mã “105”" in capsys.readouterr().err
    )
    with pytest.raises(CommandError, match="Không mở được tệp"):
        call_command("import_units", str(tmp_path / "missing.csv"))


def test_a_row_under_another_parent_moves_its_unit_there(db):
    import_units(SAMPLE.open("rb"))
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "06394,Xã Quyết Thắng,xa,186,", "06394,Xã Quyết Thắng,xa,20,"
    )
    result = import_units(csv_file(text))

    assert (result.created, result.updated, result.errors) == (0, 1, [])
    quyet_thang = unit("06394")
    assert Organisation.objects.get_parent(quyet_thang) == unit("20", None)
    assert Organisation.objects.get(pk=unit("186").pk).numchild == 4
    assert quyet_thang.successor == unit("06391", None)


def test_the_sample_finds_the_demo_units_by_their_codes_instead_of_doubling_them(demo):
    result = import_units(SAMPLE.open("rb"))

    assert result.ok
    for name in ("Phường Quyết Tiến", "Xã Quyết Thắng", "Huyện Hữu Lũng", "Tỉnh Bắc Giang",
                 "Thành phố Lai Châu"):  # fmt: skip
        assert Organisation.objects.filter(name=name, active_to=REFORM).count() == 1, name
    quyet_tien = Organisation.objects.get(name="Phường Quyết Tiến")
    # The demo's committee and villages stay under the unit the file found.
    assert Organisation.objects.get_children(quyet_tien).count() == 14
    assert quyet_tien.successor.name == "Phường Đoàn Kết"
