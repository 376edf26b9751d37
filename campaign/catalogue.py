"""The national movements and indicators every level reports against. Idempotent."""

from django.db import transaction

from .models import Indicator, Movement

TDDK = "Toàn dân đoàn kết xây dựng đời sống văn hóa"

MOVEMENTS = [
    # (name, short name, started year)
    (TDDK, "TĐĐKXDĐSVH", 2000),
    ("Cả nước chung sức xây dựng nông thôn mới", "Chung sức xây dựng NTM", 2011),
    ("Vì người nghèo – Không để ai bỏ lại phía sau", "Vì người nghèo", 2021),
    ("Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "TDĐKXDNTM, ĐTVM", 2016),
]

INDICATORS = [
    # (movement, code, name, kind, numerator, denominator, unit)
    (TDDK, "gia-dinh-van-hoa", "Tỷ lệ gia đình văn hóa", "ratio",
     "Số hộ gia đình được công nhận “Gia đình văn hóa”", "Tổng số hộ gia đình", "%"),
    (TDDK, "thon-to-dan-pho-van-hoa", "Tỷ lệ thôn, tổ dân phố văn hóa", "ratio",
     "Số thôn, tổ dân phố được công nhận “Thôn, tổ dân phố văn hóa”",
     "Tổng số thôn, tổ dân phố", "%"),
    (TDDK, "co-quan-dat-chuan-van-hoa", "Tỷ lệ cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa",
     "ratio", "Số cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa",
     "Tổng số cơ quan, đơn vị, doanh nghiệp", "%"),
    (TDDK, "nguoi-dan-tham-gia-van-hoa-the-thao",
     "Tỷ lệ người dân tham gia hoạt động văn hóa, văn nghệ, thể dục, thể thao", "ratio",
     "Số người tham gia hoạt động văn hóa, văn nghệ, thể dục, thể thao", "Tổng số dân", "%"),
    (TDDK, "tuyen-pho-van-minh", "Số tuyến phố văn minh đô thị", "count", "", "", "tuyến phố"),
    ("Cả nước chung sức xây dựng nông thôn mới", "tieu-chi-nong-thon-moi",
     "Số tiêu chí nông thôn mới đạt thêm", "count", "", "", "tiêu chí"),
    ("Vì người nghèo – Không để ai bỏ lại phía sau", "ho-ngheo", "Tỷ lệ hộ nghèo", "ratio",
     "Số hộ nghèo", "Tổng số hộ", "%"),
]  # fmt: skip


@transaction.atomic
def load_catalogue():
    """Create the national movements and indicators if missing; return them by name/code."""
    movements = {}
    for name, short_name, started in MOVEMENTS:
        movements[name], _ = Movement.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "started_year": started}
        )
    indicators = {}
    for movement, code, name, kind, numerator, denominator, unit in INDICATORS:
        direction = "lower" if code == "ho-ngheo" else "higher"
        indicators[code], _ = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "movement": movements[movement],
                "name": name,
                "kind": kind,
                "numerator_label": numerator,
                "denominator_label": denominator,
                "unit": unit,
                "direction": direction,
            },
        )
    return movements, indicators
