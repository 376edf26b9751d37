"""History of plans and reports: events, snapshots of the printed text and their differences.

A snapshot is {part: text}; each event keeps the snapshot and the parts that changed since the
previous event, so a reader sees what was printed at every step and what each step changed.
"""

from campaign.text import fold
from documents.structure import Table

from .models import Plan, PlanEvent
from .printing import build_document, plan_for_document


def plan_snapshot(plan):
    """The printed plan as {part: text}, the unit of comparison between versions."""
    document = build_document(plan_for_document(plan.pk))
    parts = {
        "Số, ký hiệu": document.number_line,
        "Địa danh, ngày tháng": document.place_date_line,
        "Trích yếu": document.summary,
        "Căn cứ": "\n".join(document.bases),
        "Mở đầu": "\n".join(document.opening),
    }
    # Parts a Kế hoạch does not print are kept only where printed, so a plan's history reads
    # as before; a change of kind or header shows as one of them appearing or going.
    extra = {
        "Loại văn bản": "" if document.title == "KẾ HOẠCH" else document.title or "Công văn",
        "Thể thức": "Đảng" if document.is_party else "",
        "Kính gửi": "\n".join(document.addressees),
        "V/v": " ".join(document.subject_lines),
    }
    parts.update({part: text for part, text in extra.items() if text})
    for index, section in enumerate(document.sections, start=1):
        # A part printed without a heading is told apart by its place.
        title = section.title.strip() or section.heading.split(". ", 1)[-1] or f"thứ {index}"
        lines = [section.run_in] if section.run_in else []  # an article's text after "Điều 1."
        for block in section.blocks:
            if isinstance(block, Table):
                lines += [" | ".join(" ".join(cell) for cell in row) for row in block.rows]
            else:
                lines.append(block.text)
        parts[f"Phần “{title}”"] = "\n".join(lines)
    parts["Kết thúc"] = "\n".join(document.closing)
    parts["Nơi nhận"] = "\n".join(document.recipients + document.electronic)
    parts["Chữ ký"] = "\n".join(
        [*document.authority_lines, document.signer_position, document.signer_second_position,
         document.signer_name]
    )  # fmt: skip
    return parts


def diff(before, after):
    """[[part, old, new], …] for every part whose text changed."""
    keys = list(before) + [key for key in after if key not in before]
    return [
        [key, before.get(key, ""), after.get(key, "")]
        for key in keys
        if before.get(key, "") != after.get(key, "")
    ]


def record_event(subject, action, *, by, snapshot, comment="", from_status="", changes=None):
    """Add an entry to subject's history (subject.events), with the differences since the
    previous entry unless changes are given. Returns the event."""
    previous = subject.events.order_by("-at", "-pk").first()
    if changes is None:
        changes = diff(previous.snapshot if previous else {}, snapshot)
    return subject.events.create(
        action=action, by=by, comment=comment, from_status=from_status,
        to_status=subject.status, changes=changes, snapshot=snapshot,
    )  # fmt: skip


def index_text(plan, snapshot):
    """Keep the plan's printed text, folded, for the search (Plan.body_text)."""
    Plan.objects.filter(pk=plan.pk).update(body_text=fold(" ".join(snapshot.values())))


def record(plan, action, *, by, comment="", from_status=""):
    """Add a plan history entry with the differences since the previous one."""
    changes = [] if action == PlanEvent.Action.CREATED else None
    snapshot = plan_snapshot(plan)
    index_text(plan, snapshot)
    return record_event(
        plan, action, by=by, snapshot=snapshot, comment=comment,
        from_status=from_status, changes=changes,
    )  # fmt: skip


def record_edit(plan, *, by):
    """Record what an edit changed in the printed plan (nothing if nothing did)."""
    previous = plan.events.order_by("-at", "-pk").first()
    current = plan_snapshot(plan)
    changes = diff(previous.snapshot if previous else {}, current)
    if changes:
        index_text(plan, current)
        record_event(plan, PlanEvent.Action.EDITED, by=by, snapshot=current, changes=changes)
