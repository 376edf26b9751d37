"""What a plan still lacks before it goes to its approver: each gap says what is missing and
links to where it is written. Nothing here refuses a submission; the plan page lists the gaps
beside the submit button."""

import re
from dataclasses import dataclass

from django.urls import reverse

from campaign.text import fold

from .kinds import spec
from .models import Plan, Recipient, Section

# Words by which a plan's text announces reports ("báo cáo kết quả", "định kỳ báo cáo"…),
# compared without diacritics.
ANNOUNCES_REPORTS = re.compile(r"\bbao cao (ket qua|dinh ky|tien do|so ket|tong ket|hang|ve)")
ANNOUNCES_REPORTS_BEFORE = re.compile(r"\b(che do|dinh ky|hang thang|hang quy) bao cao\b")


@dataclass(frozen=True)
class Gap:
    message: str
    url: str


def _section_is_empty(section):
    if section.body.strip() or section.closing_text.strip():
        return False
    items = {
        Section.Kind.TASKS: lambda: section.top_tasks,
        Section.Kind.TARGETS: lambda: section.targets.all(),
        Section.Kind.IMPLEMENTATION: lambda: section.duties.all(),
    }
    return not (section.kind in items and list(items[section.kind]()))


def _texts(plan, sections):
    """Every text of the plan a reader would see, to look for announced reports."""
    yield from (plan.summary, plan.opening, plan.closing)
    for section in sections:
        yield from (section.title, section.body, section.closing_text)
        yield from (duty.body for duty in section.duties.all())
        yield from (task.content for task in getattr(section, "top_tasks", []))


def announces_reports(plan, sections):
    text = fold(" ".join(_texts(plan, sections)))
    return bool(ANNOUNCES_REPORTS.search(text) or ANNOUNCES_REPORTS_BEFORE.search(text))


def gaps(plan):
    """The gaps of plan (loaded by plans.printing.plan_for_document), in reading order."""
    edit = reverse("plans:edit", args=[plan.pk])
    sections = list(plan.sections.all())
    found = []
    for section in sections:
        if _section_is_empty(section):
            url = reverse("plans:section", args=[plan.pk, section.pk])
            found.append(Gap(f"Phần “{section}” chưa có nội dung.", url))
    word = spec(plan.kind).word
    if not sections:
        found.append(Gap(f"{word} chưa có phần nào.", f"{edit}#sections"))
    if not plan.closing.strip():
        found.append(Gap(f"Chưa có đoạn kết (“Trên đây là {word}…”).", f"{edit}#id_closing"))
    if plan.kind == Plan.Kind.LETTER and not plan.addressees.strip():
        found.append(Gap("Công văn chưa có nơi nhận ở “Kính gửi”.", f"{edit}#id_addressees"))
    recipients = [r for r in plan.recipients.all() if r.kind == Recipient.Kind.RECIPIENT]
    if not recipients:
        found.append(Gap("Chưa có nơi nhận.", f"{edit}#recipients"))
    if not (plan.signer_id or plan.signer_name.strip()):
        found.append(Gap("Chưa có người ký.", f"{edit}#id_signer"))
    if not plan.reporting_rules.exists():
        reporting = next((s for s in sections if s.kind == Section.Kind.REPORTING), None)
        if reporting is not None or announces_reports(plan, sections):
            url = (
                reverse("plans:section", args=[plan.pk, reporting.pk]) + "#reporting-rules"
                if reporting
                else f"{edit}#sections"
            )
            found.append(
                Gap(
                    "Văn bản nói đến báo cáo nhưng chưa có quy định báo cáo: khi ban hành sẽ "
                    "không có báo cáo nào được giao. Hãy thêm quy định ở phần “Chế độ báo cáo”.",
                    url,
                )
            )
    return found
