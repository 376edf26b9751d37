from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Phong trào"

    def ready(self):
        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in

        # django-axes names its app in English; its models and fields are translated by
        # campaign/locale (an app's label is no part of the migrations, its models' names are).
        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = "Chống dò mật khẩu"
        # The same for the task queue's results (django-tasks-db).
        if apps.is_installed("django_tasks_db"):
            apps.get_app_config("django_tasks_database").verbose_name = "Hàng đợi việc nền"

        from .sessions import start_session_clocks

        user_logged_in.connect(start_session_clocks, dispatch_uid="campaign.session_clocks")
