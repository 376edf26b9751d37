from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "Tổ chức và đơn vị"

    def ready(self):
        from . import receivers  # noqa: F401  connects to the login signals (audit log)
