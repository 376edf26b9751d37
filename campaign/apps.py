from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Phong trào"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import start_session_clocks

        user_logged_in.connect(start_session_clocks, dispatch_uid="campaign.session_clocks")
