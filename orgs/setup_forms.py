"""Forms of the unit changes (add, rename, move, close) and of the guided set-up of a commune
or member body. Every text field refuses control characters (campaign.validators.TextGuard)."""

from django import forms

from campaign.validators import TextGuard, validate_date

from .models import CommitteeMember, Level, Membership, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BODY_KINDS = [kind for kind in Organisation.Kind if kind not in Organisation.AREA_KINDS]


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, widget=DATE, required=required, help_text=help_text,
                           validators=[validate_date])  # fmt: skip


def _one_line(text):
    return " ".join(text.split())


class UnitForm(TextGuard, forms.ModelForm):
    """A new unit under parent: a level no higher than the parent's."""

    active_from = _date_field("Hoạt động từ ngày", required=False)

    class Meta:
        model = Organisation
        fields = ["kind", "level", "name", "short_name", "symbol", "place", "code", "active_from"]

    def __init__(self, *args, parent, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        levels = Level.objects.filter(active_to__isnull=True)
        if parent is not None:
            levels = levels.filter(rank__gte=parent.level.rank)
        self.fields["level"].queryset = levels
        self.fields["level"].empty_label = None
        if kinds is not None:
            self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]

    def clean_name(self):
        return _one_line(self.cleaned_data["name"])

    def validate_unique(self):
        pass  # the service checks the official code and the name among the siblings

    def unit_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CommuneForm(UnitForm):
    """Step 1 of the set-up: the commune (or a member body) itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Organisation.Kind.AREA
        xa = self.fields["level"].queryset.filter(code="xa").first()
        if xa is not None:
            self.fields["level"].initial = xa.pk


class RenameForm(TextGuard, forms.Form):
    name = forms.CharField(label="Tên mới", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt mới", max_length=120, required=False)
    on = _date_field("Áp dụng từ ngày")

    def clean_name(self):
        return _one_line(self.cleaned_data["name"])


class MoveForm(forms.Form):
    target = forms.ModelChoiceField(
        label="Chuyển vào đơn vị", queryset=Organisation.objects.none(),
        help_text="Chỉ các đơn vị bạn quản lý; không thể chuyển vào chính đơn vị này hay đơn vị "
        "trực thuộc của nó.",
        error_messages={"invalid_choice": "Đơn vị này không có trong danh sách được chọn."},
    )  # fmt: skip
    on = _date_field("Áp dụng từ ngày")

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class CloseForm(forms.Form):
    on = _date_field("Ngừng hoạt động từ ngày")
    confirm = forms.BooleanField(
        label="Tôi hiểu: đơn vị và các đơn vị trực thuộc sẽ ngừng hoạt động; kế hoạch, báo cáo "
        "và nhật ký vẫn được giữ."
    )


class CommitteeForm(TextGuard, forms.Form):
    name = forms.CharField(label="Tên Ban Chỉ đạo", max_length=255)
    symbol = forms.CharField(label="Chữ viết tắt trong ký hiệu văn bản", max_length=30,
                             initial="BCĐ")  # fmt: skip

    def clean_name(self):
        return _one_line(self.cleaned_data["name"])


class SetupSeatForm(TextGuard, forms.Form):
    position = forms.ChoiceField(label="Chức danh", choices=CommitteeMember.Position.choices)
    full_name = forms.CharField(label="Họ và tên", max_length=120, required=False)
    person_position = forms.CharField(label="Chức vụ", max_length=160, required=False)
    member_body = forms.ModelChoiceField(
        label="Cơ quan thành viên", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_body"].queryset = bodies

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("full_name") and not cleaned.get("member_body"):
            self.add_error("full_name", "Cần nhập họ tên hoặc chọn cơ quan thành viên.")
        return cleaned


class BodiesForm(TextGuard, forms.Form):
    """Member bodies of an area, one field per usual kind, filled with the usual name."""

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        suffix = area.name
        for kind, default in (
            (Organisation.Kind.GOVERNMENT, f"Ủy ban nhân dân {suffix}"),
            (Organisation.Kind.FRONT, f"Ủy ban Mặt trận Tổ quốc Việt Nam {suffix}"),
            (Organisation.Kind.YOUTH, f"Đoàn Thanh niên {suffix}"),
            (Organisation.Kind.WOMEN, f"Hội Liên hiệp Phụ nữ {suffix}"),
            (Organisation.Kind.UNION, f"Công đoàn {suffix}"),
        ):
            self.fields[kind.value] = forms.CharField(
                label=kind.label, max_length=255, required=False, initial=default,
                help_text="Để trống nếu không thêm.",
            )  # fmt: skip

    def bodies(self):
        """(kind, name) of the bodies typed."""
        return [
            (Organisation.Kind(key), _one_line(value))
            for key, value in self.cleaned_data.items()
            if _one_line(value)
        ]


MAX_VILLAGES = 500


class VillagesForm(TextGuard, forms.Form):
    names = forms.CharField(
        label="Tên các thôn, tổ dân phố", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng một tên, ví dụ “Thôn Đông”. Dán được từ Excel hoặc Word.",
    )  # fmt: skip

    def clean_names(self):
        names = [_one_line(line) for line in self.cleaned_data["names"].splitlines()]
        names = [name for name in names if name]
        if not names:
            raise forms.ValidationError("Hãy nhập ít nhất một tên.")
        if len(names) > MAX_VILLAGES:
            raise forms.ValidationError(
                f"Mỗi lần thêm tối đa {MAX_VILLAGES} thôn, tổ dân phố ({len(names)} dòng)."
            )
        too_long = [name for name in names if len(name) > 255]
        if too_long:
            raise forms.ValidationError(
                f"Có {len(too_long)} tên dài quá 255 ký tự; mỗi dòng là tên một thôn."
            )
        return names


class AccountRowForm(TextGuard, forms.Form):
    """One row of the accounts table; a row left empty is skipped."""

    username = forms.CharField(label="Tên đăng nhập", max_length=150, required=False)
    full_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    organisation = forms.ModelChoiceField(
        label="Đơn vị", queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(label="Vai trò", choices=Membership.Role.choices, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units
        self.fields["role"].choices = [("", "—"), *Membership.Role.choices]
        for name, field in self.fields.items():
            css = "form-select" if name in ("organisation", "role") else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else css
            if self.is_bound and name in self.errors:
                field.widget.attrs["class"] += " is-invalid"

    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("username", "full_name", "email"))

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        for name, message in (
            ("username", "Cần tên đăng nhập."),
            ("full_name", "Cần họ và tên."),
            ("organisation", "Cần chọn đơn vị."),
            ("role", "Cần chọn vai trò."),
        ):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned


ACCOUNT_ROWS = 8
AccountFormSet = forms.formset_factory(
    AccountRowForm, extra=ACCOUNT_ROWS, max_num=50, absolute_max=50, validate_max=True
)
