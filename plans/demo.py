"""The plans of the demo data, built through the real services. Idempotent.

The five seed plans (load_demo_plans), and the plans of the follow-up loop of 2026
(load_loop_plans): a plan of the Lai Châu province committee, the Tân Uyên commune committee's
plan implementing it with a quarterly reporting regime for the villages, and commune drafts
that wait for their approver, their editor and their clerk.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import import_module

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from campaign.catalogue import load_catalogue
from orgs.demo import LOOP_VILLAGES, demo_nodes
from orgs.models import Organisation, Person

from . import workflow
from .models import Plan, PlanEvent, ReportingRule, Section, Target, TargetAllocation
from .reuse import start_implementing_plan
from .seed_data import SEEDS
from .services import (
    add_duty,
    add_recipient,
    add_section,
    add_target,
    add_task,
    save_duties,
    save_targets,
    save_tasks,
    start_plan,
)

# Which demo issuer wrote each seed, and for which year.
SEED_ISSUERS = {
    "seed_000": ("ldld-bacgiang", 2020),
    "seed_001": ("sldtbxh-bacgiang", 2024),
    "seed_002": ("bcd-quyettien", 2020),
    "seed_003": ("bcd-quyetthang", 2023),
    "seed_004": ("ldld-ninhbinh", 2021),
}


@transaction.atomic
def load_demo_plans():
    """Build each seed plan unless it is there already.

    Seed plans are the ones no user created (created_by is empty) for that issuer and year.
    """
    catalogue = load_catalogue()
    nodes = demo_nodes()
    plans = []
    for name in SEEDS:
        issuer_key, year = SEED_ISSUERS[name]
        plan = Plan.objects.filter(
            issuer=nodes[issuer_key], year=year, created_by__isnull=True
        ).first()
        if plan is None:
            plan = import_module(f"plans.seed_data.{name}").build(nodes, catalogue, None)
        plans.append(plan)
    return plans


# --- the follow-up loop of 2026 -------------------------------------------------------------

LOOP_YEAR = 2026
MOVEMENT = "Toàn dân đoàn kết xây dựng đời sống văn hóa"
PROVINCE_SUMMARY = (
    "Thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2026 trên địa bàn "
    "tỉnh Lai Châu"
)
COMMUNE_SUMMARY = (
    "Thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2026 trên địa bàn "
    "xã Tân Uyên"
)
VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
COMMUNE_BODIES = ["ubnd-tanuyen", "mttq-tanuyen", "cd-tanuyen", "dtn-tanuyen", "phunu-tanuyen"]
VILLAGES = "villages"  # in a list of unit keys below: every village of the commune
Kind = Section.Kind
Cmp = Target.Comparator
Period = ReportingRule.Period
Reporters = ReportingRule.Reporters


@transaction.atomic
def load_loop_plans():
    """The plans of the follow-up loop, built unless there, by key: "province" and "commune"
    (issued; the commune's implements the province's; the province expects the commune
    committee's report every quarter, the commune its villages'), "submitted", "returned" and "approved" (commune plans waiting for the approver,
    the editor and the clerk).

    Written, approved and issued by the demo logins (orgs.demo.LOOP_LOGINS) through the
    workflow, so that history, numbers and the separation of duties are as in real use.
    """
    movements, indicators = load_catalogue()
    nodes = demo_nodes()
    movement = movements[MOVEMENT]
    # Found by summary, the oldest first: a plan a demo user starts from these (to implement
    # the province plan, say) begins with another summary or comes later.
    loop_plans = Plan.objects.filter(year__gte=LOOP_YEAR).order_by("pk")
    province = loop_plans.filter(
        issuer=nodes["bcd-laichau"], summary=PROVINCE_SUMMARY
    ).first() or _province_plan(nodes, movement, indicators)
    commune = loop_plans.filter(
        issuer=nodes["bcd-tanuyen"], parent_plan=province, summary=COMMUNE_SUMMARY
    ).first() or _commune_plan(nodes, province, indicators)
    plans = {"province": province, "commune": commune}
    for key, plan in WAITING_PLANS.items():
        found = loop_plans.filter(issuer=nodes["bcd-tanuyen"], summary=plan["summary"]).first()
        plans[key] = found or _waiting_plan(nodes, movement, key, **plan)
    return plans


def _login(username):
    return get_user_model().objects.get(username=username)


def _units(nodes, keys):
    """Organisations for unit keys; VILLAGES stands for the commune's villages."""
    villages = [nodes[f"tanuyen-thon-{n}"] for n in range(1, LOOP_VILLAGES + 1)]
    return [unit for key in keys for unit in (villages if key == VILLAGES else [nodes[key]])]


def _sections(plan):
    return {section.kind: section for section in plan.sections.all()}


def _write(section, paragraphs):
    section.body = "\n".join(paragraphs)
    section.save(update_fields=["body"])


def _sign(plan, body, second_position):
    """The head of the committee signs: a person of body (orgs.demo.DEMO_PEOPLE)."""
    plan.signer = Person.objects.filter(organisation=body).first()
    plan.signer_name = plan.signer.full_name
    plan.signer_position = "TRƯỞNG BAN"
    plan.signer_second_position = second_position


def _backdate(plan, last_on):
    """Date the plan's history as if written in the days up to last_on (its issue date): one
    event a day, the last at 09:00 that day (the services stamp each event with now)."""
    events = list(plan.events.order_by("at", "pk"))
    last = timezone.make_aware(datetime.combine(last_on, time(9)))
    for index, event in enumerate(events):
        event.at = last - timedelta(days=len(events) - 1 - index)
    PlanEvent.objects.bulk_update(events, ["at"])


def _province_plan(nodes, movement, indicators):
    editor, approver, clerk = map(_login, ["tinh-editor", "tinh-approver", "tinh-clerk"])
    commune_committee = nodes["bcd-tanuyen"]
    plan = start_plan(
        issuer=nodes["bcd-laichau"], by=editor, year=LOOP_YEAR, summary=PROVINCE_SUMMARY,
        movements=[movement],
    )  # fmt: skip
    with workflow.editing(plan, by=editor) as plan:
        plan.bases = (
            "Căn cứ Quyết định số 2214/QĐ-TTg ngày 28/12/2021 của Thủ tướng Chính phủ phê duyệt "
            "Chương trình thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” "
            "giai đoạn 2021 - 2026;"
        )
        plan.opening = (
            "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” tỉnh Lai Châu "
            "xây dựng Kế hoạch thực hiện Phong trào năm 2026 như sau:"
        )
        plan.closing = (
            "Trên đây là Kế hoạch thực hiện Phong trào năm 2026, đề nghị các cơ quan, đơn vị "
            "nghiêm túc triển khai thực hiện./."
        )
        plan.authority_lines = "TM. BAN CHỈ ĐẠO"
        _sign(plan, nodes["ubnd-laichau"], "PHÓ CHỦ TỊCH UBND TỈNH")
        plan.save()
        parts = _sections(plan)
        _write(parts[Kind.PURPOSES], [
            "- Nâng cao chất lượng, hiệu quả Phong trào ở khu dân cư, gắn với xây dựng nông thôn "
            "mới, đô thị văn minh.",
            "- Các cấp, các ngành triển khai đồng bộ, thiết thực; báo cáo kết quả đúng thời hạn.",
        ])  # fmt: skip
        families = add_target(
            parts[Kind.TARGETS], "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”",
            indicator=indicators["gia-dinh-van-hoa"], comparator=Cmp.AT_LEAST,
            value=Decimal(85), unit="%",
            text="Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”: 85% trở lên.",
        )  # fmt: skip
        # Tân Uyên is asked for more than the province as a whole (the commune plan inherits it).
        TargetAllocation.objects.create(
            target=families, organisation=Organisation.objects.get_parent(commune_committee),
            value=Decimal(90),
        )  # fmt: skip
        add_target(
            parts[Kind.TARGETS],
            "Tỷ lệ thôn, bản, tổ dân phố đạt danh hiệu “Thôn, tổ dân phố văn hóa”",
            indicator=indicators["thon-to-dan-pho-van-hoa"], comparator=Cmp.AT_LEAST,
            value=Decimal(75), unit="%", text="Tỷ lệ thôn, bản, tổ dân phố đạt danh hiệu “Thôn, "
            "tổ dân phố văn hóa”: 75% trở lên.",
        )  # fmt: skip
        tasks = parts[Kind.TASKS]
        add_task(
            tasks, "Quán triệt, triển khai Kế hoạch thực hiện Phong trào năm 2026 đến Ban Chỉ đạo "
            "các xã, phường.", leads=[VHTTDL], supports=["Các cơ quan thành viên Ban Chỉ đạo tỉnh"],
            timeframe="Quý I/2026",
        )  # fmt: skip
        add_task(
            tasks, "Chỉ đạo xây dựng mô hình điểm “Thôn văn hóa kiểu mẫu” gắn với xây dựng nông "
            "thôn mới.", leads=[commune_committee], supports=[VHTTDL], timeframe="Năm 2026",
        )  # fmt: skip
        add_task(
            tasks, "Hướng dẫn bình xét, công nhận danh hiệu “Gia đình văn hóa”, “Thôn, tổ dân phố "
            "văn hóa” năm 2026.", leads=[VHTTDL], supports=["Ban Chỉ đạo các xã, phường"],
            timeframe="Quý IV/2026",
        )  # fmt: skip
        _write(parts[Kind.FUNDING], [
            "Từ ngân sách nhà nước theo phân cấp hiện hành và các nguồn xã hội hóa hợp pháp.",
        ])  # fmt: skip
        implementation = parts[Kind.IMPLEMENTATION]
        add_duty(implementation, VHTTDL, "Cơ quan thường trực; theo dõi, tổng hợp kết quả.")
        add_duty(
            implementation, commune_committee,
            "Xây dựng kế hoạch thực hiện trên địa bàn; chỉ đạo các thôn báo cáo hằng quý.",
        )  # fmt: skip
        add_section(plan, Kind.REPORTING, body=(
            "Các đơn vị chủ trì nhiệm vụ báo cáo kết quả thực hiện hằng quý về Ban Chỉ đạo tỉnh "
            f"(qua {VHTTDL}) trước ngày 25 của tháng cuối quý."
        ))  # fmt: skip
        # Quarterly like the villages' reports to the commune, a few days later: the commune
        # starts its report from theirs (reports.services.start_from_subordinates).
        ReportingRule.objects.create(
            plan=plan, period=Period.QUARTERLY, due_day=25, reporters=Reporters.LEADS
        )
        add_recipient(plan, "Bộ Văn hóa, Thể thao và Du lịch", note="(b/c)")
        add_recipient(plan, "Thường trực Tỉnh ủy, HĐND, UBND tỉnh", note="(b/c)")
        add_recipient(plan, "Các thành viên Ban Chỉ đạo tỉnh")
        add_recipient(plan, commune_committee)
    plan = workflow.submit_plan(plan, by=editor)
    plan = workflow.approve_plan(plan, by=approver)
    plan = workflow.issue_plan(plan, by=clerk, issued_on=date(LOOP_YEAR, 1, 20))
    _backdate(plan, plan.issued_on)
    return plan


def _commune_plan(nodes, province, indicators):
    editor, approver, clerk = map(_login, ["xa-editor", "xa-approver", "xa-clerk"])
    villages = _units(nodes, [VILLAGES])
    plan = start_implementing_plan(province, issuer=nodes["bcd-tanuyen"], by=editor)
    with workflow.editing(plan, by=editor) as plan:
        plan.summary = COMMUNE_SUMMARY
        plan.opening = (
            "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Tân Uyên "
            "xây dựng Kế hoạch thực hiện Phong trào năm 2026 trên địa bàn xã như sau:"
        )
        plan.closing = (
            "Đề nghị các cơ quan thành viên Ban Chỉ đạo và các thôn nghiêm túc triển khai, "
            "báo cáo đúng thời hạn./."
        )
        _sign(plan, nodes["ubnd-tanuyen"], "CHỦ TỊCH UBND XÃ")
        plan.save()
        parts = _sections(plan)
        _write(parts[Kind.PURPOSES], [
            "- Cụ thể hóa Kế hoạch của Ban Chỉ đạo tỉnh trên địa bàn xã; phân công rõ cơ quan, "
            "thôn chủ trì từng nhiệm vụ.",
            "- Các thôn báo cáo đầy đủ, đúng hạn để Ban Chỉ đạo xã theo dõi, tổng hợp.",
        ])  # fmt: skip
        # The inherited targets give way to the commune's own (the first keeps its row).
        inherited = parts[Kind.TARGETS].targets.first()
        save_targets(parts[Kind.TARGETS], [
            {"id": inherited.pk, "label": "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”",
             "indicator": indicators["gia-dinh-van-hoa"], "comparator": Cmp.AT_LEAST,
             "value": Decimal(90), "unit": "%",
             "text": "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”: 90% trở lên."},
            {"label": "Số thôn đạt danh hiệu “Thôn văn hóa”",
             "indicator": indicators["thon-to-dan-pho-van-hoa"], "comparator": Cmp.EXACTLY,
             "value": Decimal(6), "denominator": Decimal(6), "unit": "thôn",
             "text": "6/6 thôn đạt danh hiệu “Thôn văn hóa”."},
            {"label": "Tỷ lệ người dân tham gia hoạt động văn hóa, văn nghệ, thể dục, thể thao",
             "indicator": indicators["nguoi-dan-tham-gia-van-hoa-the-thao"],
             "comparator": Cmp.AT_LEAST, "value": Decimal(50), "unit": "%",
             "text": "Tỷ lệ người dân tham gia hoạt động văn hóa, văn nghệ, thể dục, thể thao: "
             "50% trở lên."},
        ], by=editor)  # fmt: skip
        tasks = parts[Kind.TASKS]
        copied = tasks.tasks.first()  # the province's task that names the commune
        save_tasks(tasks, [
            {"content": "Tuyên truyền nội dung Phong trào trên loa truyền thanh và tại các "
             "buổi họp thôn.", "leads": [nodes["ubnd-tanuyen"]],
             "supports": [nodes["mttq-tanuyen"], *villages], "timeframe": "Cả năm 2026"},
            {"content": "Hướng dẫn các hộ gia đình đăng ký danh hiệu “Gia đình văn hóa” "
             "năm 2026.", "leads": villages, "supports": [nodes["phunu-tanuyen"]],
             "timeframe": "Quý I/2026"},
            {"id": copied.pk if copied else None,
             "content": "Xây dựng mô hình “Thôn văn hóa kiểu mẫu” tại Thôn 1.",
             "leads": [villages[0]], "supports": [nodes["ubnd-tanuyen"]],
             "timeframe": "Năm 2026"},
            {"content": "Tổ chức giải thể thao, liên hoan văn nghệ chào mừng Ngày hội Đại đoàn "
             "kết toàn dân tộc.", "leads": [nodes["dtn-tanuyen"]],
             "supports": [nodes["cd-tanuyen"], *villages], "timeframe": "Tháng 11/2026"},
            {"content": "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư.",
             "leads": [nodes["mttq-tanuyen"]], "supports": villages,
             "timeframe": "Tháng 11/2026"},
        ], by=editor)  # fmt: skip
        save_duties(parts[Kind.IMPLEMENTATION], [
            {"unit": nodes["ubnd-tanuyen"], "body": "Công chức Văn hóa - Xã hội theo dõi, "
             "tổng hợp báo cáo của các thôn, tham mưu Ban Chỉ đạo xã."},
            {"unit": nodes["mttq-tanuyen"], "body": "Chủ trì Ngày hội Đại đoàn kết; giám sát "
             "việc bình xét danh hiệu."},
            {"unit": "Các thôn", "body": "Triển khai đến từng hộ; báo cáo kết quả hằng quý."},
        ], by=editor)  # fmt: skip
        add_section(plan, Kind.REPORTING, body=(
            "Các thôn báo cáo kết quả thực hiện hằng quý về Ban Chỉ đạo xã (qua công chức "
            "Văn hóa - Xã hội) trước ngày 20 của tháng cuối quý: 20/3, 20/6, 20/9 và 20/12/2026."
        ))  # fmt: skip
        ReportingRule.objects.create(
            plan=plan, period=Period.QUARTERLY, due_day=20, reporters=Reporters.SUBORDINATES
        )
        for unit in _units(nodes, [*COMMUNE_BODIES, VILLAGES]):
            add_recipient(plan, unit)
    plan = workflow.submit_plan(plan, by=editor)
    plan = workflow.approve_plan(plan, by=approver)
    plan = workflow.issue_plan(plan, by=clerk, issued_on=date(LOOP_YEAR, 2, 10))
    _backdate(plan, plan.issued_on)
    return plan


# Commune plans waiting for someone, by key: the step they stopped at is the key.
# tasks: (content, lead unit keys, coordinating unit keys, timeframe).
WAITING_PLANS = {
    "submitted": {
        "summary": "Bình xét, công nhận danh hiệu “Gia đình văn hóa”, “Thôn văn hóa” năm 2026 "
        "trên địa bàn xã Tân Uyên",
        "year": LOOP_YEAR,
        "tasks": [
            ("Các thôn họp bình xét, đề nghị công nhận danh hiệu “Gia đình văn hóa”.",
             [VILLAGES], ["mttq-tanuyen"], "Trước ngày 10/12/2026"),
            ("Thẩm định hồ sơ, trình Chủ tịch UBND xã quyết định công nhận.",
             ["ubnd-tanuyen"], ["mttq-tanuyen"], "Trước ngày 25/12/2026"),
        ],
    },
    "returned": {
        "summary": "Tổ chức các hoạt động văn hóa, văn nghệ, thể dục, thể thao mừng Đảng, mừng "
        "Xuân năm 2027",
        "year": LOOP_YEAR + 1,
        "tasks": [
            ("Giải bóng chuyền hơi mừng Xuân.", ["cd-tanuyen"], ["dtn-tanuyen"], "Tháng 01/2027"),
            ("Liên hoan văn nghệ các thôn.", ["phunu-tanuyen"], [VILLAGES], "Tháng 01/2027"),
        ],
        "comment": "Đề nghị ghi rõ thời gian, địa điểm của từng hoạt động và bổ sung dự trù kinh "
        "phí; giải bóng chuyền hơi do Đoàn Thanh niên chủ trì, Công đoàn phối hợp.",
    },
    "approved": {
        "summary": "Kiểm tra, đánh giá kết quả thực hiện Phong trào “Toàn dân đoàn kết xây dựng "
        "đời sống văn hóa” tại các thôn năm 2026",
        "year": LOOP_YEAR,
        "tasks": [
            ("Kiểm tra việc thực hiện tiêu chuẩn “Thôn văn hóa” tại các thôn.",
             ["ubnd-tanuyen"], ["mttq-tanuyen"], "Tháng 12/2026"),
        ],
    },
}  # fmt: skip


def _waiting_plan(nodes, movement, key, *, summary, year, tasks, comment=""):
    """A commune plan written by xa-editor and sent for approval; then returned with comment
    or approved by xa-approver as key says."""
    editor, approver = _login("xa-editor"), _login("xa-approver")
    plan = start_plan(
        issuer=nodes["bcd-tanuyen"], by=editor, year=year, summary=summary, movements=[movement]
    )
    with workflow.editing(plan, by=editor) as plan:
        _sign(plan, nodes["ubnd-tanuyen"], "CHỦ TỊCH UBND XÃ")
        plan.save()
        parts = _sections(plan)
        _write(parts[Kind.PURPOSES], [f"- {summary} đúng quy định, thiết thực, tiết kiệm."])
        for content, leads, supports, timeframe in tasks:
            add_task(
                parts[Kind.TASKS], content, leads=_units(nodes, leads),
                supports=_units(nodes, supports), timeframe=timeframe,
            )  # fmt: skip
    plan = workflow.submit_plan(plan, by=editor)
    if key == "returned":
        plan = workflow.return_plan(plan, by=approver, comment=comment)
    elif key == "approved":
        plan = workflow.approve_plan(plan, by=approver)
    return plan
