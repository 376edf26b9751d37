import time

from django.core.management.base import BaseCommand

from orgs.national import generate_national


def _number(value):
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu quy mô toàn quốc để đo hiệu năng: thôn, tổ dân phố và các cơ quan thành viên "
        "(Ban Chỉ đạo đứng đầu) dưới mỗi xã, phường, đặc khu. Chạy lại không thêm gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--villages", type=int, default=30, help="Số thôn, tổ dân phố mỗi xã (mặc định 30)."
        )
        parser.add_argument(
            "--bodies", type=int, default=8, help="Số cơ quan mỗi xã, kể cả BCĐ (mặc định 8)."
        )
        parser.add_argument(
            "--communes", type=int, default=None, help="Chỉ sinh cho N xã đầu tiên (để thử)."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            if options["verbosity"] > 1 or done == total or done % 1000 == 0:
                self.stderr.write(f"  … {_number(done)}/{_number(total)} xã")

        counts = generate_national(
            villages_per_commune=options["villages"],
            bodies_per_commune=options["bodies"],
            communes=options["communes"],
            progress=progress,
        )
        elapsed = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        self.stdout.write(
            f"Đã thêm {_number(counts['villages'])} thôn, tổ dân phố và "
            f"{_number(counts['bodies'])} cơ quan ở {_number(counts['communes'])} xã, phường, "
            f"đặc khu; bỏ qua {_number(counts['skipped'])} xã đã có dữ liệu sinh. "
            f"Thời gian: {elapsed} giây."
        )
