from django import forms

from .models import Organisation


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
