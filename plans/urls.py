from django.urls import path

from .views import editing, hints, lists, pages

app_name = "plans"
urlpatterns = [
    path("", lists.plan_list, name="list"),
    path("new/", pages.plan_create, name="create"),
    path("timeframe/", hints.timeframe_hint, name="timeframe_hint"),
    path("units/", hints.unit_options, name="unit_options"),
    path("units/search/", hints.unit_search, name="unit_search"),
    path("<int:pk>/", pages.plan_detail, name="detail"),
    path("<int:pk>/download.pdf", pages.download_pdf, name="download_pdf"),
    path("<int:pk>/download.docx", pages.download_docx, name="download_docx"),
    path("<int:pk>/edit/", editing.plan_edit, name="edit"),
    path("<int:pk>/copy/", pages.plan_copy, name="copy"),
    path("<int:pk>/do/<str:action>/", pages.plan_transition, name="transition"),
    path("inbox/", lists.inbox, name="inbox"),
    path("tasks/<int:org_pk>/", lists.unit_tasks, name="unit_tasks"),
    path("<int:pk>/implement/", pages.plan_implement, name="implement"),
    path("<int:pk>/attach/", pages.plan_attach, name="attach"),
    path("<int:pk>/sections/add/", editing.section_add, name="section_add"),
    path("<int:pk>/sections/<int:section_pk>/", editing.section_edit, name="section"),
    path("<int:pk>/sections/<int:section_pk>/paste/", hints.paste_tasks, name="paste_tasks"),
    path(
        "<int:pk>/sections/<int:section_pk>/move/<str:direction>/",
        editing.section_move,
        name="section_move",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/delete/", editing.section_delete, name="section_delete"
    ),
]
