from django import forms
from django.forms import formset_factory

from campaign.validators import TextGuard
from plans.forms import textarea
from plans.models import TEXT_MAX

from .models import Report, TaskProgress


class ReportForm(TextGuard, forms.ModelForm):
    class Meta:
        model = Report
        fields = [name for name, _label in Report.NARRATIVE] + ["signer_position", "signer_name"]
        widgets = {name: textarea(4) for name, _label in Report.NARRATIVE}


class ProgressRowForm(TextGuard, forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Tình hình", choices=TaskProgress.Status.choices)
    result = forms.CharField(
        label="Kết quả", required=False, max_length=TEXT_MAX, widget=textarea(2)
    )


class ActualRowForm(TextGuard, forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    numerator = forms.DecimalField(
        label="Đạt được (tử số)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    denominator = forms.DecimalField(
        label="Tổng số (mẫu số)", required=False, max_digits=14, decimal_places=2, localize=True
    )

    def clean_denominator(self):
        value = self.cleaned_data["denominator"]
        if value is not None and value <= 0:
            raise forms.ValidationError("Mẫu số phải lớn hơn 0.")
        return value


ProgressFormSet = formset_factory(ProgressRowForm, extra=0)
ActualFormSet = formset_factory(ActualRowForm, extra=0)
