from django import forms
from django.contrib.auth import get_user_model

from campaign.validators import TextGuard

from .models import CommitteeMember, Organisation


class OrganisationForm(TextGuard, forms.ModelForm):
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
            "duty_separation",
        ]
        widgets = {
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, lead=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not lead:  # an editor must not lift the check on her own work
            del self.fields["duty_separation"]

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


class SeatForm(TextGuard, forms.Form):
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


class RoleGrantForm(TextGuard, forms.Form):
    """Give an existing account a role in one unit; the roles offered are those the granting
    user may grant there (orgs.access.grantable_roles)."""

    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    role = forms.ChoiceField(label="Vai trò")

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(
                f"Không có tài khoản “{username}”. Tạo tài khoản bằng chức năng nhập từ tệp."
            )
        return user
