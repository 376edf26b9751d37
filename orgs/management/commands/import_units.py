from django.core.management.base import BaseCommand

from orgs.unit_imports import import_units

from .import_orgs import import_file


class Command(BaseCommand):
    help = (
        "Nhập tỉnh, huyện, xã theo thời gian từ tệp CSV hoặc XLSX (cột: code, name, level "
        "tinh/huyen/xa, parent_code, active_from, active_to, successor_code): thêm hoặc cập "
        "nhật theo mã, cấp và ngày hết hiệu lực, cùng đơn vị kế thừa; tất cả hoặc không gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .csv (UTF-8) hoặc .xlsx.")

    def handle(self, *args, file, **options):
        result = import_file(self, file, import_units)
        self.stdout.write(f"Đơn vị hành chính: thêm {result.created}, cập nhật {result.updated}.")
