"""Invitations: an account created without a password gets a one-time link, valid for
INVITATION_DAYS, to set its own; by e-mail when it has an address, otherwise on a printed sheet
that the unit hands over. The link is Django's password-reset token with its own salt and
lifetime, so it stops working once a password is set (or the account logs in)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db.models import Q
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from campaign.spreadsheets import style_table, workbook_bytes
from campaign.tasks import send_mail_message
from campaign.text import spreadsheet_safe

from .audit import Action, client_address
from .models import AccountState, AuditEntry, Membership, scope_root_path


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token (bound to the password hash and the last login, so one use ends
    it) with its own salt and a lifetime of INVITATION_DAYS instead of PASSWORD_RESET_TIMEOUT."""

    key_salt = "orgs.invitations.InvitationTokenGenerator"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        age = self._num_seconds(self._now()) - timestamp
        return genuine and age <= settings.INVITATION_DAYS * 24 * 60 * 60


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user):
    """The absolute one-time link with which user sets a first password."""
    path = reverse(
        "invitation_accept",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), invitation_tokens.make_token(user)],
    )
    return f"{settings.SITE_URL}{path}"


def expires_on(sent_at):
    return timezone.localtime(sent_at + timedelta(days=settings.INVITATION_DAYS)).date()


def invite(users, *, by, organisation=None, request=None):
    """Invite the accounts of users that have no password yet: a mail to those with an address
    (through the task queue) and a note of the invitation for the printed sheet, in a few
    queries whatever their number. Returns the number of mails queued."""
    users = [user for user in users if not user.has_usable_password()]
    now, address = timezone.now(), client_address(request)
    invited = set(AccountState.objects.filter(user__in=users).values_list("user_id", flat=True))
    AccountState.objects.filter(user_id__in=invited).update(invited_at=now, invited_by=by)
    AccountState.objects.bulk_create(
        AccountState(user=user, invited_at=now, invited_by=by)
        for user in users
        if user.pk not in invited
    )
    entries, mailed = [], 0
    for user in users:
        if user.email:
            context = {"user": user, "url": invitation_url(user), "expires_on": expires_on(now),
                       "organisation": organisation}  # fmt: skip
            subject = loader.render_to_string("registration/invitation_subject.txt", context)
            body = loader.render_to_string("registration/invitation_email.txt", context)
            send_mail_message.enqueue(" ".join(subject.split()), body, user.email)
            mailed += 1
        how = f"thư gửi {user.email}" if user.email else "phiếu in"
        entries.append(AuditEntry(
            action=Action.INVITED, summary=f"Mời {user.get_username()} đặt mật khẩu ({how})",
            actor=by, actor_name=by.get_username() if by else "", user=user,
            user_name=user.get_username(), organisation=organisation,
            organisation_path=organisation.path if organisation else "", address=address,
        ))  # fmt: skip
    AuditEntry.objects.bulk_create(entries)
    return mailed


def pending_accounts(organisation):
    """Accounts with a role in organisation's scope that have not set a password yet."""
    root = scope_root_path(organisation)
    members = Membership.objects.filter(organisation__path__startswith=root)
    return (
        get_user_model()
        .objects.filter(pk__in=members.values("user_id"), is_active=True)
        .filter(Q(password__startswith="!") | Q(password=""))
        .order_by("username")
    )


def invitation_sheet(organisation):
    """An XLSX of the pending accounts of organisation's scope with their links, to print and
    hand over where people have no e-mail. Each download makes fresh links."""
    from openpyxl import Workbook

    now = timezone.now()
    roles = {}
    root = scope_root_path(organisation)
    memberships = Membership.objects.filter(organisation__path__startswith=root).select_related(
        "organisation"
    )
    for membership in memberships:
        roles.setdefault(membership.user_id, []).append(
            f"{membership.get_role_display()} – {membership.organisation.name}"
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thư mời"
    sheet.append([f"Tài khoản mới của {organisation.name}: đặt mật khẩu bằng liên kết riêng"])
    sheet.append([f"Mỗi liên kết dùng được một lần, đến hết ngày {expires_on(now):%d/%m/%Y}."])
    sheet.append(["Họ và tên", "Tên đăng nhập", "Vai trò", "Liên kết đặt mật khẩu", "Hạn dùng"])
    for user in pending_accounts(organisation):
        texts = [user.get_full_name(), user.get_username(), "; ".join(roles.get(user.pk, []))]
        sheet.append([*map(spreadsheet_safe, texts), invitation_url(user), expires_on(now)])
        sheet.cell(sheet.max_row, 5).number_format = "DD/MM/YYYY"
    style_table(sheet, 3, (28, 22, 40, 90, 12), wrap_from=4)
    return workbook_bytes(workbook)
