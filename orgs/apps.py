from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "Tổ chức và đơn vị"

    def ready(self):
        # Receivers of the login signals: the audit log (receivers), a login as a fresh
        # authentication (reauth) and as needing a code when the user has a device (twofactor).
        from . import reauth, receivers, twofactor  # noqa: F401

        unregister_device_admins()


def unregister_device_admins():
    """django-otp's device pages are in English and show the secrets; an administrator
    removes a lost device with `manage.py reset_two_factor <username>` instead."""
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
