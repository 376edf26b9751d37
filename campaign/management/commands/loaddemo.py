from django.core.management.base import BaseCommand

from orgs.demo import DEMO_PASSWORD, load_demo
from plans.demo import load_demo_plans
from reports.demo import load_demo_reports


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: đơn vị hành chính, các cơ quan ban hành của năm kế hoạch mẫu "
        "cùng Ban Chỉ đạo và tài khoản mẫu, năm kế hoạch mẫu, và vòng theo dõi năm 2026 "
        "(tỉnh Lai Châu, xã Tân Uyên và các thôn: kế hoạch, chế độ báo cáo, báo cáo của thôn)."
    )

    def handle(self, *args, **options):
        groups = load_demo()
        plans = load_demo_plans()
        loop, reports = load_demo_reports()
        self.stdout.write(f"Kế hoạch mẫu: {len(plans)}.")
        self.stdout.write(
            f"Vòng theo dõi năm 2026: {len(loop)} kế hoạch của tỉnh Lai Châu và xã Tân Uyên, "
            f"{reports} báo cáo hằng quý (thôn gửi xã, xã gửi tỉnh)."
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for heading, logins in groups:
            self.stdout.write(f"  {heading}:")
            for username, role, unit in logins:
                self.stdout.write(f"    {username:<20} {role:<10} {unit}")
