from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/download.pdf", views.report_pdf, name="pdf"),
    path("<int:pk>/download.docx", views.report_docx, name="docx"),
    path("<int:pk>/do/<str:action>/", views.report_action, name="action"),
    path("plan/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("plan/<int:pk>/dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
