from orgs.imports import import_users

from .import_orgs import ImportCommand


class Command(ImportCommand):
    help = "Nhập tài khoản người dùng và vai trò từ tệp CSV hoặc XLSX (tất cả hoặc không gì)."

    def handle(self, *args, file, root, **options):
        root, result = self.run_import(import_users, file, root)
        self.stdout.write(
            f"Đã tạo {result.created} tài khoản và gán {result.memberships} vai trò "
            f"trong {root.name}."
        )
