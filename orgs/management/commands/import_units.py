from django.core.management.base import BaseCommand, CommandError

from orgs.unit_imports import ImportFileError, import_units


class Command(BaseCommand):
    help = (
        "Nhập tỉnh, huyện, xã theo thời gian từ tệp CSV hoặc XLSX (cột: code, name, level "
        "tinh/huyen/xa, parent_code, active_from, active_to, successor_code): thêm hoặc cập "
        "nhật theo mã, cấp và ngày hết hiệu lực, cùng đơn vị kế thừa; tất cả hoặc không gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .csv (UTF-8) hoặc .xlsx.")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as uploaded_file:
                result = import_units(uploaded_file)
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {file}: {exc.strerror}.") from None
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(f"Không nhập dòng nào: tệp có {len(result.errors)} lỗi.")
        self.stdout.write(f"Đơn vị hành chính: thêm {result.created}, cập nhật {result.updated}.")
