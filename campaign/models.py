from django.db import models


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
