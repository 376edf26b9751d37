from django.core.management.base import BaseCommand, CommandError

from orgs.imports import ImportFileError, import_organisations, organisation_by_reference


class ImportCommand(BaseCommand):
    """Shared shape of the import commands: FILE --root CODE_OR_ID, all rows or none."""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .csv (UTF-8) hoặc .xlsx.")
        parser.add_argument(
            "--root", required=True, help="Mã chính thức hoặc id của đơn vị gốc nhận dữ liệu."
        )

    def run_import(self, service, path, reference):
        root = organisation_by_reference(reference)
        if root is None:
            raise CommandError(f"Không tìm thấy đơn vị gốc có mã hoặc id “{reference}”.")
        return root, import_file(self, path, lambda file: service(file, root=root, by=None))


def import_file(command, path, read):
    """Open path and hand it to read (an importer: all rows or none); a file that cannot be
    opened or read, or a row refused, stops the command with its reasons on standard error."""
    try:
        with open(path, "rb") as uploaded_file:
            result = read(uploaded_file)
    except OSError as exc:
        raise CommandError(f"Không mở được tệp {path}: {exc.strerror}.") from None
    except ImportFileError as exc:
        raise CommandError(str(exc)) from None
    for error in result.errors:
        command.stderr.write(str(error))
    if not result.ok:
        raise CommandError(f"Không nhập dòng nào: tệp có {len(result.errors)} lỗi.")
    return result


class Command(ImportCommand):
    help = "Nhập thôn, tổ dân phố và các đơn vị khác từ tệp CSV hoặc XLSX (tất cả hoặc không gì)."

    def handle(self, *args, file, root, **options):
        root, result = self.run_import(import_organisations, file, root)
        self.stdout.write(f"Đã nhập {result.created} đơn vị vào {root.name}.")
