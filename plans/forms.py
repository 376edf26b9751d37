from django import forms
from django.db.models import Q
from django.forms import formset_factory
from django.urls import reverse_lazy

from campaign.models import Indicator, Movement
from campaign.validators import YEAR_MAX, YEAR_MIN, TextGuard, validate_issue_date
from orgs.models import Organisation, Person

from .models import NUMBER_MAX, NUMBER_RANGE, TEXT_MAX, Plan, Recipient, Section, Target
from .timeframes import TimeframeError, parse_timeframe

UNITS_HELP = "Nhiều đơn vị cách nhau bằng dấu chấm phẩy (;). Gõ để tìm trong cây đơn vị."


def unit_widget_attrs():
    """A unit field suggests organisations of the tree as the user types (htmx + datalist)."""
    return {
        "list": "unit-options",
        "autocomplete": "off",
        "hx-get": reverse_lazy("plans:unit_options"),
        "hx-trigger": "input changed delay:300ms",
        "hx-target": "#unit-options",
        "hx-swap": "innerHTML",
    }


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class PlanFilterForm(TextGuard, forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    year = forms.IntegerField(label="Năm", required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    movement = forms.ModelChoiceField(
        label="Phong trào", queryset=Movement.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả")] + Plan.Status.choices, required=False
    )
    issuer = forms.ModelChoiceField(
        label="Cơ quan ban hành", queryset=Organisation.objects.none(), required=False
    )
    subtree = forms.BooleanField(label="gồm cả cấp dưới", required=False)

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers


class PlanForm(TextGuard, forms.ModelForm):
    """The header, opening and closing of a plan, and its signature block."""

    class Meta:
        model = Plan
        fields = [
            "summary",
            "year",
            "end_year",
            "symbol",
            "place",
            "planned_month",
            "movements",
            "task_layout",
            "bases",
            "opening",
            "closing",
            "archive_line",
            "authority_lines",
            "signer_position",
            "signer",
            "signer_second_position",
            "signer_name",
        ]
        widgets = {
            "summary": textarea(2),
            "bases": textarea(4),
            "opening": textarea(3),
            "closing": textarea(3),
            "authority_lines": textarea(2),
            "movements": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "signer" in self.fields:
            # The people of the issuing body and those seated on it (a committee's head).
            issuer = self.instance.issuer
            self.fields["signer"].queryset = Person.objects.filter(
                Q(organisation=issuer) | Q(seats__committee=issuer)
            ).distinct()
            self.fields["signer"].help_text = (
                "Chọn người ký để in họ tên và (với Ban Chỉ đạo) chức vụ ở cơ quan của họ; "
                "các ô dưới đây, nếu điền, được ưu tiên."
            )

    def clean(self):
        cleaned = super().clean()
        year, end_year = cleaned.get("year"), cleaned.get("end_year")
        if year and end_year and end_year < year:
            self.add_error("end_year", "Năm kết thúc phải từ năm bắt đầu trở về sau.")
        return cleaned


class NewPlanForm(PlanForm):
    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=Organisation.objects.none())

    class Meta(PlanForm.Meta):
        fields = ["issuer", "summary", "year", "end_year", "movements", "task_layout"]

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers


class SectionForm(TextGuard, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "body", "item_style", "closing_text"]
        widgets = {"body": textarea(4), "closing_text": textarea(2)}
        labels = {"body": "Văn bản của phần (in trước các mục)"}


class NewSectionForm(TextGuard, forms.Form):
    kind = forms.ChoiceField(label="Thêm phần", choices=Section.Kind.choices)


class RowForm(TextGuard, forms.Form):
    """A row of an inline list: its id (empty for a new row); the formset adds its position."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)


def split_units(text):
    return [part.strip() for part in (text or "").split(";") if part.strip()]


class TaskRowForm(RowForm):
    is_subtask = forms.BooleanField(label="Mục con", required=False)
    content = forms.CharField(label="Nội dung", max_length=TEXT_MAX, widget=textarea(3))
    leads = forms.CharField(label="Đơn vị chủ trì", max_length=2000, required=False)
    supports = forms.CharField(label="Đơn vị phối hợp", max_length=2000, required=False)
    timeframe = forms.CharField(label="Thời gian thực hiện", max_length=200, required=False)
    deliverable = forms.CharField(label="Sản phẩm", max_length=300, required=False)

    def __init__(self, *args, year, end_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year, self.end_year = year, end_year
        for name in ("leads", "supports"):
            self.fields[name].help_text = UNITS_HELP
            self.fields[name].widget.attrs.update(unit_widget_attrs())
        hint_url = reverse_lazy("plans:timeframe_hint")
        self.fields["timeframe"].widget.attrs.update(
            {
                "hx-get": f"{hint_url}?year={year}&end_year={end_year or ''}",
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "next .timeframe-hint",
                "autocomplete": "off",
            }
        )
        self.fields["timeframe"].help_text = (
            "Ví dụ: Tháng 2,3 · Quý I · Cả năm · Hằng năm · Từ 17/10 đến 18/11 hằng năm · "
            "Trước ngày 10/6 · tháng 11/2020 · 05/02/2024."
        )

    def clean_timeframe(self):
        text = self.cleaned_data["timeframe"]
        try:
            self.timeframe = parse_timeframe(text, year=self.year, end_year=self.end_year)
        except TimeframeError as error:
            raise forms.ValidationError(str(error)) from error
        return text


class TargetRowForm(RowForm):
    label = forms.CharField(label="Chỉ tiêu", max_length=300)
    indicator = forms.ModelChoiceField(
        label="Chỉ số", queryset=Indicator.objects.all(), required=False
    )
    comparator = forms.ChoiceField(label="So sánh", choices=Target.Comparator.choices)
    value = forms.DecimalField(
        label="Giá trị", required=False, max_digits=12, decimal_places=2, localize=True
    )
    unit = forms.CharField(label="Đơn vị", max_length=40, required=False)
    denominator = forms.DecimalField(
        label="Trên tổng số",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        localize=True,
    )
    text = forms.CharField(
        label="Câu in ra",
        max_length=2000,
        required=False,
        widget=textarea(2),
        help_text="Để trống để in theo chỉ tiêu.",
    )

    def clean(self):
        cleaned = super().clean()
        value, unit, denominator = (cleaned.get(k) for k in ("value", "unit", "denominator"))
        if value is not None and value < 0:
            self.add_error("value", "Giá trị không được âm.")
        if value is not None and unit == "%" and value > 100:
            self.add_error("value", "Tỷ lệ không được vượt quá 100%.")
        if value is not None and denominator is not None and value > denominator:
            self.add_error("value", "Giá trị không được lớn hơn tổng số.")
        return cleaned


class DutyRowForm(RowForm):
    unit = forms.CharField(label="Đơn vị", max_length=500, help_text=UNITS_HELP)
    is_request = forms.BooleanField(label="“Đề nghị”", required=False)
    body = forms.CharField(
        label="Nhiệm vụ", max_length=TEXT_MAX, required=False, widget=textarea(3)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.attrs.update(unit_widget_attrs())


class RecipientRowForm(RowForm):
    kind = forms.ChoiceField(label="Loại", choices=Recipient.Kind.choices)
    unit = forms.CharField(label="Nơi nhận", max_length=300)
    note = forms.CharField(label="Ghi chú", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.attrs.update(unit_widget_attrs())


class RowFormSet(forms.BaseFormSet):
    # Rows are reordered with the ↑/↓ buttons; the position field stays out of sight.
    ordering_widget = forms.HiddenInput


def row_formset(form, **kwargs):
    return formset_factory(
        form, formset=RowFormSet, extra=0, can_delete=True, can_order=True, **kwargs
    )


TaskFormSet = row_formset(TaskRowForm)
TargetFormSet = row_formset(TargetRowForm)
DutyFormSet = row_formset(DutyRowForm)
RecipientFormSet = row_formset(RecipientRowForm)


class CopyPlanForm(TextGuard, forms.Form):
    year = forms.IntegerField(label="Sang năm", min_value=YEAR_MIN, max_value=YEAR_MAX)


class ImplementPlanForm(TextGuard, forms.Form):
    issuer = forms.ModelChoiceField(
        label="Đơn vị lập kế hoạch triển khai",
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers


class TransitionForm(TextGuard, forms.Form):
    comment = forms.CharField(label="Ý kiến", required=False, max_length=4000, widget=textarea(2))


class IssueForm(TextGuard, forms.Form):
    number = forms.IntegerField(
        label="Số",
        min_value=1,
        max_value=NUMBER_MAX,
        error_messages={"min_value": NUMBER_RANGE, "max_value": NUMBER_RANGE},
        help_text="Số kế tiếp còn trống trong sổ của đơn vị; có thể nhập số lấy từ sổ văn thư.",
    )
    issued_on = forms.DateField(
        label="Ngày ban hành",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_issue_date],
    )
