from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.tasks import send_deadline_digests


class Command(BaseCommand):
    help = (
        "Xếp hàng thư nhắc hạn cho mỗi đơn vị: nhiệm vụ quá hạn và đến hạn trong 14 ngày tới "
        "(chạy hằng ngày; tiến trình nền db_worker gửi thư)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, help="YYYY-MM-DD (mặc định: hôm nay)"
        )

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        send_deadline_digests.enqueue(today.isoformat())
        self.stdout.write(
            f"Đã xếp hàng thư nhắc hạn tính đến ngày {today:%d/%m/%Y}; "
            "tiến trình nền (manage.py db_worker) sẽ gửi."
        )
