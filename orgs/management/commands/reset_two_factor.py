from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from orgs.twofactor import disable_two_factor


class Command(BaseCommand):
    help = (
        "Gỡ xác thực hai lớp của một tài khoản đã mất điện thoại và mã dự phòng; "
        "ở lần đăng nhập sau, tài khoản quản trị sẽ phải đăng ký lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        disable_two_factor(user, by=None)
        self.stdout.write(f"Đã gỡ xác thực hai lớp của tài khoản “{username}”.")
