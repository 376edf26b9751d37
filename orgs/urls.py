from django.urls import path

from . import setup_views, views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/import/", views.organisation_import, name="import"),
    path("<int:pk>/seats/add/", views.seat_add, name="seat_add"),
    path("<int:pk>/seats/<int:seat_pk>/delete/", views.seat_delete, name="seat_delete"),
    path("<int:pk>/roles/grant/", views.role_grant, name="role_grant"),
    path("<int:pk>/roles/<int:membership_pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("<int:pk>/invitations.xlsx", views.invitation_sheet_xlsx, name="invitation_sheet"),
    path("<int:pk>/invitations/resend/", views.invitations_resend, name="invitations_resend"),
    path("<int:pk>/audit/", views.audit_log, name="audit"),
    path("<int:pk>/audit.csv", views.audit_log_csv, name="audit_csv"),
    # One unit at a time, the guided set-up, import templates, help (orgs/setup_views.py).
    path("<int:pk>/add/", setup_views.unit_add, name="unit_add"),
    path("<int:pk>/rename/", setup_views.unit_rename, name="unit_rename"),
    path("<int:pk>/move/", setup_views.unit_move, name="unit_move"),
    path("<int:pk>/close/", setup_views.unit_close, name="unit_close"),
    path("<int:pk>/setup/new/", setup_views.setup_start, name="setup_start"),
    path("<int:pk>/setup/", setup_views.setup, name="setup"),
    path("import-templates/<slug:what>.xlsx", setup_views.import_template, name="import_template"),
    path("help/<slug:page>/", setup_views.help_page, name="help"),
]
