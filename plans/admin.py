from django.contrib import admin

from .models import Plan, Recipient, ReportingRule, Responsibility, Section, Target, Task, TaskUnit


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "kind", "title", "item_style"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    autocomplete_fields = ["organisation"]


class ReportingRuleInline(admin.TabularInline):
    model = ReportingRule
    extra = 0
    autocomplete_fields = ["report_to"]
    filter_horizontal = []
    exclude = ["named_units"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["summary", "issuer", "year", "number", "symbol", "status"]
    list_filter = ["status", "year", "movements"]
    search_fields = ["summary", "search_text", "issuer__name"]
    autocomplete_fields = ["issuer", "parent_plan", "signer"]
    list_select_related = ["issuer"]
    inlines = [SectionInline, RecipientInline, ReportingRuleInline]

    def has_change_permission(self, request, obj=None):
        # An issued plan is immutable: a correction is a new version (workflow.supersede_plan).
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "timeframe_text", "starts_on", "ends_on", "is_yearly"]
    search_fields = ["content"]
    raw_id_fields = ["section", "parent"]
    inlines = [TaskUnitInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "kind", "order"]
    list_filter = ["kind"]
    raw_id_fields = ["plan"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "unit", "indicator", "section"]
    raw_id_fields = ["section"]


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ["heading", "section"]
    raw_id_fields = ["section"]
    autocomplete_fields = ["organisation"]


@admin.register(ReportingRule)
class ReportingRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "reporters"]
    raw_id_fields = ["plan"]
    autocomplete_fields = ["report_to", "named_units"]


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "plan"]
    raw_id_fields = ["plan"]
    autocomplete_fields = ["organisation"]
