from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

TEXT_MAX = 500  # a notification's text; longer ones are cut with an ellipsis


class Movement(models.Model):
    """A mass movement or campaign (phong trào, cuộc vận động) that plans implement."""

    name = models.CharField("tên", max_length=300, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    started_year = models.PositiveSmallIntegerField("năm bắt đầu", null=True, blank=True)
    ended_year = models.PositiveSmallIntegerField("năm kết thúc", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "phong trào"
        verbose_name_plural = "phong trào"

    def __str__(self):
        return self.short_name or self.name


class Indicator(models.Model):
    """A measurable indicator: numerator / denominator (a rate) or a plain count.

    Rates are never stored as percentages: reports keep numerator and denominator so that
    roll-ups add them up correctly.
    """

    class Kind(models.TextChoices):
        RATIO = "ratio", "Tỷ lệ (tử số / mẫu số)"
        COUNT = "count", "Số lượng"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Càng cao càng tốt"
        LOWER = "lower", "Càng thấp càng tốt"

    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="phong trào",
    )
    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.RATIO)
    numerator_label = models.CharField("tử số", max_length=200, blank=True)
    denominator_label = models.CharField("mẫu số", max_length=200, blank=True)
    unit = models.CharField("đơn vị tính", max_length=40, blank=True, help_text="Ví dụ: %, hộ.")
    direction = models.CharField(
        "chiều", max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )

    class Meta:
        ordering = ["movement", "name"]
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="ratio") | ~models.Q(denominator_label=""),
                name="campaign_indicator_ratio_has_denominator",
            )
        ]

    def __str__(self):
        return self.name


def validate_app_path(value):
    """A link inside the app: a path of this site ("/plans/3/"), never another site's address
    ("https://…", "//evil.example", "/\\evil.example") nor a scheme ("javascript:…")."""
    text = str(value)
    if (
        not text.startswith("/")
        or text.startswith(("//", "/\\"))
        or any(char in text for char in "\\ ")
        or any(ord(char) < 32 or ord(char) == 127 for char in text)
    ):
        raise ValidationError(
            "Liên kết phải là một đường dẫn trong ứng dụng (bắt đầu bằng “/”).",
            code="not_app_path",
        )


class Notification(models.Model):
    """A notice shown under the bell of the navbar: what happened and where to look
    (campaign.notify creates them in the transaction of the change they tell about)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="người nhận",
    )
    created_at = models.DateTimeField("lúc tạo", default=timezone.now)
    text = models.CharField("nội dung", max_length=TEXT_MAX)
    link = models.CharField("liên kết", max_length=500, validators=[validate_app_path])
    read_at = models.DateTimeField("lúc đọc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="campaign_notification_list"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="campaign_notification_unread",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(link__startswith="/")
                & ~models.Q(link__startswith="//")
                & ~models.Q(link__contains="\\"),
                name="campaign_notification_link_in_app",
            )
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self):
        return self.read_at is not None
