from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("timeframe/", views.timeframe_hint, name="timeframe_hint"),
    path("units/", views.unit_options, name="unit_options"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/download.pdf", views.download_pdf, name="download_pdf"),
    path("<int:pk>/download.docx", views.download_docx, name="download_docx"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/do/<str:action>/", views.plan_transition, name="transition"),
    path("inbox/", views.inbox, name="inbox"),
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
