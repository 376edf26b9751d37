from django.core.management.base import BaseCommand

from orgs.demo import DEMO_PASSWORD, load_demo
from plans.demo import load_demo_plans


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: đơn vị hành chính, các cơ quan ban hành của năm kế hoạch mẫu "
        "cùng Ban Chỉ đạo và tài khoản mẫu, và năm kế hoạch mẫu."
    )

    def handle(self, *args, **options):
        logins = load_demo()
        plans = load_demo_plans()
        self.stdout.write(f"Kế hoạch mẫu: {len(plans)}.")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<22} {role:<10} {unit}")
