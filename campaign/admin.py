from django.contrib import admin

from .models import Indicator, Movement


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "started_year", "ended_year"]
    search_fields = ["name", "short_name"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "unit", "movement"]
    list_filter = ["kind", "movement"]
    search_fields = ["name", "code"]
