from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import CommitteeMember, Level, Membership, Organisation, Person


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "rank", "active_to"]


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ["name", "kind", "level", "code", "active_to"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "code", "search_text"]
    list_select_related = ["level"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "organisation"]
    search_fields = ["full_name", "position", "organisation__name"]
    autocomplete_fields = ["organisation", "user"]
    list_select_related = ["organisation"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(admin.ModelAdmin):
    list_display = ["committee", "position", "person", "member_body", "order"]
    list_filter = ["position"]
    search_fields = ["committee__name", "person__full_name", "member_body__name"]
    autocomplete_fields = ["committee", "person", "member_body"]
    list_select_related = ["committee", "person", "member_body"]
