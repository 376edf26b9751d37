import json
import re
from datetime import date

from django import forms
from django.db.models import Q
from django.forms import formset_factory
from django.urls import reverse_lazy
from django.utils.functional import cached_property

from campaign.models import Indicator, Movement
from campaign.validators import YEAR_MAX, YEAR_MIN, TextGuard, validate_issue_date
from documents.structure import lines
from orgs.models import Organisation, Person

from .kinds import ATTACHABLE, default_symbol, spec
from .models import (
    NUMBER_MAX,
    NUMBER_RANGE,
    TEXT_MAX,
    Plan,
    Recipient,
    ReportingRule,
    Section,
    Signature,
    Target,
)
from .paste import PasteError, parse_task_table
from .printing import target_text
from .timeframes import TimeframeError, parse_timeframe
from .units import UnitDirectory, split_units

UNITS_HELP = "Nhiều đơn vị cách nhau bằng dấu chấm phẩy (;). Gõ để tìm trong cây đơn vị."
UNIT_HELP = "Gõ để tìm trong cây đơn vị, hoặc gõ tên đơn vị ngoài cây."


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


class UnitFields:
    """Form mixin: the unit fields named in unit_fields ({name: "many" or "one"}) become pickers
    of the tree (static/js/unit-picker.js) fed by plans:unit_search. Without JavaScript they
    stay text fields of names separated by ";". A posted "#<id>" names an organisation: it is
    accepted only if it is in the page's UnitDirectory (visible to the user)."""

    unit_fields = {}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Without a directory of the page, no posted id is known: each is refused.
        self.units = units if units is not None else UnitDirectory(None)
        for name, mode in self.unit_fields.items():
            field = self.fields[name]
            field.help_text = UNITS_HELP if mode == "many" else UNIT_HELP
            if self.is_bound:
                items = self.units.items(self.data.get(self.add_prefix(name), ""))
            else:
                items = self.initial.get(f"{name}_items")
                if items is None:
                    items = self.units.items(self.initial.get(name, ""))
            field.widget.attrs.update(
                {
                    "autocomplete": "off",
                    "data-unit-picker": mode,
                    "data-search-url": reverse_lazy("plans:unit_search"),
                    "data-items": json.dumps(items, ensure_ascii=False),
                }
            )

    def _clean_units(self, name):
        text = self.cleaned_data[name]
        unknown = self.units.unknown_ids(text)
        if unknown:
            shown = ", ".join(unknown[:3]) + (", …" if len(unknown) > 3 else "")
            raise forms.ValidationError(
                f"Không tìm thấy đơn vị đã chọn ({shown}) trong các đơn vị bạn được xem; "
                "hãy chọn lại hoặc gõ tên đơn vị."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        for name in self.unit_fields:
            if name in cleaned:
                try:
                    cleaned[name] = self._clean_units(name)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


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
            "kind",
            "header_style",
            "summary",
            "year",
            "end_year",
            "symbol",
            "place",
            "planned_month",
            "date_by_hand",
            "addressees",
            "movements",
            "task_layout",
            "numbering",
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
            "addressees": textarea(2),
            "movements": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "numbering" in self.fields:  # a form posted without it keeps the plan's
            self.fields["numbering"].required = False
            self.fields["numbering"].help_text = (
                "I, 1, a: các phần I., II.; A, I, 1: các phần A., B., trong mỗi phần gõ các mục "
                "“I. …” ở nội dung; PHẦN I: dòng “Phần I” căn giữa, tên phần in hoa ở dòng dưới; "
                "1, 1.1: các phần 1., 2., các mục 1.1., 1.2. Phần không có tiêu đề không được "
                "đánh số."
            )
        for name in ("kind", "header_style"):  # missing from the post: kept (clean_kind)
            self.fields[name].required = False
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

    def clean_numbering(self):
        return self.cleaned_data["numbering"] or self.instance.numbering

    def clean_kind(self):
        # A form posted without the field (a page loaded before it existed) keeps the kind.
        return self.cleaned_data.get("kind") or self.instance.kind or Plan.Kind.PLAN

    def clean_header_style(self):
        style = self.cleaned_data.get("header_style")
        return style or self.instance.header_style or Plan.HeaderStyle.STATE

    def clean(self):
        cleaned = super().clean()
        kind, plan = cleaned.get("kind"), self.instance
        if kind and plan.attached_to_id and kind not in ATTACHABLE:
            self.add_error(
                "kind", "Văn bản kèm theo quyết định chỉ có thể là kế hoạch, đề án hoặc quy chế."
            )
        if kind and kind != Plan.Kind.DECISION and plan.pk and plan.attachments.exists():
            self.add_error(
                "kind", "Quyết định này có văn bản kèm theo nên phải giữ loại quyết định."
            )
        if kind and plan.pk and kind != plan.kind and cleaned.get("symbol") == plan.symbol:
            # The ký hiệu carries the kind's code (KH-BCĐ → HD-BCĐ) unless retyped with it.
            code = spec(plan.kind).code
            if not code:
                cleaned["symbol"] = default_symbol(kind, plan.symbol)
            elif plan.symbol.startswith(f"{code}-"):
                cleaned["symbol"] = default_symbol(kind, plan.symbol.removeprefix(f"{code}-"))
        year, end_year = cleaned.get("year"), cleaned.get("end_year")
        if year and end_year and end_year < year:
            self.add_error("end_year", "Năm kết thúc phải từ năm bắt đầu trở về sau.")
        return cleaned


class AttachForm(forms.Form):
    """The kind of the document "Thêm văn bản kèm theo" adds to a quyết định."""

    kind = forms.ChoiceField(
        label="Loại văn bản kèm theo",
        choices=[(kind, Plan.Kind(kind).label) for kind in ATTACHABLE],
    )


class NewPlanForm(PlanForm):
    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=Organisation.objects.none())

    class Meta(PlanForm.Meta):
        fields = [
            "issuer",
            "kind",
            "header_style",
            "summary",
            "year",
            "end_year",
            "movements",
            "task_layout",
        ]

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers


class SectionForm(TextGuard, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "body", "item_style", "closing_text"]
        widgets = {"body": textarea(4), "closing_text": textarea(2)}
        labels = {"body": "Văn bản của phần (in trước các mục)"}


# The parts a plan usually has, proposed when missing; articles (of a decision) and free
# sections are added at will, never "missing".
USUAL_SECTIONS = (
    Section.Kind.PURPOSES,
    Section.Kind.TARGETS,
    Section.Kind.TASKS,
    Section.Kind.FUNDING,
    Section.Kind.IMPLEMENTATION,
    Section.Kind.REPORTING,
)


def usual_sections(kind):
    """The parts proposed to a document of kind: a Kế hoạch's usual ones; another kind's, the
    parts it starts with (plans/kinds.py): a quyết định's or quy chế's articles, always."""
    if kind == Plan.Kind.PLAN:
        return USUAL_SECTIONS
    return tuple(dict.fromkeys(part for part, _title in spec(kind).parts))


class NewSectionForm(TextGuard, forms.Form):
    """The kind of section to add: first the usual kinds the plan lacks, marked "(chưa có)",
    and the next article of a document made of articles."""

    kind = forms.ChoiceField(label="Thêm phần", choices=Section.Kind.choices)

    def __init__(self, *args, present=(), usual=USUAL_SECTIONS, **kwargs):
        # Beside the plan's form, whose "kind" is the kind of document: ids must differ.
        kwargs.setdefault("auto_id", "id_section_%s")
        super().__init__(*args, **kwargs)
        present = set(present)
        self.missing = [
            (kind, label)
            for kind, label in Section.Kind.choices
            if kind in usual and (kind not in present or kind == Section.Kind.ARTICLE)
        ]
        self.fields["kind"].choices = [
            *(
                (kind, label if kind in present else f"{label} (chưa có)")
                for kind, label in self.missing
            ),
            *(choice for choice in Section.Kind.choices if choice not in self.missing),
        ]


class PasteTasksForm(forms.Form):
    """A task table pasted from Word or Excel. Not TextGuard: Word's line breaks (U+000B) and
    other control characters are expected here; plans.paste removes them from every cell."""

    # The box itself is written out in templates/plans/_paste_tasks.html.
    text = forms.CharField(
        label="Dán bảng nhiệm vụ",
        strip=False,
        error_messages={"required": "Hãy dán bảng nhiệm vụ vào ô trước khi bấm nút."},
    )
    start = forms.IntegerField(min_value=0, max_value=100_000, widget=forms.HiddenInput)

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            self.rows = parse_task_table(text)
        except PasteError as error:
            raise forms.ValidationError(str(error)) from error
        if not self.rows:
            raise forms.ValidationError("Không đọc được dòng nhiệm vụ nào từ nội dung đã dán.")
        return text


class RowForm(TextGuard, forms.Form):
    """A row of an inline list: its id (empty for a new row); the formset adds its position."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TaskRowForm(UnitFields, RowForm):
    unit_fields = {"leads": "many", "supports": "many"}
    is_subtask = forms.BooleanField(label="Mục con", required=False)
    content = forms.CharField(label="Nội dung", max_length=TEXT_MAX, widget=textarea(3))
    leads = forms.CharField(label="Đơn vị chủ trì", max_length=2000, required=False)
    supports = forms.CharField(label="Đơn vị phối hợp", max_length=2000, required=False)
    timeframe = forms.CharField(label="Thời gian thực hiện", max_length=200, required=False)
    deliverable = forms.CharField(label="Sản phẩm", max_length=300, required=False)

    def __init__(self, *args, year, end_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year, self.end_year = year, end_year
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


def generated_target_text(row):
    """The sentence plans.printing composes for a target row (dict of Target fields)."""
    fields = {name: row.get(name) for name in ("label", "comparator", "value", "value_to",
                                                "unit", "denominator")}  # fmt: skip
    fields["unit"] = fields["unit"] or ""
    fields["comparator"] = fields["comparator"] or Target.Comparator.AT_LEAST
    fields["per_year"] = bool(row.get("per_year"))
    return target_text(Target(**fields))


class TargetRowForm(RowForm):
    label = forms.CharField(label="Chỉ tiêu", max_length=300)
    indicator = forms.ModelChoiceField(
        label="Chỉ số", queryset=Indicator.objects.all(), required=False
    )
    comparator = forms.ChoiceField(label="So sánh", choices=Target.Comparator.choices)
    value = forms.DecimalField(
        label="Giá trị", required=False, max_digits=12, decimal_places=2, localize=True
    )
    value_to = forms.DecimalField(
        label="Đến",
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text="Cận trên: “từ 1 đến 1,5%”, “giảm 1–1,5%/năm”.",
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
    per_year = forms.BooleanField(
        label="Mỗi năm (/năm)",
        required=False,
        help_text="Tỷ lệ tăng, giảm hằng năm: “tăng trên 3%/năm”.",
    )
    text = forms.CharField(
        label="Câu in ra",
        max_length=2000,
        required=False,
        widget=textarea(2),
        help_text="Để trống để in theo chỉ tiêu.",
    )

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is not None:  # read once for all the rows (TargetRows)
            self.fields["indicator"].choices = indicators
        if not self.is_bound and self.initial.get("label"):
            # The sentence printed when "Câu in ra" is left blank.
            self.fields["text"].widget.attrs["placeholder"] = generated_target_text(self.initial)

    # Comparators that take an upper bound: a range, or a change within a range ("giảm 1–1,5%").
    WITH_UPPER = (
        Target.Comparator.RANGE,
        Target.Comparator.INCREASE_BY,
        Target.Comparator.DECREASE_BY,
    )

    def clean(self):
        cleaned = super().clean()
        value, unit, denominator = (cleaned.get(k) for k in ("value", "unit", "denominator"))
        comparator, value_to = cleaned.get("comparator"), cleaned.get("value_to")
        for name, figure in (("value", value), ("value_to", value_to)):
            if figure is None:
                continue
            if figure < 0:
                self.add_error(name, "Giá trị không được âm.")
            elif unit == "%" and figure > 100:
                self.add_error(name, "Tỷ lệ không được vượt quá 100%.")
            elif denominator is not None and figure > denominator:
                self.add_error(name, "Giá trị không được lớn hơn tổng số.")
        if comparator == Target.Comparator.RANGE:
            if value is None and "value" not in self.errors:
                self.add_error("value", "Khoảng “từ … đến …” cần giá trị đầu.")
            if value_to is None and "value_to" not in self.errors:
                self.add_error("value_to", "Khoảng “từ … đến …” cần giá trị cuối (ô “Đến”).")
        elif value_to is not None and comparator and comparator not in self.WITH_UPPER:
            self.add_error(
                "value_to",
                "Chỉ điền ô “Đến” khi so sánh là “từ … đến …”, “tăng thêm” hoặc “giảm”.",
            )
        if value_to is not None and value is None and "value" not in self.errors:
            self.add_error("value", "Điền giá trị đầu trước giá trị “Đến”.")
        ordered = value is None or value_to is None or value_to >= value
        if not ordered and "value_to" not in self.errors:
            self.add_error("value_to", "Giá trị “Đến” phải từ giá trị đầu trở lên.")
        if cleaned.get("per_year") and comparator == Target.Comparator.MAINTAIN:
            self.add_error("per_year", "Chỉ tiêu “duy trì” không tính theo năm.")
        return cleaned


class DutyRowForm(UnitFields, RowForm):
    unit_fields = {"unit": "one"}
    unit = forms.CharField(label="Đơn vị", max_length=500)
    is_request = forms.BooleanField(label="“Đề nghị”", required=False)
    body = forms.CharField(
        label="Nhiệm vụ", max_length=TEXT_MAX, required=False, widget=textarea(3)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A duty's heading prints the unit's full name (Responsibility.heading): so does its picker.
        self.fields["unit"].widget.attrs["data-prints"] = "name"


class RecipientRowForm(UnitFields, RowForm):
    unit_fields = {"unit": "one"}
    kind = forms.ChoiceField(label="Loại", choices=Recipient.Kind.choices)
    unit = forms.CharField(label="Nơi nhận", max_length=300)
    note = forms.CharField(label="Ghi chú", max_length=60, required=False)


class RowFormSet(forms.BaseFormSet):
    # Rows are reordered with the ↑/↓ buttons; the position field stays out of sight.
    ordering_widget = forms.HiddenInput


class TargetRows(RowFormSet):
    """The indicators' list read once for all the rows, not once a row: a targets section
    costs the same queries with 3 or 30 targets (tests/plans/test_editor_queries.py)."""

    @cached_property
    def indicators(self):
        return list(TargetRowForm.base_fields["indicator"].choices)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "indicators": self.indicators}


def row_formset(form, formset=RowFormSet, **kwargs):
    return formset_factory(
        form, formset=formset, extra=0, can_delete=True, can_order=True, **kwargs
    )


TaskFormSet = row_formset(TaskRowForm)
TargetFormSet = row_formset(TargetRowForm, TargetRows)
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


# --- the reporting regime (Chế độ báo cáo) ---------------------------------------------------


DAY_RANGE_TEXT = "Ngày phải từ 1 đến 31."
MONTH_RANGE_TEXT = "Tháng phải từ 1 đến 12."


class RuleRowForm(RowForm):
    """One reporting rule: who reports, for which period, by which date, to whom, on what."""

    period = forms.ChoiceField(label="Kỳ báo cáo", choices=ReportingRule.Period.choices)
    due_day = forms.IntegerField(
        label="Hạn: ngày",
        required=False,
        min_value=1,
        max_value=31,
        error_messages={"min_value": DAY_RANGE_TEXT, "max_value": DAY_RANGE_TEXT},
        help_text="Để trống: “theo quy định”.",
    )
    due_month = forms.IntegerField(
        label="Hạn: tháng",
        required=False,
        min_value=1,
        max_value=12,
        error_messages={"min_value": MONTH_RANGE_TEXT, "max_value": MONTH_RANGE_TEXT},
        help_text="Cho báo cáo 6 tháng, 9 tháng, năm, tổng kết, một lần.",
    )
    reporters = forms.ChoiceField(label="Đơn vị báo cáo", choices=ReportingRule.Reporters.choices)
    unit_kind = forms.ChoiceField(
        label="Chỉ loại đơn vị",
        choices=[("", "Mọi loại đơn vị")] + Organisation.Kind.choices,
        required=False,
    )
    named_units = forms.CharField(
        label="Các đơn vị được chỉ định",
        max_length=2000,
        required=False,
        help_text="Khi đơn vị báo cáo là “các đơn vị được chỉ định”. " + UNITS_HELP,
    )
    report_to = forms.CharField(
        label="Gửi về",
        max_length=200,
        required=False,
        help_text="Để trống: cơ quan ban hành. Có thể ghi “LĐLĐ tỉnh (qua Ban Chính sách)”.",
    )
    targets = forms.TypedMultipleChoiceField(
        label="Chỉ tiêu báo cáo",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Không chọn: báo cáo mọi chỉ tiêu của kế hoạch.",
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = list(targets)
        for name in ("named_units", "report_to"):
            self.fields[name].widget.attrs.update(unit_widget_attrs())

    def clean(self):
        cleaned = super().clean()
        period, day, month = (cleaned.get(k) for k in ("period", "due_day", "due_month"))
        if period == ReportingRule.Period.ONCE and not (day and month):
            self.add_error("due_day", "Báo cáo một lần cần ngày và tháng của hạn nộp.")
        elif day and month:
            try:
                date(2024, month, day)  # a leap year: 29/02 is a due date some years have
            except ValueError:
                self.add_error("due_day", f"Tháng {month} không có ngày {day}.")
        named = split_units(cleaned.get("named_units"))
        if cleaned.get("reporters") == ReportingRule.Reporters.NAMED and not named:
            self.add_error("named_units", "Hãy ghi ít nhất một đơn vị báo cáo.")
        return cleaned


RuleFormSet = row_formset(RuleRowForm)


# --- further signature blocks (issue 13: joint documents, second signer, endorsement) ------

AUTHORITY_PREFIXES = ["TM.", "KT.", "TL.", "TUQ.", "Q."]  # LAYOUT.md §3 ô 7a
AUTHORITY_PREFIX_CHOICES = [("", "—")] + [(p, p) for p in AUTHORITY_PREFIXES]


class SignatureRowForm(UnitFields, RowForm):
    """A co-issuer, a second signer or an endorsement: printed beside the issuer's block."""

    unit_fields = {"organisation": "one"}
    role = forms.ChoiceField(label="Loại", choices=Signature.Role.choices)
    organisation = forms.CharField(label="Cơ quan", max_length=300, required=False)
    symbol = forms.CharField(
        label="Ký hiệu cơ quan", max_length=40, required=False,
        help_text="Ghép vào số ký hiệu văn bản (ví dụ MTTQ).",
    )  # fmt: skip
    heading = forms.CharField(
        label="Tiêu đề", max_length=200, required=False,
        help_text="Với khối xác nhận, ví dụ: XÁC NHẬN CỦA UBND XÃ.",
    )  # fmt: skip
    prefix = forms.ChoiceField(
        label="Thẩm quyền", choices=AUTHORITY_PREFIX_CHOICES, required=False,
        help_text="Đặt trước dòng đầu của thẩm quyền ký.",
    )  # fmt: skip
    authority_lines = forms.CharField(
        label="Dòng thẩm quyền", max_length=200, required=False, widget=textarea(2)
    )
    signer_position = forms.CharField(label="Chức vụ", max_length=120, required=False)
    signer_name = forms.CharField(label="Họ tên", max_length=120, required=False)

    def clean_symbol(self):
        symbol = self.cleaned_data["symbol"].strip()
        if symbol and not re.fullmatch(r"[\wĐđ]+", symbol):
            raise forms.ValidationError("Ký hiệu cơ quan chỉ gồm chữ và số, không có dấu cách.")
        return symbol

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Signature.Role.CO_ISSUER and not cleaned.get("organisation"):
            self.add_error("organisation", "Hãy chọn cơ quan cùng ban hành.")
        prefix, found = cleaned.get("prefix"), lines(cleaned.get("authority_lines", ""))
        if prefix:  # the chosen prefix replaces the one typed on the first line, if any
            first = re.sub(r"^(TM|KT|TL|TUQ|Q)\.\s*", "", found[0] if found else "")
            cleaned["authority_lines"] = "\n".join([f"{prefix} {first}".strip(), *found[1:]])
            if len(cleaned["authority_lines"]) > 200:
                self.add_error("authority_lines", "Thẩm quyền ký tối đa 200 ký tự.")
        return cleaned


SignatureFormSet = row_formset(SignatureRowForm)
