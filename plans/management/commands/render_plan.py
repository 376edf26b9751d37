from pathlib import Path
from unicodedata import normalize

from django.core.management.base import BaseCommand, CommandError

from documents.fonts import FontMissing
from plans.models import Plan
from plans.printing import plan_file, render_html

FORMATS = ["docx", "html", "pdf"]


class Command(BaseCommand):
    help = "Xuất một kế hoạch ra tệp: HTML xem trước, PDF hoặc DOCX."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--id", type=int, help="số ID của kế hoạch")
        which.add_argument("--match", help="một đoạn của trích yếu (không phân biệt hoa thường)")
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument("-o", "--output", required=True, help="tệp kết quả")

    def handle(self, *args, id=None, match=None, format="html", output=None, **options):
        plan = self.find(id, match)
        try:
            content = render_html(plan) if format == "html" else plan_file(plan, format)[0]
        except FontMissing as error:
            raise CommandError(str(error)) from error
        mode = "w" if isinstance(content, str) else "wb"
        with open(Path(output), mode, **({"encoding": "utf-8"} if mode == "w" else {})) as out:
            out.write(content)
        self.stdout.write(f"Đã ghi {output}: {plan}")

    def find(self, pk, match):
        if pk is not None:
            plan = Plan.objects.filter(pk=pk).first()
            if plan is None:
                raise CommandError(f"Không có kế hoạch ID {pk}.")
            return plan
        # The folded search key narrows the candidates in the database; the exact,
        # case-insensitive (but accent-sensitive) comparison is done here, alike on every
        # database (SQLite's LIKE folds ASCII only).
        wanted = normalize("NFC", match).casefold()
        candidates = Plan.objects.search(match).only("pk", "summary")
        found = [p for p in candidates if wanted in normalize("NFC", p.summary).casefold()]
        if len(found) != 1:
            raise CommandError(
                f"Có {len(found)} kế hoạch có trích yếu chứa “{match}”; cần đúng một."
            )
        return Plan.objects.get(pk=found[0].pk)
