from django import forms

from .models import CommitteeMember, Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "symbol",
            "parent_body_line",
            "place",
            "code",
            "active_from",
            "active_to",
        ]
        widgets = {
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("active_from"), cleaned.get("active_to")
        if start and end and end <= start:
            self.add_error("active_to", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        return cleaned


class ImportForm(forms.Form):
    WHAT = [("organisations", "Đơn vị, thôn, tổ dân phố"), ("users", "Tài khoản người dùng")]

    what = forms.ChoiceField(label="Nhập", choices=WHAT, widget=forms.RadioSelect)
    file = forms.FileField(label="Tệp CSV hoặc XLSX")


class SeatForm(forms.Form):
    position = forms.ChoiceField(label="Chức danh", choices=CommitteeMember.Position.choices)
    full_name = forms.CharField(label="Họ và tên", max_length=120, required=False)
    person_position = forms.CharField(
        label="Chức vụ", max_length=160, required=False, help_text="Ví dụ: Chủ tịch UBND xã."
    )
    member_body = forms.ModelChoiceField(
        label="Cơ quan thành viên", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        # Member bodies are the other bodies of the committee's own unit.
        parent = Organisation.objects.get_parent(committee)
        bodies = (
            Organisation.objects.get_children(parent) if parent else Organisation.objects.none()
        )
        self.fields["member_body"].queryset = bodies.exclude(pk=committee.pk).exclude(
            kind__in=Organisation.AREA_KINDS
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("full_name") and not cleaned.get("member_body"):
            self.add_error("full_name", "Cần nhập họ tên hoặc chọn cơ quan thành viên.")
        return cleaned
