"""Password change in the app and reset by e-mail: Django's views, Vietnamese pages
(templates/registration/), the reset mail sent by the task queue, each change in the audit log."""

from axes.utils import reset as reset_login_failures
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.urls import reverse_lazy

from campaign.tasks import send_mail_message

from .audit import Action, record
from .invitations import invitation_tokens
from .middleware import SESSION_KEY as PASSWORD_SESSION_KEY
from .models import AccountState


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, its one mail enqueued for the worker rather than sent in the
    request (a slow mail server must not hold the page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Địa chỉ e-mail"

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):  # fmt: skip
        subject = loader.render_to_string(subject_template_name, context)
        subject = " ".join(subject.splitlines()).strip()
        body = loader.render_to_string(email_template_name, context)
        send_mail_message.enqueue(subject, body, to_email)


class PasswordChangeView(auth_views.PasswordChangeView):
    """The signed-in user changes her password (the old one asked again); other sessions of
    hers end, this one stays."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        record(Action.PASSWORD_CHANGED, "Đổi mật khẩu", by=user, user=user, request=self.request)
        password_now_own(user, self.request)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for the e-mail address; sends a one-time link to each active account with it.
    The page says the same whether or not an account has that address."""

    form_class = QueuedPasswordResetForm
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"

    @property
    def extra_email_context(self):
        # Links in mails start with SITE_URL, never with the Host header of the request.
        return {"site_url": settings.SITE_URL}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the mail: a new password, then the account's lock-out (if any) is lifted."""

    summary = "Đặt lại mật khẩu qua liên kết gửi e-mail"

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        reset_login_failures(username=user.get_username())
        record(Action.PASSWORD_CHANGED, self.summary, user=user, request=self.request)
        password_now_own(user, self.request)
        return response


class InvitationAcceptView(PasswordResetConfirmView):
    """The link of an invitation (orgs/invitations.py): the invited person sets her first
    password and is signed in; the link then stops working."""

    token_generator = invitation_tokens
    template_name = "registration/invitation_accept.html"
    summary = "Đặt mật khẩu lần đầu theo thư mời"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")


def password_now_own(user, request):
    """The user has set her own password: nothing forces a change any more."""
    AccountState.objects.filter(user=user).update(must_change_password=False)
    request.session.pop(PASSWORD_SESSION_KEY, None)


def password_set_by_someone_else(user):
    """user's password was set by another person: she changes it at her next login."""
    AccountState.objects.update_or_create(user=user, defaults={"must_change_password": True})
