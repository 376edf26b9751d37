"""Reports: what a unit achieved against a plan for one period, and its history."""

from django.db import models
from django.db.models import F, Q

from orgs.access import member_organisation_ids, oversight_organisations
from orgs.models import Organisation
from plans.models import TEXT_MAX, Event, Plan, ReportingRule, Target, Task

SHARED = ("submitted", "returned", "accepted")  # states in which a report is seen beyond its unit


def visible_reports_q(user):
    """Reports of the user's units (all states), reports sent to their units and reports of
    units in their oversight scope (once sent)."""
    if user.is_superuser:
        return Q()
    own = member_organisation_ids(user)
    if not own:
        return Q(pk__in=[])
    sent = Q(report_to_id__in=own) | Q(organisation__in=oversight_organisations(user).values("pk"))
    return Q(organisation_id__in=own) | (Q(status__in=SHARED) & sent)


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reports of the user's units, sent to their units, or below them (oversight)."""
        return self.filter(visible_reports_q(user))

    def counted(self):
        """Reports whose figures count in roll-ups: submitted or accepted."""
        return self.filter(status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED])


class Report(models.Model):
    """One unit's report on one plan for one period, expected from the plan's reporting rules."""

    class Status(models.TextChoices):
        DUE = "due", "Chưa lập"
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã gửi"
        RETURNED = "returned", "Bị trả lại"
        ACCEPTED = "accepted", "Đã tiếp nhận"

    EDITABLE = (Status.DUE, Status.DRAFT, Status.RETURNED)
    NARRATIVE = [
        ("results", "Kết quả đạt được"),
        ("shortcomings", "Tồn tại, hạn chế"),
        ("causes", "Nguyên nhân"),
        ("directions", "Phương hướng, nhiệm vụ"),
        ("proposals", "Đề xuất, kiến nghị"),
    ]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    rule = models.ForeignKey(
        ReportingRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name="đơn vị báo cáo",
    )
    report_to = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports_received",
        verbose_name="gửi tới",
    )
    period = models.CharField("kỳ", max_length=12, choices=ReportingRule.Period.choices)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    label = models.CharField("kỳ báo cáo", max_length=80)
    due_on = models.DateField("hạn gửi", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DUE
    )
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    from_subordinates = models.BooleanField(
        "tổng hợp từ cấp dưới",
        default=False,
        help_text="Số liệu cộng từ báo cáo của đơn vị cấp dưới: không tính lại khi tổng hợp.",
    )
    results = models.TextField("kết quả đạt được", blank=True, max_length=TEXT_MAX)
    shortcomings = models.TextField("tồn tại, hạn chế", blank=True, max_length=TEXT_MAX)
    causes = models.TextField("nguyên nhân", blank=True, max_length=TEXT_MAX)
    directions = models.TextField("phương hướng, nhiệm vụ", blank=True, max_length=TEXT_MAX)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True, max_length=TEXT_MAX)
    signer_position = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "organisation__path", "pk"]
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        indexes = [
            models.Index(fields=["plan", "period", "period_end"], name="reports_report_period")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation", "period", "period_start"],
                name="reports_report_unique_unit_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="reports_report_period_order"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.label}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def is_late(self):
        """Submitted after its due date (in Vietnam's time zone)."""
        if not (self.submitted_at and self.due_on):
            return False
        from django.utils import timezone

        return timezone.localtime(self.submitted_at).date() > self.due_on


class TaskProgress(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Đã hoàn thành"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="progress")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        "tình hình", max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    result = models.TextField("kết quả", blank=True, max_length=TEXT_MAX)

    class Meta:
        ordering = ["report", "task__section__order", "task__order", "task_id"]
        verbose_name = "tiến độ nhiệm vụ"
        verbose_name_plural = "tiến độ nhiệm vụ"
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="reports_taskprogress_unique")
        ]

    def __str__(self):
        return f"{self.task} – {self.get_status_display()}"


class TargetActual(models.Model):
    """The figures a report gives for a target: numerator and denominator, or a count.

    Rates are never stored: roll-ups add numerators and denominators."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="actuals")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="actuals")
    numerator = models.DecimalField("tử số", max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(
        "mẫu số", max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["report", "target__order", "target_id"]
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "target"], name="reports_targetactual_unique"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="reports_targetactual_numerator_positive",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="reports_targetactual_denominator_positive",
            ),
        ]

    def __str__(self):
        return f"{self.target}: {self.numerator}/{self.denominator}"

    @property
    def rate(self):
        """Percentage, derived: None for counts or missing figures."""
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator * 100 / self.denominator


class ReportEvent(Event):
    """A report's history: the same trail as plans (who, when, transition, comment)."""

    class Action(models.TextChoices):
        EDITED = "edited", "Sửa"
        SUBMITTED = "submitted", "Gửi báo cáo"
        RETURNED = "returned", "Trả lại"
        ACCEPTED = "accepted", "Tiếp nhận"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("thao tác", max_length=12, choices=Action.choices)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = "lịch sử báo cáo"
        verbose_name_plural = "lịch sử báo cáo"

    def __str__(self):
        return f"{self.get_action_display()} – {self.report_id}"
