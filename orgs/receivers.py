"""Security events in the audit log: each login, failed login, lock-out and logout
(django.contrib.auth's signals and django-axes' user_locked_out), and each change made in the
Django admin (its own LogEntry, copied). Never the password."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .audit import Action, record
from .middleware import SESSION_KEY as PASSWORD_SESSION_KEY
from .models import AccountState, Membership, Organisation

LOGOUT_SUMMARIES = {
    "idle": "Hết phiên làm việc do không hoạt động",
    "lifetime": "Hết thời hạn phiên làm việc",
}


def _refused_by_lockout(request):
    """Whether axes refused this attempt without trying the password: the account or the
    address was already locked (axes then counts nothing, so failures_since_start stays None)."""
    return bool(getattr(request, "axes_locked_out", False)) and (
        getattr(request, "axes_failures_since_start", None) is None
    )


@receiver(user_logged_in, dispatch_uid="orgs.audit_login")
def audit_login(sender, request, user, **kwargs):
    record(Action.LOGIN, "Đăng nhập thành công", by=user, user=user, request=request)
    if request is not None and hasattr(request, "session"):
        # orgs/middleware.py then sends her to the password change first.
        must_change = AccountState.objects.filter(user=user, must_change_password=True).exists()
        request.session[PASSWORD_SESSION_KEY] = must_change


@receiver(user_logged_out, dispatch_uid="orgs.audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:  # logging out an anonymous visitor
        return
    reason = getattr(request, "session_expired", None)
    summary = LOGOUT_SUMMARIES.get(reason, "Đăng xuất")
    record(Action.LOGOUT, summary, by=user, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="orgs.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # credentials holds the password masked by Django; only the username is kept.
    username = str(credentials.get(settings.AXES_USERNAME_FORM_FIELD) or "")
    username = username.replace("\0", "")[:150]
    if _refused_by_lockout(request):
        summary = f"Từ chối đăng nhập tài khoản “{username}”: đang bị khóa do sai nhiều lần"
        details = {"refused_while_locked": True}
    else:
        summary = f"Đăng nhập sai mật khẩu cho tài khoản “{username}”"
        details = {}
    record(Action.LOGIN_FAILED, summary, user_name=username, details=details, request=request)


@receiver(user_locked_out, dispatch_uid="orgs.audit_locked_out")
def audit_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    if getattr(request, "axes_failures_since_start", None) is None:
        return  # an attempt during the lock-out, recorded as a refused login
    username = str(username or "").replace("\0", "")[:150]
    summary = (
        f"Khóa đăng nhập sau {request.axes_failures_since_start} lần sai "
        f"(tài khoản “{username}”, địa chỉ {ip_address or 'không rõ'})"
    )
    details = {"failures": request.axes_failures_since_start, "ip_address": ip_address}
    record(Action.LOCKED_OUT, summary, user_name=username, details=details, request=request)


ADMIN_VERBS = {ADDITION: "Thêm", CHANGE: "Sửa", DELETION: "Xóa"}


def _admin_subject(entry):
    """The unit an admin change concerns (an organisation, or a membership's), else None."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is Organisation:
        return Organisation.objects.filter(pk=entry.object_id).first()
    if model is Membership:
        membership = Membership.objects.filter(pk=entry.object_id).first()
        return membership.organisation if membership else None
    return None


@receiver(post_save, sender=LogEntry, dispatch_uid="orgs.audit_admin_action")
def audit_admin_action(sender, instance, created, **kwargs):
    if not created:
        return
    what = instance.content_type.name if instance.content_type_id else "đối tượng"
    verb = ADMIN_VERBS.get(instance.action_flag, "Thao tác")
    change = instance.get_change_message()
    summary = f"Trang quản trị: {verb} {what} “{instance.object_repr}”"
    record(
        Action.ADMIN_ACTION, f"{summary}: {change}" if change else summary, by=instance.user,
        organisation=_admin_subject(instance),
        details={"model": what, "object_id": instance.object_id, "flag": instance.action_flag},
    )  # fmt: skip
