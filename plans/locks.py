"""The optimistic lock of the plan editor, one per part: each section, and the plan's own
fields with its recipients (the header page).

The version of a part is a digest of what is saved in it, so it needs no column of its own:
two people saving two sections never refuse each other, while the second of two saves of one
section is refused because the first changed what the second had loaded. The plan row is still
locked for every save (workflow.editing), so the check and the write are one step.
"""

import hashlib
import json
import re
from contextlib import contextmanager

from django.utils import timezone

from . import workflow
from .errors import PlanError, StaleEdit
from .forms import PlanForm
from .models import (
    Plan,
    Recipient,
    ReportingRule,
    Responsibility,
    Section,
    Target,
    Task,
    TaskUnit,
)

VERSION_RE = re.compile(r"[0-9a-f]{32}")

MISSING_VERSION = (
    "Chưa lưu: trang soạn thảo không cho biết bạn đã mở phiên bản nào, nên không thể bảo đảm "
    "không ghi đè thay đổi của người khác. Nội dung bạn đã nhập vẫn còn dưới đây; hãy chép lại "
    "phần cần giữ, tải lại trang rồi nhập lại."
)


def _json(value):
    return json.dumps(value, default=str, ensure_ascii=False)


def _rows(queryset, *, exclude=()):
    """Every stored column of the rows (but exclude), in an order that depends only on them
    (each row keeps its own position among its siblings in its `order` column)."""
    names = [f.attname for f in queryset.model._meta.concrete_fields if f.attname not in exclude]
    rows = queryset.order_by().values_list(*names)
    return sorted((list(row) for row in rows), key=_json)


def _digest(parts):
    return hashlib.blake2b(_json(parts).encode(), digest_size=16).hexdigest()


def section_version(section):
    """The version of a section: a digest of its own fields and of all its rows."""
    return _digest(
        [
            # Moving a section among the others changes no word of it.
            _rows(Section.objects.filter(pk=section.pk), exclude={"order"}),
            _rows(Task.objects.filter(section=section)),
            # Units are rewritten on every save of the tasks: compare what they say, not ids.
            _rows(TaskUnit.objects.filter(task__section=section), exclude={"id"}),
            _rows(Target.objects.filter(section=section)),
            _rows(Responsibility.objects.filter(section=section)),
            *(_rule_rows(section.plan) if section.kind == Section.Kind.REPORTING else []),
        ]
    )


def _rule_rows(plan):
    """The plan's reporting rules, edited in its reporting section, with their units and
    targets."""
    rules = ReportingRule.objects.filter(plan=plan)
    return [
        _rows(rules),
        _rows(ReportingRule.named_units.through.objects.filter(reportingrule__plan=plan)),
        _rows(ReportingRule.targets.through.objects.filter(reportingrule__plan=plan)),
    ]


def header_version(plan):
    """The version of the plan's own page: the fields its form edits and its recipients."""
    columns = [name for name in PlanForm._meta.fields if name != "movements"]
    return _digest(
        [
            list(Plan.objects.filter(pk=plan.pk).values_list(*columns)),
            sorted(plan.movements.values_list("pk", flat=True)),
            _rows(Recipient.objects.filter(plan=plan)),
        ]
    )


def current_version(plan, section=None):
    return section_version(section) if section is not None else header_version(plan)


def posted_version(data):
    """The version a POST says the user loaded, or None when it is missing or malformed."""
    value = data.get("version", "")
    return value if VERSION_RE.fullmatch(value) else None


def _last_editor(plan, title):
    """The latest event of the plan's history that changed the part (the section printed
    under title, or the plan's own parts when title is None); None if none is recorded."""
    if title is not None:
        changed = {f"Phần “{title}”"}.__contains__
    else:
        changed = lambda part: not part.startswith("Phần “")  # noqa: E731
    events = plan.events.select_related("by").defer("snapshot").order_by("-at", "-pk")[:50]
    for event in events:
        if any(changed(change[0]) for change in event.changes or ()):
            return event
    return None


def _stale_message(plan, section):
    # The section in hand holds what the user typed; the history knows the saved title.
    saved = Section.objects.filter(pk=section.pk).first() if section is not None else None
    last = _last_editor(plan, (saved.title if saved else "") if section is not None else None)
    who = (last.by.get_full_name() or last.by.username) if last and last.by else "Người khác"
    when = f" lúc {timezone.localtime(last.at).strftime('%H:%M ngày %d/%m/%Y')}" if last else ""
    what = f"phần “{saved or section}”" if section is not None else "kế hoạch này"
    return (
        f"{who} đã sửa {what}{when}, sau khi bạn mở trang. Thay đổi của bạn chưa được lưu; "
        "nội dung bạn đã nhập vẫn còn dưới đây. Hãy chép lại phần cần giữ, tải lại trang để "
        "xem bản mới nhất rồi nhập lại."
    )


@contextmanager
def editing_part(plan, *, by, version, section=None):
    """Edit one part of plan (a section, or its own page when section is None) as one unit of
    work: workflow.editing, then refused with StaleEdit if the part changed since version."""
    if version is None:
        raise PlanError(MISSING_VERSION)
    with workflow.editing(plan, by=by) as locked:
        if current_version(locked, section) != version:
            raise StaleEdit(_stale_message(locked, section))
        yield locked
