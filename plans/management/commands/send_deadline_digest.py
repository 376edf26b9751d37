from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.notifications import deadline_digests


class Command(BaseCommand):
    help = "Gửi thư cho mỗi đơn vị: nhiệm vụ quá hạn và đến hạn trong 14 ngày tới (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, help="YYYY-MM-DD (mặc định: hôm nay)"
        )

    def handle(self, *args, today=None, **options):
        sent = deadline_digests(today or timezone.localdate())
        self.stdout.write(f"Đã gửi cho {len(sent)} đơn vị, {sum(sent.values())} nhiệm vụ.")
