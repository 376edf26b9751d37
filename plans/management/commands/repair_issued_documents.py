from django.core.management.base import BaseCommand

from plans.printing import freeze_issued_pdf
from plans.tasks import freeze_plan_pdf, plans_without_issued_pdf


class Command(BaseCommand):
    help = (
        "Tìm các kế hoạch đã ban hành (kể cả đã thay thế, đã thu hồi) chưa có bản PDF lưu lúc "
        "ban hành và xếp hàng việc lưu cho tiến trình nền, hoặc lưu ngay với --now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="lưu ngay trong lệnh này, không qua tiến trình nền"
        )

    def handle(self, *args, now=False, **options):
        missing = list(plans_without_issued_pdf())
        if not missing:
            self.stdout.write("Mọi kế hoạch đã ban hành đều có bản PDF lưu lúc ban hành.")
            return
        for plan in missing:
            name = f"Kế hoạch {plan.document_number.removeprefix('Số: ')} của {plan.issuer.name} (mã {plan.pk})"
            if now:
                freeze_issued_pdf(plan)
                self.stdout.write(f"{name}: đã lưu bản PDF.")
            else:
                freeze_plan_pdf.enqueue(plan.pk)
                self.stdout.write(f"{name}: đã xếp hàng việc lưu bản PDF.")
        if now:
            self.stdout.write(f"Đã lưu bản PDF của {len(missing)} kế hoạch.")
        else:
            self.stdout.write(
                f"Đã xếp hàng {len(missing)} kế hoạch; tiến trình nền (manage.py db_worker) sẽ lưu."
            )
