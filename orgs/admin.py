from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from campaign.admin import GuardedAdmin, KeysOnlyAutocompleteSelect

from .models import AuditEntry, CommitteeMember, Level, Membership, Organisation, Person
from .passwords import password_set_by_someone_else


@admin.register(Level)
class LevelAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "rank", "active_to"]


def _parent_widget():
    # treebeard's move form lists every node in a <select>: unusable at 150,000 organisations.
    # The tree has no parent column, so the search borrows a foreign key to Organisation
    # without limits (Membership.organisation); it answers from OrganisationAdmin.search_fields.
    return KeysOnlyAutocompleteSelect(Membership._meta.get_field("organisation"), admin.site)


class OrganisationAdminForm(forms.ModelForm):
    parent = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        widget=_parent_widget(),
        label="Đơn vị cấp trên",
        help_text="Gõ tên hoặc mã để tìm; để trống để tạo đơn vị gốc (cấp tỉnh).",
        error_messages={"invalid_choice": "Không có đơn vị này; hãy tìm và chọn trong danh sách."},
    )

    class Meta:
        model = Organisation
        fields = [
            "parent", "kind", "level", "name", "short_name", "symbol", "parent_body_line",
            "place", "code", "active_from", "active_to", "duty_separation",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["parent"] = Organisation.objects.get_parent(self.instance)

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        node = self.instance
        if parent and node.pk and parent.path.startswith(node.path):
            raise forms.ValidationError(
                "Không thể chuyển đơn vị vào chính nó hoặc cấp dưới của nó."
            )
        return parent


@admin.register(Organisation)
class OrganisationAdmin(GuardedAdmin, admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "id", "kind", "level", "code", "active_to"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name", "code", "search_text"]
    list_select_related = ["level"]
    ordering = ["path"]

    def save_model(self, request, obj, form, change):
        parent = form.cleaned_data["parent"]
        manager = Organisation.objects
        if not change:
            if parent is None:
                manager.add_root(instance=obj)
            else:
                manager.add_child(parent, instance=obj)
            return
        obj.save()
        if parent != manager.get_parent(obj):
            if parent is None:
                manager.move(obj, manager.get_last_root_node(), "last-sibling")
            else:
                manager.move(obj, parent, "last-child")


@admin.register(Membership)
class MembershipAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Person)
class PersonAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "position", "organisation"]
    search_fields = ["full_name", "position", "organisation__name"]
    autocomplete_fields = ["organisation", "user"]
    list_select_related = ["organisation"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(GuardedAdmin, admin.ModelAdmin):
    list_display = ["committee", "position", "person", "member_body", "order"]
    list_filter = ["position"]
    search_fields = ["committee__name", "person__full_name", "member_body__name"]
    autocomplete_fields = ["committee", "person", "member_body"]
    list_select_related = ["committee", "person", "member_body"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The whole audit log for the administrators: read, searched, never changed."""

    list_display = ["at", "action", "actor_name", "user_name", "summary", "address"]
    list_filter = ["action"]
    search_fields = ["actor_name", "user_name", "summary", "address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class AccountAdmin(UserAdmin):
    """Django's user admin, except that a password an administrator sets for someone else is
    changed by its owner at her next login."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password() and obj.pk != request.user.pk:
            password_set_by_someone_else(obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if (
            request.method == "POST"
            and response.status_code == 302
            and str(id) != str(request.user.pk)
        ):
            password_set_by_someone_else(self.get_object(request, id))
        return response
