from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from .models import Indicator, Movement
from .validators import guard_form_field


class KeysOnlyAutocomplete:
    """An autocomplete that shows a value which is no key of its model as nothing chosen:
    Django's looks the posted text up as an id and fails (a 500) on `?issuer=abc`."""

    def optgroups(self, name, value, attr=None):
        model = self.field.remote_field.model
        target = model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or model._meta.pk.name
        )
        keys = []
        for item in value:
            try:
                target.run_validators(target.to_python(item))
            except (ValidationError, TypeError, ValueError):
                continue
            keys.append(item)
        return super().optgroups(name, keys, attr)


class KeysOnlyAutocompleteSelect(KeysOnlyAutocomplete, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(KeysOnlyAutocomplete, AutocompleteSelectMultiple):
    pass


class KeysOnlyMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a value that is no key before the query: SQLite cannot even bind
    99999999999999999999999 (OverflowError, a 500)."""

    def _check_values(self, value):
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        for item in value:
            try:
                key.run_validators(key.to_python(item))
            except (ValidationError, TypeError, ValueError):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                ) from None
        return super()._check_values(value)


class GuardedAdmin:
    """Mixin for ModelAdmin and inlines: text fields refuse control characters (and line
    breaks outside multi-line fields) with a message next to the field; autocomplete fields
    survive a value that is not a key (campaign/validators.py, docs/security.md)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return guard_form_field(super().formfield_for_dbfield(db_field, request, **kwargs))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = KeysOnlyAutocompleteSelect(db_field, self.admin_site, using=db)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KeysOnlyMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = KeysOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=db
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class IndicatorInline(GuardedAdmin, admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Movement)
class MovementAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["name", "short_name", "started_year", "ended_year"]
    search_fields = ["name", "short_name"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "unit", "movement"]
    list_filter = ["kind", "movement"]
    search_fields = ["name", "code"]
