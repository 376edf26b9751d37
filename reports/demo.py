"""The reports of the follow-up loop in the demo data: the six villages of Tân Uyên report every
quarter on their commune's 2026 plan (plans.demo.load_loop_plans). For Quý I all sent, one late;
for Quý II one village sent late and was returned, one sent nothing; the commune accepted some;
for Quý III half have sent and wait for review, one writes, two have not begun. The commune
committee reports every quarter on the province plan: Quý I and II started from its villages'
reports and sent, Quý I accepted by the province; Quý III is left for the commune to do. Built
through the real services by the logins of orgs.demo.LOOP_LOGINS.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from plans.demo import load_loop_plans
from plans.models import Plan

from . import services
from .models import Report, ReportEvent, TaskProgress

Action = ReportEvent.Action
Progress = TaskProgress.Status

# Village n → (households, "Gia đình văn hóa" households by quarter, holds the "Thôn văn hóa"
# title, inhabitants, inhabitants taking part in cultural and sports activities by quarter).
VILLAGES = {
    1: (182, (158, 162, 165), True, 760, (310, 345, 372)),
    2: (146, (121, 126, 130), True, 615, (240, 262, 281)),
    3: (203, (166, 171, 176), True, 884, (330, 356, 380)),
    4: (128, (98, 103, 107), False, 540, (190, 214, 233)),
    5: (165, (140, 144, 149), True, 702, (280, 301, 320)),
    6: (174, (139, 145, 150), True, 731, (260, 285, 300)),
}
# Quarter → village → (what became of its report, the day it was sent or last written).
# Missing villages never began theirs.
QUARTERS = {
    1: {
        1: ("accepted", (3, 12)), 2: ("accepted", (3, 16)), 3: ("accepted", (3, 18)),
        4: ("accepted", (3, 19)), 5: ("accepted", (3, 20)), 6: ("accepted", (3, 27)),
    },
    2: {
        1: ("accepted", (6, 15)), 2: ("accepted", (6, 18)), 3: ("returned", (6, 24)),
        4: ("accepted", (6, 19)), 5: ("submitted", (6, 20)),
    },
    3: {
        1: ("submitted", (9, 14)), 2: ("submitted", (9, 18)), 4: ("submitted", (9, 20)),
        5: ("draft", (9, 19)),
    },
}  # fmt: skip
# Quarter → (what became of the commune's report to the province, the day it was sent).
COMMUNE_QUARTERS = {1: ("accepted", (3, 25)), 2: ("submitted", (6, 24))}
RETURN_COMMENT = (
    "Số hộ “Gia đình văn hóa” quý II cao hơn số hộ đăng ký đầu năm; đề nghị thôn kiểm tra lại "
    "và bổ sung kết quả Ngày hội Đại đoàn kết."
)


@transaction.atomic
def load_demo_reports():
    """The follow-up loop's plans (plans.demo.load_loop_plans) with the reports they expect
    and, the first time, the villages' reports. Returns (plans by key, number of reports)."""
    plans = load_loop_plans()
    # Issuance enqueued this for the worker; the demo needs the reports now. Idempotent.
    for key in ("province", "commune"):
        if plans[key].status in Plan.PUBLISHED:
            services.create_expected_reports(plans[key])
    commune = plans["commune"]
    if not ReportEvent.objects.filter(report__plan=commune).exists():
        _write_village_reports(commune)
        _write_commune_reports(plans["province"], commune.issuer)
    return plans, Report.objects.filter(plan__in=plans.values()).count()


def _write_village_reports(plan):
    User = get_user_model()
    approver = User.objects.get(username="xa-approver")
    targets = list(plan.sections.get(kind="targets").targets.order_by("order"))
    reports = Report.objects.filter(plan=plan).select_related("organisation")
    by_unit = {(r.organisation.name, r.period_end.month // 3): r for r in reports}
    for quarter, villages in QUARTERS.items():
        for number, (outcome, (month, day)) in villages.items():
            report = by_unit[(f"Thôn {number}", quarter)]
            head = User.objects.get(username=f"thon{number}")
            on = timezone.make_aware(datetime.combine(date(plan.year, month, day), time(9)))
            report = services.save_report(
                report, by=head, fields=_narrative(number, quarter),
                progress=_progress(report, quarter), actuals=_actuals(targets, number, quarter),
            )  # fmt: skip
            if outcome != "draft":
                report = services.submit_report(report, by=head)
                Report.objects.filter(pk=report.pk).update(submitted_at=on)
            if outcome == "accepted":
                services.accept_report(report, by=approver, comment="Tiếp nhận.")
            elif outcome == "returned":
                services.return_report(report, by=approver, comment=RETURN_COMMENT)
            _backdate(report, on)


def _write_commune_reports(plan, committee):
    """The commune committee's reports to the province, each started from its villages'."""
    User = get_user_model()
    editor = User.objects.get(username="xa-editor")
    approver = User.objects.get(username="tinh-approver")
    reports = Report.objects.filter(plan=plan, organisation=committee)
    by_quarter = {report.period_end.month // 3: report for report in reports}
    for quarter, (outcome, (month, day)) in COMMUNE_QUARTERS.items():
        on = timezone.make_aware(datetime.combine(date(plan.year, month, day), time(9)))
        report = services.start_from_subordinates(by_quarter[quarter], by=editor)
        report = services.submit_report(report, by=editor)
        Report.objects.filter(pk=report.pk).update(submitted_at=on)
        if outcome == "accepted":
            services.accept_report(report, by=approver, comment="Tiếp nhận.")
        _backdate(report, on)


def _actuals(targets, number, quarter):
    households, families, titled, people, taking_part = VILLAGES[number]
    families_target, villages_target, people_target = targets
    return [
        {"target": families_target, "numerator": Decimal(families[quarter - 1]),
         "denominator": Decimal(households)},
        {"target": villages_target, "numerator": Decimal(int(titled)), "denominator": Decimal(1)},
        {"target": people_target, "numerator": Decimal(taking_part[quarter - 1]),
         "denominator": Decimal(people)},
    ]  # fmt: skip


def _progress(report, quarter):
    """The village's tasks: done once their time is over, under way while it runs."""
    end = report.period_end
    rows = []
    for task in services.report_tasks(report):
        if task.ends_on and task.ends_on <= end:
            rows.append({"task": task, "status": Progress.DONE, "result": "Đã hoàn thành."})
        elif task.starts_on and task.starts_on <= end:
            rows.append({"task": task, "status": Progress.IN_PROGRESS, "result": "Đang thực hiện."})
        else:
            rows.append({"task": task, "status": Progress.NOT_STARTED})
    return rows


def _narrative(number, quarter):
    households, families, titled, _people, taking_part = VILLAGES[number]
    title = (
        "Thôn giữ vững danh hiệu “Thôn văn hóa”."
        if titled
        else "Thôn chưa đạt danh hiệu “Thôn văn hóa”, đang khắc phục tiêu chí vệ sinh môi trường."
    )
    return {
        "results": (
            f"Tổ chức {quarter + 1} buổi họp thôn tuyên truyền nội dung Phong trào. "
            f"{families[quarter - 1]}/{households} hộ đăng ký và thực hiện tiêu chuẩn “Gia đình "
            f"văn hóa”; {taking_part[quarter - 1]} người tham gia hoạt động văn hóa, văn nghệ, "
            f"thể dục, thể thao. {title}"
        ),
        "shortcomings": "Một số hộ ở xa trung tâm chưa tham gia đầy đủ các buổi sinh hoạt.",
        "directions": "Tiếp tục vận động các hộ còn lại đăng ký danh hiệu “Gia đình văn hóa”.",
        "proposals": "Đề nghị xã hỗ trợ thiết bị âm thanh cho nhà văn hóa thôn.",
    }


def _backdate(report, on):
    """Date the report's history at its day: written an hour before sending, reviewed two
    days later (the services stamp each event with now)."""
    offsets = {Action.EDITED: -timedelta(hours=1), Action.SUBMITTED: timedelta(0),
               Action.ACCEPTED: timedelta(days=2), Action.RETURNED: timedelta(days=2)}  # fmt: skip
    events = list(report.events.all())
    for event in events:
        event.at = on + offsets[event.action]
    ReportEvent.objects.bulk_update(events, ["at"])
