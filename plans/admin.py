"""The admin of plans and their parts: a window on the data, never a way around the workflow.

Status, number, date and the kept header change only through plans.workflow, so they are
read-only here for every plan. A published plan (issued, superseded, revoked) is immutable:
its change page and those of its parts are read-only, and no row may be added to it, moved
into it, changed or deleted.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from campaign.admin import GuardedAdmin

from .models import (
    Plan,
    Recipient,
    Reference,
    ReportingRule,
    Responsibility,
    Section,
    Signature,
    Target,
    Task,
    TaskUnit,
)
from .services import sync_references

# Columns only the workflow services write (issue_plan, revoke_plan, supersede_plan, editing).
WORKFLOW_FIELDS = [
    "status",
    "number",
    "issued_on",
    "issued_header",
    "version",
    "supersedes",
    "revoked_reason",
]
PUBLISHED_MESSAGE = "Kế hoạch đã ban hành không thể sửa; hãy lập bản sửa đổi thay thế."


def plan_of(obj, path):
    """The plan obj belongs to, following path ("section__plan", "" for a plan itself);
    None where a link is empty."""
    for name in filter(None, path.split("__")):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def is_published(plan):
    return plan is not None and plan.status in Plan.PUBLISHED


class PublishedLockedInline:
    """An inline of a published plan (or of a part of one) is read-only: no add, change or
    delete of rows. parent_plan_path leads from the page's object to its plan."""

    parent_plan_path = ""

    def _locked(self, obj):
        return obj is not None and is_published(plan_of(obj, self.parent_plan_path))

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class PartForm(forms.ModelForm):
    """Refuses a row whose links (plan_paths of its admin) lead into a published plan."""

    plan_paths = ()

    def clean(self):
        cleaned = super().clean()
        for path in self.plan_paths:
            first, _, rest = path.partition("__")
            target = cleaned.get(first)
            if is_published(plan_of(target, rest) if rest else target):
                raise ValidationError(PUBLISHED_MESSAGE)
        return cleaned


class PartAdmin(GuardedAdmin, admin.ModelAdmin):
    """A part of a plan: read-only, undeletable and out of reach of new rows once its plan
    is published. plan_paths lead from a row to its plan; the first is where it belongs."""

    plan_paths = ("plan",)

    def get_form(self, request, obj=None, **kwargs):
        form = type(f"{self.model.__name__}PartForm", (PartForm,), {"plan_paths": self.plan_paths})
        return super().get_form(request, obj, form=form, **kwargs)

    def _locked(self, obj):
        return obj is not None and any(is_published(plan_of(obj, path)) for path in self.plan_paths)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # delete_selected already asks has_delete_permission of each row; this is the last guard.
        published = {f"{self.plan_paths[0]}__status__in": Plan.PUBLISHED}
        if queryset.filter(**published).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        super().delete_queryset(request, queryset)


class SectionInline(GuardedAdmin, PublishedLockedInline, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "kind", "title", "item_style"]


class RecipientInline(GuardedAdmin, PublishedLockedInline, admin.TabularInline):
    model = Recipient
    extra = 0
    autocomplete_fields = ["organisation"]


class SignatureInline(GuardedAdmin, PublishedLockedInline, admin.TabularInline):
    model = Signature
    extra = 0
    autocomplete_fields = ["organisation", "signer"]


class ReferenceInline(GuardedAdmin, PublishedLockedInline, admin.TabularInline):
    """The references are the lines of Căn cứ (plans.services.sync_references): shown here,
    rebuilt whenever the bases are saved."""

    model = Reference
    extra = 0
    fk_name = "plan"
    autocomplete_fields = ["cited_plan"]


class ReportingRuleInline(GuardedAdmin, PublishedLockedInline, admin.TabularInline):
    model = ReportingRule
    extra = 0
    autocomplete_fields = ["report_to"]
    filter_horizontal = []
    exclude = ["named_units", "targets"]


@admin.register(Plan)
class PlanAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["summary", "issuer", "year", "number", "symbol", "status"]
    list_filter = ["status", "year", "movements"]
    search_fields = ["summary", "search_text", "issuer__name"]
    autocomplete_fields = ["issuer", "parent_plan", "signer"]
    list_select_related = ["issuer"]
    readonly_fields = WORKFLOW_FIELDS
    inlines = [
        SectionInline,
        RecipientInline,
        SignatureInline,
        ReferenceInline,
        ReportingRuleInline,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "bases" in form.changed_data:  # the references follow the bases (never drift)
            sync_references(form.instance)

    def has_change_permission(self, request, obj=None):
        # Only a draft is edited; an issued plan is corrected by a new version
        # (workflow.supersede_plan).
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if is_published(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        if queryset.filter(status__in=Plan.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        super().delete_queryset(request, queryset)


class TaskUnitInline(GuardedAdmin, PublishedLockedInline, admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ["organisation"]
    parent_plan_path = "section__plan"


@admin.register(Task)
class TaskAdmin(PartAdmin):
    list_display = ["__str__", "section", "timeframe_text", "starts_on", "ends_on", "is_yearly"]
    search_fields = ["content"]
    autocomplete_fields = ["section", "parent"]
    inlines = [TaskUnitInline]
    # A sub-task prints under its parent: it may not hang under a published plan's task.
    plan_paths = ("section__plan", "parent__section__plan")


@admin.register(Section)
class SectionAdmin(PartAdmin):
    list_display = ["__str__", "plan", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["title", "plan__summary", "plan__issuer__name"]
    autocomplete_fields = ["plan"]


@admin.register(Target)
class TargetAdmin(PartAdmin):
    list_display = ["label", "value", "unit", "indicator", "section"]
    autocomplete_fields = ["section", "indicator"]
    plan_paths = ("section__plan",)


@admin.register(Responsibility)
class ResponsibilityAdmin(PartAdmin):
    list_display = ["heading", "section"]
    autocomplete_fields = ["section", "organisation"]
    plan_paths = ("section__plan",)


@admin.register(ReportingRule)
class ReportingRuleAdmin(PartAdmin):
    list_display = ["__str__", "plan", "reporters"]
    autocomplete_fields = ["plan", "report_to", "named_units"]
    raw_id_fields = ["targets"]  # targets of every plan: typed by id, not listed


@admin.register(Recipient)
class RecipientAdmin(PartAdmin):
    list_display = ["label", "kind", "plan"]
    autocomplete_fields = ["plan", "organisation"]


@admin.register(Signature)
class SignatureAdmin(PartAdmin):
    list_display = ["__str__", "role", "plan", "order"]
    autocomplete_fields = ["plan", "organisation", "signer"]


@admin.register(Reference)
class ReferenceAdmin(PartAdmin):
    list_display = ["__str__", "kind", "number", "plan", "order"]
    search_fields = ["text", "number", "plan__summary"]
    autocomplete_fields = ["plan", "cited_plan"]
