from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from orgs import passwords, twofactor

from . import views

admin.site.site_header = "Quản trị Kế hoạch"
admin.site.site_title = "Quản trị Kế hoạch"
admin.site.index_title = "Danh mục và dữ liệu"

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
    path("login/", twofactor.LoginView.as_view(), name="login"),
    path("login/code/", twofactor.login_code, name="login_code"),
    path("account/two-factor/", twofactor.two_factor, name="two_factor"),
    path("account/two-factor/disable/", twofactor.two_factor_disable, name="two_factor_disable"),
    path(
        "account/two-factor/recovery-codes/",
        twofactor.two_factor_recovery,
        name="two_factor_recovery",
    ),
    path(
        "account/two-factor/recovery-codes/new/",
        twofactor.two_factor_new_codes,
        name="two_factor_new_codes",
    ),
    path("account/confirm/", twofactor.reauth, name="reauth"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "invitation/<uidb64>/<token>/",
        passwords.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("orgs/", include("orgs.urls")),
    path("plans/", include("plans.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
