"""A plan (Kế hoạch) as data: every part of the printed document lives in these fields.

Free text is stored as the user typed it, one paragraph per line; the document builder
(plans/printing.py) numbers sections and items and decides the layout.
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from campaign.models import Indicator, Movement
from campaign.text import fold
from campaign.validators import (
    FIRST_DAY,
    LAST_DAY,
    YEAR_MAX,
    YEAR_MIN,
    NoControlCharacters,
    validate_date,
    validate_year,
)
from orgs.access import member_organisation_ids, oversight_organisations
from orgs.models import Organisation, Person

TEXT_MAX = 20_000  # a paragraph field longer than this is a mistake, not a plan
NUMBER_MAX = 99_999  # a register restarts every year; no issuer numbers 100,000 documents
NUMBER_RANGE = "Số văn bản phải từ 1 đến 99.999."
MONTH_RANGE = [
    MinValueValidator(1, "Tháng phải từ 1 đến 12."),
    MaxValueValidator(12, "Tháng phải từ 1 đến 12."),
]
DAY_RANGE = [
    MinValueValidator(1, "Ngày phải từ 1 đến 31."),
    MaxValueValidator(31, "Ngày phải từ 1 đến 31."),
]
# What a plan keeps of its issuer and signer when issued (Plan.issued_header, Plan.header).
HEADER_KEYS = (
    "issuer_name",
    "issuer_kind",
    "parent_body_line",
    "signer_full_name",
    "signer_body_position",
)


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans user may see (DESIGN.md §5); see plans.access."""
        return self.filter(visible_plans_q(user))

    def published(self):
        return self.filter(status__in=Plan.PUBLISHED)

    def search(self, text):
        """Plans holding every word of text, in any order, with or without diacritics, in the
        number ("34/KH-BCĐ", "05/KH"), the summary or any printed part (tasks, targets,
        duties…); ranked: plans whose number or summary hold more of the words first."""
        words = fold(text).split()
        if not words:
            return self
        qs = self
        rank = models.Value(0)
        for word in words:
            qs = qs.filter(Q(search_text__contains=word) | Q(body_text__contains=word))
            rank = rank + models.Case(
                models.When(search_text__contains=word, then=models.Value(1)),
                default=models.Value(0),
            )
        return qs.annotate(search_rank=rank).order_by("-search_rank", *self.query.order_by)

    def for_year(self, year):
        """Plans in force in year (a 2021–2025 plan counts for 2023)."""
        return self.filter(year__lte=year).filter(
            Q(end_year__gte=year) | Q(end_year__isnull=True, year=year)
        )


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Chờ duyệt"
        RETURNED = "returned", "Bị trả lại"
        APPROVED = "approved", "Đã duyệt"
        ISSUED = "issued", "Đã ban hành"
        SUPERSEDED = "superseded", "Đã được thay thế"
        REVOKED = "revoked", "Đã thu hồi"

    PUBLISHED = (Status.ISSUED, Status.SUPERSEDED, Status.REVOKED)

    class Kind(models.TextChoices):
        """The kind of document (tên loại); plans/kinds.py says how each one prints."""

        PLAN = "plan", "Kế hoạch"
        GUIDANCE = "guidance", "Hướng dẫn"
        PROGRAMME = "programme", "Chương trình"
        JOINT_PROGRAMME = "joint_programme", "Chương trình phối hợp"
        SCHEME = "scheme", "Đề án"
        NOTICE = "notice", "Thông báo"
        REPORT = "report", "Báo cáo"
        DECISION = "decision", "Quyết định"
        REGULATION = "regulation", "Quy chế"
        LETTER = "letter", "Công văn"

    class HeaderStyle(models.TextChoices):
        STATE = "state", "Nhà nước (Quốc hiệu và Tiêu ngữ)"
        PARTY = "party", "Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)"

    class Numbering(models.TextChoices):
        ROMAN = "roman", "I, 1, a"
        LETTER_ROMAN = "letter_roman", "A, I, 1"
        PART = "part", "PHẦN I, 1, a"
        DECIMAL = "decimal", "1, 1.1, a"
        NONE = "none", "Không đánh số các phần"

    class TaskLayout(models.TextChoices):
        PARAGRAPHS = "paragraphs", "Đoạn văn (Thực hiện / Phối hợp / Thời gian)"
        TABLE = "table", "Bảng (TT, Nội dung, Chủ trì, Phối hợp, Thời gian)"

    issuer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name="cơ quan ban hành",
    )
    kind = models.CharField("loại văn bản", max_length=16, choices=Kind.choices, default=Kind.PLAN)
    header_style = models.CharField(
        "thể thức", max_length=8, choices=HeaderStyle.choices, default=HeaderStyle.STATE
    )
    numbering = models.CharField(
        "đánh số các phần", max_length=12, choices=Numbering.choices, default=Numbering.ROMAN
    )
    date_by_hand = models.BooleanField(
        "để trống ngày, tháng (ghi tay khi ký)",
        default=False,
        help_text="In “ngày … tháng … năm 2016” dù văn bản đã có số.",
    )
    attached_to = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name="kèm theo quyết định",
        help_text="Văn bản ban hành kèm theo một quyết định: in sau quyết định, không có số "
        "và tiêu đề riêng.",
    )
    addressees = models.TextField(
        "kính gửi", blank=True, max_length=2000, help_text="Công văn: mỗi nơi nhận một dòng."
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    number = models.PositiveIntegerField(
        "số",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, NUMBER_RANGE),
            MaxValueValidator(NUMBER_MAX, NUMBER_RANGE),
        ],
    )
    symbol = models.CharField(
        "ký hiệu", max_length=40, help_text="Ví dụ: KH-BCĐ.", validators=[NoControlCharacters()]
    )
    place = models.CharField("địa danh", max_length=80, validators=[NoControlCharacters()])
    issued_on = models.DateField("ngày ban hành", null=True, blank=True, validators=[validate_date])
    planned_month = models.PositiveSmallIntegerField(
        "tháng dự kiến ban hành",
        null=True,
        blank=True,
        help_text="Dự thảo in “ngày … tháng … năm …” với tháng này (có thể để trống).",
        validators=MONTH_RANGE,
    )
    year = models.PositiveSmallIntegerField("năm", validators=[validate_year])
    end_year = models.PositiveSmallIntegerField(
        "đến năm",
        null=True,
        blank=True,
        help_text="Với kế hoạch nhiều năm, ví dụ 2021–2025.",
        validators=[validate_year],
    )
    summary = models.TextField("trích yếu", max_length=2000)
    movements = models.ManyToManyField(
        Movement, blank=True, related_name="plans", verbose_name="phong trào"
    )
    parent_plan = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implementing_plans",
        verbose_name="thực hiện kế hoạch",
    )
    bases = models.TextField(
        "căn cứ", blank=True, max_length=TEXT_MAX, help_text="Mỗi căn cứ một dòng."
    )
    opening = models.TextField("đoạn mở đầu", blank=True, max_length=TEXT_MAX)
    closing = models.TextField("đoạn kết", blank=True, max_length=TEXT_MAX)
    task_layout = models.CharField(
        "trình bày nhiệm vụ",
        max_length=12,
        choices=TaskLayout.choices,
        default=TaskLayout.PARAGRAPHS,
    )
    archive_line = models.CharField("lưu", max_length=200, default="Lưu: VT.")
    authority_lines = models.CharField(
        "thẩm quyền ký",
        max_length=200,
        blank=True,
        help_text="Mỗi dòng một cấp, ví dụ: TM. BAN CHỈ ĐẠO / KT. TRƯỞNG BAN.",
    )
    signer_position = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_second_position = models.CharField("chức vụ thứ hai", max_length=120, blank=True)
    signer = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_plans",
        verbose_name="người ký",
    )
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    search_text = models.TextField(editable=False, default="")
    # Every printed part, folded (plans.history keeps it with each recorded version).
    body_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(
        "phiên bản",
        default=1,
        help_text="Tăng mỗi lần lưu; chặn ghi đè lên thay đổi của người khác.",
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name="thay thế kế hoạch",
    )
    revoked_reason = models.TextField("lý do thu hồi", blank=True, max_length=2000)
    issued_header = models.JSONField(
        "thể thức khi ban hành",
        default=dict,
        blank=True,
        help_text="Tên cơ quan, cơ quan chủ quản, người ký… như lúc ban hành; văn bản đã ban "
        "hành in theo các giá trị này dù đơn vị sau đó đổi tên.",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-issued_on", "-pk"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        indexes = [models.Index(fields=["issuer", "year"], name="plans_plan_issuer_year")]
        constraints = [
            # The issuer's register restarts at 01 on 1 January: the year is that of issuance.
            models.UniqueConstraint(
                F("issuer"),
                F("symbol"),
                ExtractYear("issued_on"),
                F("number"),
                condition=Q(number__isnull=False),
                name="plans_plan_number_unique_per_issuer_year",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(issued_on__isnull=False),
                name="plans_plan_number_has_date",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("year")),
                name="plans_plan_end_year_after_year",
            ),
            models.CheckConstraint(
                condition=Q(planned_month__isnull=True)
                | Q(planned_month__gte=1, planned_month__lte=12),
                name="plans_plan_planned_month_range",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="plans_plan_year_range",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__lte=YEAR_MAX),
                name="plans_plan_end_year_range",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1, number__lte=NUMBER_MAX),
                name="plans_plan_number_range",
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | Q(issued_on__gte=FIRST_DAY, issued_on__lte=LAST_DAY),
                name="plans_plan_issued_on_range",
            ),
            # The symbol is printed in "Số: 34/KH-BCĐ" and in every download's file name.
            models.CheckConstraint(
                condition=~Q(symbol__contains="\n") & ~Q(symbol__contains="\r"),
                name="plans_plan_symbol_single_line",
            ),
        ]

    def __str__(self):
        return f"{self.document_number} – {self.summary[:80]}"

    def save(self, *args, **kwargs):
        # A denormalised search key, kept beside the fields it is derived from.
        number = f"{self.number} {self.number:02d}/{self.symbol}" if self.number else ""
        word = self.get_kind_display()  # "Kế hoạch", "Quyết định" … (plans/kinds.py)
        self.search_text = fold(f"{word} {self.summary} {self.symbol} {number}")
        super().save(*args, **kwargs)

    @property
    def document_number(self):
        """'Số: 34/KH-BCĐ'; a draft keeps a blank where the number will go."""
        number = f"{self.number:02d}" if self.number else "      "
        return f"Số: {number}/{self.symbol}"

    @property
    def period_label(self):
        if self.end_year and self.end_year != self.year:
            return f"{self.year}–{self.end_year}"
        return str(self.year)

    @property
    def last_year(self):
        return self.end_year or self.year

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_published(self):
        return self.status in self.PUBLISHED

    def current_header(self):
        """What the printed header and signature take from the issuer and the signer today
        (the plan's own fields, place and typed positions included, are not repeated here)."""
        issuer, signer = self.issuer, self.signer
        return {
            "issuer_name": issuer.name,
            "issuer_kind": issuer.kind,
            "parent_body_line": issuer.parent_body_line,
            "signer_full_name": signer.full_name if signer else "",
            "signer_body_position": signer.position if signer else "",
        }

    @property
    def header(self):
        """The issuer and signer values the plan prints: as kept at issuance once published
        (issued_header, filled by workflow.issue_plan), today's otherwise."""
        if self.is_published and self.issued_header:
            return {key: self.issued_header.get(key, "") for key in HEADER_KEYS}
        return self.current_header()

    @property
    def issuer_name(self):
        """The issuer's name as the plan prints it (the name at issuance once published)."""
        if self.is_published and self.issued_header.get("issuer_name"):
            return self.issued_header["issuer_name"]
        return self.issuer.name


class Section(models.Model):
    """A numbered part of the plan (I, II, III…); its kind says what items it holds."""

    class Kind(models.TextChoices):
        PURPOSES = "purposes", "Mục đích, yêu cầu"
        TARGETS = "targets", "Chỉ tiêu"
        TASKS = "tasks", "Nhiệm vụ, nội dung"
        FUNDING = "funding", "Kinh phí"
        IMPLEMENTATION = "implementation", "Tổ chức thực hiện"
        REPORTING = "reporting", "Chế độ báo cáo"
        ARTICLE = "article", "Điều (quyết định)"
        FREE = "free", "Phần khác"

    DEFAULT_TITLES = {
        Kind.PURPOSES: "MỤC ĐÍCH, YÊU CẦU",
        Kind.TARGETS: "CHỈ TIÊU",
        Kind.TASKS: "NỘI DUNG, THỜI GIAN THỰC HIỆN",
        Kind.FUNDING: "KINH PHÍ THỰC HIỆN",
        Kind.IMPLEMENTATION: "TỔ CHỨC THỰC HIỆN",
        Kind.REPORTING: "CHẾ ĐỘ BÁO CÁO",
        Kind.ARTICLE: "",
        Kind.FREE: "",
    }

    class ItemStyle(models.TextChoices):
        NUMBERED = "numbered", "Đánh số 1, 2, 3"
        DASHED = "dashed", "Gạch đầu dòng"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField(
        "nội dung", blank=True, max_length=TEXT_MAX, help_text="Mỗi đoạn một dòng."
    )
    closing_text = models.TextField(
        "đoạn sau các mục", blank=True, max_length=TEXT_MAX, help_text="In sau các mục."
    )
    item_style = models.CharField(
        "cách đánh dấu mục", max_length=10, choices=ItemStyle.choices, default=ItemStyle.NUMBERED
    )

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = "phần"
        verbose_name_plural = "phần"

    def __str__(self):
        return self.title or self.get_kind_display()


class Target(models.Model):
    """A numeric target: structured for roll-ups, with the sentence that is printed."""

    class Comparator(models.TextChoices):
        AT_LEAST = "at_least", "trở lên (tối thiểu)"
        EXACTLY = "exactly", "đạt"
        MAINTAIN = "maintain", "duy trì"
        INCREASE_BY = "increase_by", "tăng thêm"
        AT_MOST = "at_most", "không quá"
        RANGE = "range", "từ … đến …"
        DECREASE_BY = "decrease_by", "giảm"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name="chỉ số",
    )
    label = models.CharField("chỉ tiêu", max_length=300)
    comparator = models.CharField(
        "so sánh", max_length=12, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2, null=True, blank=True)
    value_to = models.DecimalField(
        "đến",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Cận trên khi so sánh “từ … đến …”.",
    )
    per_year = models.BooleanField("mỗi năm", default=False, help_text="Ví dụ “giảm 1–1,5%/năm”.")
    unit = models.CharField("đơn vị", max_length=40, blank=True)
    denominator = models.DecimalField(
        "trên tổng số", max_digits=12, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(
        "câu in ra",
        blank=True,
        max_length=2000,
        help_text="Để trống để in theo chỉ tiêu, ví dụ “Tỷ lệ gia đình văn hóa: 86% trở lên”.",
    )

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit="%") | Q(value__isnull=True) | Q(value__lte=100),
                name="plans_target_percentage_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True)
                | Q(value__isnull=True)
                | Q(value__lte=F("denominator")),
                name="plans_target_value_within_denominator",
            ),
            models.CheckConstraint(
                condition=Q(value_to__isnull=True)
                | Q(value__isnull=True)
                | Q(value_to__gte=F("value")),
                name="plans_target_range_ordered",
            ),
        ]

    def __str__(self):
        return self.label


class TargetAllocation(models.Model):
    """The share of a target given to one subordinate unit."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="allocations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị"
    )
    value = models.DecimalField("giá trị", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "phân bổ chỉ tiêu"
        verbose_name_plural = "phân bổ chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["target", "organisation"], name="plans_targetallocation_unique_unit"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.value}"


class Task(models.Model):
    """A task or, with a parent, one of its sub-tasks (printed as '- …' bullets)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subtasks"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    content = models.TextField("nội dung", max_length=TEXT_MAX)
    deliverable = models.CharField("sản phẩm", max_length=300, blank=True)
    timeframe_text = models.CharField("thời gian thực hiện", max_length=200, blank=True)
    starts_on = models.DateField("từ ngày", null=True, blank=True, validators=[validate_date])
    ends_on = models.DateField("đến ngày", null=True, blank=True, validators=[validate_date])
    is_yearly = models.BooleanField("lặp lại hằng năm", default=False)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="plans_task_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(starts_on__isnull=True) | Q(starts_on__gte=FIRST_DAY))
                & (Q(ends_on__isnull=True) | Q(ends_on__lte=LAST_DAY)),
                name="plans_task_dates_range",
            ),
        ]

    def __str__(self):
        return self.content[:80]


class TaskUnit(models.Model):
    """A lead or coordinating unit of a task: an organisation of the tree or a collective
    written as text ("Các tổ dân phố")."""

    class Role(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        SUPPORT = "support", "Phối hợp"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    role = models.CharField("vai trò", max_length=10, choices=Role.choices)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="task_roles",
        verbose_name="đơn vị",
    )
    text = models.CharField(
        "tên in ra", max_length=500, blank=True, help_text="Để trống để in tên đơn vị."
    )

    class Meta:
        ordering = ["task", "role", "order", "pk"]
        verbose_name = "đơn vị thực hiện"
        verbose_name_plural = "đơn vị thực hiện"
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(text=""),
                name="plans_taskunit_organisation_or_text",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.text:
            return self.text
        return self.organisation.short_name or self.organisation.name


class Responsibility(models.Model):
    """The duties of one unit in 'Tổ chức thực hiện'; 'Đề nghị' where the issuer asks."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duties",
        verbose_name="đơn vị",
    )
    unit_text = models.CharField("tên đơn vị in ra", max_length=500, blank=True)
    is_request = models.BooleanField(
        "đề nghị", default=False, help_text="In “Đề nghị …” với cơ quan không thuộc quyền chỉ đạo."
    )
    body = models.TextField("nhiệm vụ", blank=True, max_length=TEXT_MAX)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = "trách nhiệm đơn vị"
        verbose_name_plural = "trách nhiệm đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(unit_text=""),
                name="plans_responsibility_organisation_or_text",
            )
        ]

    def __str__(self):
        return self.heading

    @property
    def heading(self):
        unit = self.unit_text or self.organisation.name
        return f"Đề nghị {unit}" if self.is_request else unit


class ReportingRule(models.Model):
    """What the reporting regime means: who reports, for which period, by which date."""

    class Period(models.TextChoices):
        MONTHLY = "monthly", "Hằng tháng"
        QUARTERLY = "quarterly", "Hằng quý"
        HALF_YEAR = "half_year", "6 tháng"
        NINE_MONTHS = "nine_months", "9 tháng"
        YEARLY = "yearly", "Năm"
        FINAL = "final", "Tổng kết"
        ONCE = "once", "Một lần"

    class Reporters(models.TextChoices):
        LEADS = "leads", "Các đơn vị chủ trì nhiệm vụ"
        COORDINATORS = "coordinators", "Các đơn vị chủ trì và phối hợp thực hiện nhiệm vụ"
        SUBORDINATES = "subordinates", "Các đơn vị cấp dưới"
        MEMBERS = "members", "Các cơ quan thành viên Ban Chỉ đạo"
        RECIPIENTS = "recipients", "Các đơn vị nhận kế hoạch"
        NAMED = "named", "Các đơn vị được chỉ định"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_rules")
    period = models.CharField("kỳ báo cáo", max_length=12, choices=Period.choices)
    due_day = models.PositiveSmallIntegerField(
        "hạn: ngày",
        null=True,
        blank=True,
        help_text="Để trống nếu kế hoạch không định ngày.",
        validators=DAY_RANGE,
    )
    due_month = models.PositiveSmallIntegerField(
        "hạn: tháng",
        null=True,
        blank=True,
        help_text="Để trống với báo cáo hằng tháng.",
        validators=MONTH_RANGE,
    )
    reporters = models.CharField(
        "đơn vị báo cáo", max_length=12, choices=Reporters.choices, default=Reporters.LEADS
    )
    unit_kind = models.CharField(
        "chỉ loại đơn vị",
        max_length=12,
        choices=Organisation.Kind.choices,
        blank=True,
        help_text="Ví dụ chỉ các thôn, tổ dân phố; để trống: mọi đơn vị.",
    )
    named_units = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name="đơn vị được chỉ định"
    )
    report_to = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gửi về",
    )
    report_to_text = models.CharField("gửi về (in ra)", max_length=200, blank=True)
    targets = models.ManyToManyField(
        Target,
        blank=True,
        related_name="+",
        verbose_name="chỉ tiêu báo cáo",
        help_text="Để trống: báo cáo mọi chỉ tiêu của kế hoạch.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = "quy định báo cáo"
        verbose_name_plural = "quy định báo cáo"
        constraints = [
            models.CheckConstraint(
                condition=Q(due_day__isnull=True) | Q(due_day__gte=1, due_day__lte=31),
                name="plans_reportingrule_due_day_range",
            ),
            models.CheckConstraint(
                condition=Q(due_month__isnull=True) | Q(due_month__gte=1, due_month__lte=12),
                name="plans_reportingrule_due_month_range",
            ),
        ]

    def __str__(self):
        if not self.due_day:
            return f"{self.get_period_display()} – theo quy định"
        due = (
            f"{self.due_day:02d}/{self.due_month:02d}" if self.due_month else f"ngày {self.due_day}"
        )
        return f"{self.get_period_display()} – trước {due}"

    def clean(self):
        if self.period == self.Period.ONCE and not (self.due_day and self.due_month):
            raise ValidationError({"due_day": "Báo cáo một lần cần ngày và tháng của hạn nộp."})
        # 2024 is a leap year: 29/02 is a due date some years have.
        if self.due_day and self.due_month and 1 <= self.due_month <= 12:
            try:
                date(2024, self.due_month, self.due_day)
            except ValueError:
                raise ValidationError(
                    {"due_day": f"Tháng {self.due_month} không có ngày {self.due_day}."}
                ) from None


class Reference(models.Model):
    """A document the plan cites in its bases ("Căn cứ …", "Thực hiện …"): a plan of the app
    (cited_plan) or a document outside it, described by kind, number, date, issuer and
    summary. text is the line as printed; blank, it is composed from the parts."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    cited_plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name="văn bản trong hệ thống",
    )
    kind = models.CharField(
        "loại văn bản", max_length=60, blank=True, help_text="Ví dụ: Nghị quyết, Kế hoạch."
    )
    number = models.CharField(
        "số, ký hiệu", max_length=60, blank=True, help_text="Ví dụ: 216/ĐA-UBND."
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True, validators=[validate_date])
    issuer_name = models.CharField("cơ quan ban hành", max_length=300, blank=True)
    summary = models.TextField("trích yếu", blank=True, max_length=2000)
    text = models.TextField("câu in ra", blank=True, max_length=2000)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = "văn bản căn cứ"
        verbose_name_plural = "văn bản căn cứ"

    def __str__(self):
        return self.text or f"{self.kind} số {self.number}".strip()


class Signature(models.Model):
    """A signature block besides the issuer's own (Plan.signer_*): a co-issuer of a joint
    document (its name also heads the document), a second signer, or an endorsement
    ("XÁC NHẬN CỦA …"). Printed side by side in order after the issuer's block."""

    class Role(models.TextChoices):
        CO_ISSUER = "co_issuer", "Cơ quan cùng ban hành"
        SECOND = "second", "Người ký thứ hai"
        ENDORSEMENT = "endorsement", "Xác nhận"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="signatures")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    role = models.CharField("loại", max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan",
    )
    symbol = models.CharField(
        "ký hiệu cơ quan", max_length=40, blank=True, help_text="Ghép vào số ký hiệu văn bản."
    )
    heading = models.CharField(
        "tiêu đề", max_length=200, blank=True, help_text="Ví dụ: XÁC NHẬN CỦA UBND XÃ."
    )
    authority_lines = models.CharField("thẩm quyền ký", max_length=200, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người ký",
    )
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = "chữ ký"
        verbose_name_plural = "chữ ký"
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="co_issuer") | Q(organisation__isnull=False),
                name="plans_signature_co_issuer_has_organisation",
            ),
        ]

    def __str__(self):
        return self.heading or self.signer_name or self.get_role_display()


class Recipient(models.Model):
    """A line of 'Nơi nhận' or of the electronic-copy list."""

    class Kind(models.TextChoices):
        RECIPIENT = "recipient", "Nơi nhận"
        ELECTRONIC = "electronic", "Bản điện tử"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.RECIPIENT)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_plans",
        verbose_name="đơn vị",
    )
    text = models.CharField("tên in ra", max_length=300, blank=True)
    note = models.CharField("ghi chú", max_length=60, blank=True, help_text="Ví dụ: (b/c).")

    class Meta:
        ordering = ["plan", "kind", "order", "pk"]
        verbose_name = "nơi nhận"
        verbose_name_plural = "nơi nhận"
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(text=""),
                name="plans_recipient_organisation_or_text",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        name = self.text or self.organisation.short_name or self.organisation.name
        return f"{name} {self.note}" if self.note else name


class Event(models.Model):
    """One entry of a history (a plan's, a report's): who did what when, the state it moved
    between, the comment, and what changed in the printed text (plans.history)."""

    at = models.DateTimeField("lúc", auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    from_status = models.CharField("từ trạng thái", max_length=12, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=12, blank=True)
    comment = models.TextField("ý kiến", blank=True, max_length=4000)
    changes = models.JSONField(
        "thay đổi", default=list, help_text="[[phần, trước, sau], …] so với lần ghi trước."
    )
    snapshot = models.JSONField(
        "bản chụp", default=dict, help_text="Văn bản in ra, theo từng phần."
    )

    class Meta:
        abstract = True


class PlanEvent(Event):
    """One entry of a plan's history: a transition or an edit, with what changed."""

    class Action(models.TextChoices):
        CREATED = "created", "Tạo dự thảo"
        EDITED = "edited", "Sửa"
        SUBMITTED = "submitted", "Trình duyệt"
        RETURNED = "returned", "Trả lại"
        APPROVED = "approved", "Phê duyệt"
        REOPENED = "reopened", "Mở lại để sửa"
        ISSUED = "issued", "Ban hành"
        SUPERSEDED = "superseded", "Được thay thế"
        REVOKED = "revoked", "Thu hồi"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("thao tác", max_length=12, choices=Action.choices)

    class Meta:
        ordering = ["plan", "at", "pk"]
        verbose_name = "lịch sử kế hoạch"
        verbose_name_plural = "lịch sử kế hoạch"

    def __str__(self):
        return f"{self.get_action_display()} – {self.plan_id}"


class InboxRead(models.Model):
    """When a user first opened an issued plan addressed to their unit ('Văn bản đến')."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đã đọc"
        verbose_name_plural = "đã đọc"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "plan"], name="plans_inboxread_unique_user_plan"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.plan_id}"


class PlanReader(models.Model):
    """A unit that may read a published plan although the plan neither addresses it nor gives
    it a task: a unit that owes a report on it (written by the reports app when it creates the
    expected reports)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="readers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị"
    )

    class Meta:
        verbose_name = "đơn vị được xem kế hoạch"
        verbose_name_plural = "đơn vị được xem kế hoạch"
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="plans_planreader_unique")
        ]

    def __str__(self):
        return f"{self.organisation_id} – {self.plan_id}"


def issued_pdf_name(instance, filename):
    """issued/<year of issue>/<plan id>-<sha256 prefix>.pdf, from the row alone: no name a
    user typed decides where a file lands in the storage."""
    if not re.fullmatch(r"[0-9a-f]{64}", instance.sha256 or ""):
        raise ValueError(f"An issued PDF needs its SHA-256 before a name: {instance.sha256!r}")
    issued_on = instance.plan.issued_on
    year = issued_on.year if issued_on else timezone.now().year
    return f"issued/{year}/{int(instance.plan_id)}-{instance.sha256[:16]}.pdf"


class IssuedDocument(models.Model):
    """The PDF a plan was issued with, kept byte for byte in the file storage (settings
    STORAGES["default"]; plans.printing.freeze_issued_pdf writes it, plan_file serves it).

    Downloads of an issued plan serve this file after checking its SHA-256, so later changes
    to the layout code or the fonts never change what was signed and sent. The file has no
    public URL: it is read only through the plan's access door.
    """

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="issued_document", verbose_name="kế hoạch"
    )
    file = models.FileField("tệp PDF", upload_to=issued_pdf_name, max_length=255)
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    created_at = models.DateTimeField("lưu lúc", auto_now_add=True)

    class Meta:
        verbose_name = "văn bản đã ban hành"
        verbose_name_plural = "văn bản đã ban hành"

    def __str__(self):
        return f"{self.plan.document_number} ({self.sha256[:12]})"


def visible_plans_q(user):
    """A Q selecting the plans user may see (the rule is explained in plans/access.py)."""
    if user.is_superuser:
        return Q()
    own = member_organisation_ids(user)
    if not own:
        return Q(pk__in=[])
    oversight = Q(issuer__in=oversight_organisations(user).values("pk"))
    addressed = (
        Q(pk__in=Recipient.objects.filter(organisation_id__in=own).values("plan_id"))
        | Q(
            pk__in=TaskUnit.objects.filter(organisation_id__in=own).values("task__section__plan_id")
        )
        | Q(pk__in=PlanReader.objects.filter(organisation_id__in=own).values("plan_id"))
        | Q(pk__in=Signature.objects.filter(organisation_id__in=own).values("plan_id"))
    )
    published = Q(status__in=Plan.PUBLISHED) & (oversight | addressed)
    return Q(issuer_id__in=own) | published
