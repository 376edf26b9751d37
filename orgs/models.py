from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from campaign.text import fold


class Level(models.Model):
    """An administrative level (Tỉnh, Huyện, Xã, Thôn); data, so that old structures stay valid."""

    code = models.SlugField("mã", max_length=20, unique=True)
    name = models.CharField("tên cấp", max_length=60)
    rank = models.PositiveSmallIntegerField(
        "thứ bậc", help_text="Số nhỏ là cấp cao hơn (tỉnh 10, huyện 20, xã 30, thôn 40)."
    )
    active_to = models.DateField(
        "hết hiệu lực từ", null=True, blank=True, help_text="Để trống nếu cấp còn tồn tại."
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = "cấp hành chính"
        verbose_name_plural = "cấp hành chính"

    def __str__(self):
        return self.name


class OrganisationQuerySet(MP_NodeQuerySet):
    def active(self):
        return self.filter(active_to__isnull=True)

    def visible_to(self, user):
        """Organisations user may see: their scope subtrees and the chain above them."""
        if user.is_superuser:
            return self
        return self.filter(visible_q(user))

    def search(self, text):
        """Organisations whose name contains every word of text, ignoring diacritics and case."""
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_text__contains=word)
        return qs


def subtree_q(path, prefix=""):
    """Nodes whose path starts with path (prefix: the lookup to the tree, e.g. "issuer__").

    The redundant range lets PostgreSQL walk the path index from the subtree's first node
    when a page is ordered by path; LIKE alone makes it scan from the start of the table.
    """
    upper = path + Organisation.alphabet[-1] * (PATH_MAX_LENGTH - len(path))
    return Q(**{f"{prefix}path__startswith": path, f"{prefix}path__range": (path, upper)})


PATH_MAX_LENGTH = 255  # treebeard's MP_Node.path


class OrganisationManager(MP_NodeManager.from_queryset(OrganisationQuerySet)):
    # treebeard's manager builds a plain MP_NodeQuerySet; ours keeps the tree order and adds filters.
    def get_queryset(self):
        return OrganisationQuerySet(self.model, using=self._db).order_by("path")

    def get_tree(self, parent=None, max_depth=None):
        tree = super().get_tree(parent, max_depth=max_depth)
        if parent is None or parent.is_leaf():
            return tree
        return tree.filter(subtree_q(parent.path))


class Organisation(MP_Node):
    """A node of the one tree: an administrative unit, a body, a committee or a village."""

    class Kind(models.TextChoices):
        AREA = "area", "Đơn vị hành chính"
        COMMITTEE = "committee", "Ban Chỉ đạo"
        GOVERNMENT = "government", "Ủy ban nhân dân"
        FRONT = "front", "Mặt trận Tổ quốc"
        UNION = "union", "Công đoàn"
        YOUTH = "youth", "Đoàn Thanh niên"
        WOMEN = "women", "Hội Liên hiệp Phụ nữ"
        DEPARTMENT = "department", "Sở, phòng, ban"
        VILLAGE = "village", "Thôn, tổ dân phố"
        ENTERPRISE = "enterprise", "Cơ quan, doanh nghiệp"
        OTHER = "other", "Khác"

    class DutySeparation(models.TextChoices):
        NONE = "none", "Không tách: một người có thể soạn, phê duyệt và ban hành"
        ISSUE = "issue", "Người ban hành phải khác người soạn thảo cuối cùng"
        APPROVE_AND_ISSUE = (
            "approve_issue",
            "Người phê duyệt và người ban hành đều phải khác người soạn thảo cuối cùng",
        )

    AREA_KINDS = (Kind.AREA, Kind.VILLAGE)

    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name="cấp")
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=120, blank=True)
    symbol = models.CharField(
        "chữ viết tắt trong ký hiệu văn bản",
        max_length=30,
        blank=True,
        help_text="Ví dụ: BCĐ, LĐLĐ.",
    )
    parent_body_line = models.CharField(
        "cơ quan chủ quản", max_length=120, blank=True, help_text="Ví dụ: UBND TỈNH BẮC GIANG."
    )
    place = models.CharField("địa danh", max_length=80, blank=True, help_text="Ví dụ: Quyết Thắng.")
    code = models.CharField("mã chính thức", max_length=20, blank=True)
    active_from = models.DateField("hiệu lực từ", null=True, blank=True)
    active_to = models.DateField("hết hiệu lực từ", null=True, blank=True)
    # A unit closed in a reorganisation (the 2025 mergers) points at the one that took it over,
    # so that its history rolls up into today's tree (orgs/succession.py).
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="đơn vị kế thừa",
    )
    search_text = models.CharField(max_length=400, editable=False)
    duty_separation = models.CharField(
        "tách bạch nhiệm vụ",
        max_length=20,
        choices=DutySeparation.choices,
        default=DutySeparation.ISSUE,
        help_text="Ai không được phê duyệt, ban hành văn bản do chính mình soạn thảo lần cuối.",
    )

    objects = OrganisationManager()

    class Meta:
        verbose_name = "tổ chức"
        verbose_name_plural = "tổ chức"
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(active_to__isnull=True) & ~Q(code=""),
                name="orgs_organisation_code_unique_active",
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gt=models.F("active_from")),
                name="orgs_organisation_active_range",
            ),
            # Printed in "Số: 34/KH-BCĐ" and in download names: one line only.
            models.CheckConstraint(
                condition=~Q(symbol__contains="\n") & ~Q(symbol__contains="\r"),
                name="orgs_organisation_symbol_single_line",
            ),
            models.CheckConstraint(
                condition=~Q(code__contains="\n") & ~Q(code__contains="\r"),
                name="orgs_organisation_code_single_line",
            ),
            models.CheckConstraint(
                condition=(Q(active_from__isnull=True) | Q(active_from__year__range=(1945, 2100)))
                & (Q(active_to__isnull=True) | Q(active_to__year__range=(1945, 2100))),
                name="orgs_organisation_active_dates_range",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")),
                name="orgs_organisation_successor_not_self",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A denormalised search key, kept beside the name it is derived from.
        self.search_text = self.fold_names(self.name, self.short_name)
        super().save(*args, **kwargs)

    @staticmethod
    def fold_names(name, short_name=""):
        return fold(f"{name} {short_name}")[:400]

    def printed_place(self):
        """The place name of the date line: the unit's own, else the nearest unit's above it
        (a body without a place name prints its area's)."""
        if self.place:
            return self.place
        for ancestor in reversed(Organisation.objects.get_ancestors(self)):
            if ancestor.place:
                return ancestor.place
        return ""

    @property
    def is_area(self):
        return self.kind in self.AREA_KINDS


class Membership(models.Model):
    """A user's role in one organisation; a person may hold several roles in several bodies."""

    class Role(models.TextChoices):
        VIEWER = "viewer", "Xem"
        EDITOR = "editor", "Soạn thảo"
        CLERK = "clerk", "Văn thư"
        APPROVER = "approver", "Phê duyệt"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="người dùng",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name="tổ chức"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="orgs_membership_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class Person(models.Model):
    """Someone who holds a position: signs plans, sits on committees."""

    full_name = models.CharField("họ và tên", max_length=120)
    position = models.CharField(
        "chức vụ", max_length=160, blank=True, help_text="Ví dụ: Phó Chủ tịch UBND phường."
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name="cơ quan công tác",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="tài khoản",
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"

    def __str__(self):
        return f"{self.full_name} ({self.position})" if self.position else self.full_name


class CommitteeMember(models.Model):
    """A seat on a steering committee: a person, the body they represent, or both."""

    class Position(models.TextChoices):
        HEAD = "head", "Trưởng ban"
        DEPUTY = "deputy", "Phó Trưởng ban"
        STANDING = "standing", "Thường trực"
        MEMBER = "member", "Thành viên"

    committee = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="seats",
        limit_choices_to={"kind": Organisation.Kind.COMMITTEE},
        verbose_name="ban chỉ đạo",
    )
    position = models.CharField("chức danh", max_length=20, choices=Position.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name="cán bộ",
    )
    member_body = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name="cơ quan thành viên",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["committee", "order", "pk"]
        verbose_name = "thành viên ban chỉ đạo"
        verbose_name_plural = "thành viên ban chỉ đạo"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(member_body__isnull=False),
                name="orgs_committeemember_person_or_body",
            ),
            models.UniqueConstraint(
                fields=["committee", "person"],
                condition=Q(person__isnull=False),
                name="orgs_committeemember_unique_person",
            ),
        ]

    def __str__(self):
        who = self.person or self.member_body
        return f"{self.get_position_display()}: {who}"


# --- scopes: who oversees which part of the tree (orgs/access.py explains the rule) -----------
# They live here because the querysets' visible_to() needs them.

STEP = Organisation.steplen


class AccountState(models.Model):
    """What the app keeps about an account beyond Django's user: whether its password was set
    by someone else (then it must be changed at the next login) and when it was invited."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="account_state", verbose_name="tài khoản",
    )  # fmt: skip
    must_change_password = models.BooleanField("phải đổi mật khẩu khi đăng nhập", default=False)
    invited_at = models.DateTimeField("mời lúc", null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="người mời",
    )  # fmt: skip

    class Meta:
        verbose_name = "trạng thái tài khoản"
        verbose_name_plural = "trạng thái tài khoản"

    def __str__(self):
        return str(self.user)


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Nhật ký không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký không được xóa.")

    def within(self, organisation):
        """Entries about the part of the tree organisation oversees (a committee: its area),
        and the logins and other account events of the people who hold a role there."""
        root = scope_root_path(organisation)
        members = Membership.objects.filter(organisation__path__startswith=root)
        return self.filter(
            Q(organisation_path__startswith=root)
            | Q(organisation_path="", user__in=members.values("user_id"))
        )


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit entry."""


class AuditEntry(models.Model):
    """One line of the append-only audit log: who did what to accounts, roles and units.

    The actor and the unit are kept by name and path as well, so an entry keeps saying who and
    where after an account or a unit is removed; rows are never updated nor deleted (the model
    refuses, and on PostgreSQL a trigger refuses too).
    """

    class Action(models.TextChoices):
        ROLE_GRANTED = "role_granted", "Cấp vai trò"
        ROLE_REVOKED = "role_revoked", "Thu hồi vai trò"
        ROLE_REFUSED = "role_refused", "Từ chối cấp vai trò"
        IMPORT = "import", "Nhập danh sách"
        ORGANISATION_CHANGED = "organisation_changed", "Sửa đơn vị"
        ADMIN_ACTION = "admin_action", "Thao tác quản trị"
        LOGIN = "login", "Đăng nhập"
        LOGIN_FAILED = "login_failed", "Đăng nhập sai"
        LOCKED_OUT = "locked_out", "Bị khóa đăng nhập"
        LOGOUT = "logout", "Đăng xuất"
        PASSWORD_CHANGED = "password_changed", "Đổi mật khẩu"
        INVITED = "invited", "Mời đặt mật khẩu"
        OTP_ENABLED = "otp_enabled", "Bật xác thực hai lớp"
        OTP_DISABLED = "otp_disabled", "Tắt xác thực hai lớp"
        OTP_FAILED = "otp_failed", "Nhập sai mã xác thực"
        OTP_RECOVERY_USED = "otp_recovery_used", "Dùng mã dự phòng"
        OTP_CODES_RENEWED = "otp_codes_renewed", "Tạo mã dự phòng mới"

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    action = models.CharField("việc", max_length=32, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False,
        null=True, blank=True, related_name="+", verbose_name="người thực hiện",
    )  # fmt: skip
    actor_name = models.CharField("tên đăng nhập người thực hiện", max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False,
        null=True, blank=True, related_name="+", verbose_name="tài khoản liên quan",
    )  # fmt: skip
    user_name = models.CharField("tên đăng nhập liên quan", max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False,
        null=True, blank=True, related_name="+", verbose_name="đơn vị",
    )  # fmt: skip
    organisation_path = models.CharField(max_length=PATH_MAX_LENGTH, blank=True, db_index=True)
    summary = models.CharField("nội dung", max_length=500)
    details = models.JSONField("chi tiết", default=dict, blank=True)
    address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký hệ thống"

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name}: {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký không được xóa.")


def scope_root_path(organisation):
    """The path from which a member of organisation oversees the tree."""
    if organisation.is_area or organisation.depth == 1:
        return organisation.path
    return organisation.path[:-STEP]


def user_memberships(user):
    """The user's memberships as (role, organisation id, path, kind, depth), cached on the user."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_org_memberships"):
        user._org_memberships = list(
            Membership.objects.filter(user=user).values_list(
                "role",
                "organisation_id",
                "organisation__path",
                "organisation__kind",
                "organisation__depth",
            )
        )
    return user._org_memberships


def _root(path, kind, depth):
    return scope_root_path(Organisation(path=path, kind=kind, depth=depth))


def scope_roots(user, roles=None):
    """Scope-root paths of the user's memberships (optionally only those with given roles)."""
    return sorted(
        {
            _root(path, kind, depth)
            for role, _org_id, path, kind, depth in user_memberships(user)
            if roles is None or role in roles
        }
    )


def _ancestor_paths(path):
    return [path[:end] for end in range(STEP, len(path), STEP)]


NATIONAL_LEVEL = "tw"  # the level of the national bodies (orgs/central.py)


def is_national(organisation):
    """A unit of the national level (Trung ương): every signed-in user sees it."""
    return organisation.level.code == NATIONAL_LEVEL


def visible_q(user):
    """A Q selecting the organisations user may see (one indexed query on path), and the
    national level for everyone signed in: its bodies issue what every unit implements."""
    conditions = []
    if user.is_authenticated:
        conditions.append(Q(level__in=Level.objects.filter(code=NATIONAL_LEVEL).values("pk")))
    for root in scope_roots(user):
        conditions.append(subtree_q(root))
        for ancestor in _ancestor_paths(root):
            conditions.append(Q(path=ancestor))
            conditions.append(
                subtree_q(ancestor)
                & Q(depth=len(ancestor) // STEP + 1)
                & ~Q(kind__in=Organisation.AREA_KINDS)
            )
    return reduce(or_, conditions, Q(pk__in=[]))
