from django.urls import path

from . import downloads, report_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("timeframe/", views.timeframe_hint, name="timeframe_hint"),
    path("units/", views.unit_options, name="unit_options"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/download.pdf", downloads.download_pdf, name="download_pdf"),
    path("<int:pk>/download.docx", downloads.download_docx, name="download_docx"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/do/<str:action>/", views.plan_transition, name="transition"),
    path("inbox/", views.inbox, name="inbox"),
    path("reports/", report_views.report_list, name="reports"),
    path("reports/<int:pk>/", report_views.report_detail, name="report"),
    path("reports/<int:pk>/download.pdf", downloads.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/download.docx", downloads.report_docx, name="report_docx"),
    path("reports/<int:pk>/do/<str:action>/", report_views.report_action, name="report_action"),
    path("<int:pk>/dashboard/", report_views.dashboard, name="dashboard"),
    path("<int:pk>/dashboard.xlsx", report_views.dashboard_xlsx, name="dashboard_xlsx"),
    path("tasks/<int:org_pk>/", views.unit_tasks, name="unit_tasks"),
    path("<int:pk>/implement/", views.plan_implement, name="implement"),
    path("<int:pk>/sections/add/", views.section_add, name="section_add"),
    path("<int:pk>/sections/<int:section_pk>/", views.section_edit, name="section"),
    path(
        "<int:pk>/sections/<int:section_pk>/move/<str:direction>/",
        views.section_move,
        name="section_move",
    ),
    path("<int:pk>/sections/<int:section_pk>/delete/", views.section_delete, name="section_delete"),
]
