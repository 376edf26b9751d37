from django.core.management.base import BaseCommand

from orgs.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: đơn vị hành chính, các cơ quan ban hành của năm kế hoạch mẫu, tài khoản mẫu."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<22} {role:<10} {unit}")
