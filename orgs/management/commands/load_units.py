from django.core.management.base import BaseCommand

from orgs.central import load_national_bodies
from orgs.services import load_official_units


class Command(BaseCommand):
    help = (
        "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (cơ cấu 2025) với mã chính thức, "
        "cùng cấp Trung ương và các cơ quan Trung ương."
    )

    def handle(self, *args, **options):
        created, updated = load_official_units()
        self.stdout.write(f"Đơn vị hành chính: thêm {created}, cập nhật {updated}.")
        national = load_national_bodies()
        self.stdout.write(f"Cấp Trung ương: thêm {national} đơn vị.")
