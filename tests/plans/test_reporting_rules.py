"""The reporting regime written in the plan editor: rules, the paragraph they print, the
reports they create on issuance."""

from datetime import date

import pytest
from django.urls import reverse

from orgs.models import CommitteeMember, Organisation
from plans import reuse, services
from plans.errors import PlanError
from plans.locks import section_version
from plans.models import ReportingRule
from plans.reporting import expected_reports, periods, regime_text
from reports.models import Report
from reports.services import create_expected_reports, report_targets

from .test_editing import SCRIPT, management

Period, Reporters = ReportingRule.Period, ReportingRule.Reporters


@pytest.fixture
def draft(plans):
    plan = plans["draft"]
    services.add_section(plan, "reporting")
    targets = plan.sections.get(kind="targets")
    services.add_target(targets, "Tỷ lệ hộ gia đình văn hóa", value=90, unit="%")
    services.add_target(targets, "Số thôn đạt danh hiệu", value=6, denominator=6, unit="thôn")
    return plan


def rule(**fields):
    return {
        "period": "quarterly", "due_day": "20", "due_month": "", "reporters": "subordinates",
        "unit_kind": "", "named_units": "", "report_to": "", **fields,
    }  # fmt: skip


def post_rules(client, plan, rules, *, body="", **extra):
    section = plan.sections.get(kind="reporting")
    data = {
        "version": section_version(section), "section-title": "CHẾ ĐỘ BÁO CÁO",
        "section-item_style": "numbered", "section-body": body,
        **management(len(rules), prefix="rules"), **extra,
    }  # fmt: skip
    for index, row in enumerate(rules):
        for key, value in row.items():
            data[f"rules-{index}-{key}"] = value
    url = reverse("plans:section", args=[plan.pk, section.pk])
    return client.post(url, data), section


# --- the printed paragraph ---------------------------------------------------------------


def make_rule(plan, **fields):
    targets = fields.pop("targets", [])
    named = fields.pop("named", [])
    made = ReportingRule.objects.create(plan=plan, **fields)
    made.targets.set(targets)
    made.named_units.set(named)
    return made


def test_rules_print_one_sentence_per_group_of_reporters_and_addressee(draft, tree):
    make_rule(draft, period=Period.HALF_YEAR, due_day=10, due_month=6,
              reporters=Reporters.SUBORDINATES, report_to_text="Văn phòng Sở")  # fmt: skip
    make_rule(draft, period=Period.YEARLY, due_day=10, due_month=11,
              reporters=Reporters.SUBORDINATES, report_to_text="Văn phòng Sở")  # fmt: skip
    make_rule(draft, period=Period.MONTHLY, reporters=Reporters.MEMBERS)
    assert regime_text(draft).splitlines() == [
        "Các đơn vị cấp dưới báo cáo kết quả thực hiện kế hoạch 6 tháng (trước ngày 10/6) và "
        "hằng năm (trước ngày 10/11) gửi về Văn phòng Sở.",
        "Các cơ quan thành viên Ban Chỉ đạo báo cáo kết quả thực hiện kế hoạch hằng tháng "
        "(theo quy định) gửi về Ban Chỉ đạo xã Một.",
    ]


def test_a_rule_for_villages_names_them_and_its_targets(draft, tree):
    households = draft.sections.get(kind="targets").targets.first()
    make_rule(draft, period=Period.QUARTERLY, due_day=20, reporters=Reporters.SUBORDINATES,
              unit_kind=Organisation.Kind.VILLAGE, targets=[households])  # fmt: skip
    make_rule(draft, period=Period.ONCE, due_day=5, due_month=3,
              reporters=Reporters.NAMED, named=[tree.orgs["government_one"]])  # fmt: skip
    assert regime_text(draft).splitlines() == [
        "Các thôn, tổ dân phố báo cáo kết quả thực hiện kế hoạch hằng quý (trước ngày 20 của "
        "tháng cuối quý) gửi về Ban Chỉ đạo xã Một; nội dung báo cáo gồm các chỉ tiêu: "
        "Tỷ lệ hộ gia đình văn hóa.",
        "Ủy ban nhân dân xã Một báo cáo kết quả thực hiện kế hoạch trước ngày 5/3/2024 gửi về "
        "Ban Chỉ đạo xã Một.",
    ]


def test_a_report_asked_once_is_due_on_its_day(draft):
    once = make_rule(draft, period=Period.ONCE, due_day=5, due_month=3, reporters=Reporters.LEADS)
    assert periods(once, draft) == [
        ("Báo cáo hạn 05/03/2024", date(2024, 1, 1), date(2024, 3, 5), date(2024, 3, 5))
    ]


def test_reporters_by_kind_and_member_bodies(draft, tree):
    o = tree.orgs
    CommitteeMember.objects.create(
        committee=o["committee_one"], member_body=o["government_one"], position="member"
    )
    members = make_rule(draft, period=Period.YEARLY, reporters=Reporters.MEMBERS)
    villages = make_rule(draft, period=Period.YEARLY, reporters=Reporters.SUBORDINATES,
                         unit_kind=Organisation.Kind.VILLAGE)  # fmt: skip
    committees = make_rule(draft, period=Period.YEARLY, reporters=Reporters.SUBORDINATES,
                           unit_kind=Organisation.Kind.COMMITTEE)  # fmt: skip
    units = {}
    for item in expected_reports(draft):
        units.setdefault(item.rule.pk, []).append(item.unit)
    assert units[members.pk] == [o["government_one"]]
    assert units[villages.pk] == [o["village_one"]]
    assert committees.pk not in units  # a commune has no committee below it


# --- the editor --------------------------------------------------------------------------


def test_the_editor_saves_rules_writes_the_paragraph_and_previews_the_reports(editor, draft, tree):
    households = draft.sections.get(kind="targets").targets.first()
    response, section = post_rules(
        editor, draft, [rule(unit_kind="village", targets=[str(households.pk)])]
    )
    assert response.status_code == 302
    saved = draft.reporting_rules.get()
    assert (saved.period, saved.due_day, saved.unit_kind) == ("quarterly", 20, "village")
    assert list(saved.targets.all()) == [households]
    section.refresh_from_db()
    assert section.body.startswith("Các thôn, tổ dân phố báo cáo kết quả thực hiện kế hoạch hằng")

    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk]))
    html = page.content.decode()
    assert "Các báo cáo sẽ được tạo khi ban hành: 4" in html
    assert "Quý I năm 2024" in html and "20/03/2024" in html
    assert "Thôn Một-1" in html


def test_a_paragraph_written_by_hand_is_kept_until_asked_to_follow_the_rules(editor, draft):
    response, section = post_rules(editor, draft, [rule()], body="Báo cáo theo quy định.")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "Báo cáo theo quy định."
    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk]))
    assert 'id="regime-text-differs"' in page.content.decode()

    first = draft.reporting_rules.get()
    response, section = post_rules(
        editor, draft, [rule(id=str(first.pk))], body="Báo cáo theo quy định.", regenerate="1"
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == regime_text(draft)
    assert list(draft.reporting_rules.all()) == [first]


def test_the_paragraph_follows_the_rules_while_it_says_what_they_said(editor, draft):
    post_rules(editor, draft, [rule()])
    section = draft.sections.get(kind="reporting")
    first = draft.reporting_rules.get()
    response, _ = post_rules(
        editor, draft, [rule(id=str(first.pk), period="monthly", due_day="25")], body=section.body
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert "hằng tháng (trước ngày 25 hằng tháng)" in section.body
    assert draft.reporting_rules.get().pk == first.pk


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"due_day": "99"}, "due_day", "Ngày phải từ 1 đến 31."),
        ({"due_day": "31", "due_month": "2", "period": "yearly"}, "due_day", "Tháng 2 không có"),
        ({"period": "once", "due_day": "", "due_month": ""}, "due_day", "cần ngày và tháng"),
        ({"reporters": "named", "named_units": ""}, "named_units", "ít nhất một đơn vị"),
        ({"reporters": "named", "named_units": "Thôn Ma"}, "named_units", "Không tìm thấy"),
        ({"period": "weekly"}, "period", "Hãy chọn"),
        ({"unit_kind": "<b>"}, "unit_kind", "Hãy chọn"),
        ({"named_units": "Thôn\x07Một", "reporters": "named"}, "named_units", "ký tự điều khiển"),
        ({"due_month": "13", "period": "yearly"}, "due_month", "Tháng phải từ 1 đến 12."),
    ],
)
def test_bad_rules_are_refused_next_to_the_field_keeping_what_was_typed(
    editor, draft, fields, field, message
):
    response, _ = post_rules(editor, draft, [rule(report_to="Văn phòng <i>Sở</i>", **fields)])
    assert response.status_code in (200, 400)
    assert not draft.reporting_rules.exists()
    if response.status_code == 200:
        form = response.context["rules"].forms[0]
        assert field in form.errors and message in " ".join(form.errors[field])
        html = response.content.decode()
        assert "Văn phòng &lt;i&gt;Sở&lt;/i&gt;" in html


def test_hostile_text_in_the_addressee_prints_escaped(editor, draft):
    response, section = post_rules(editor, draft, [rule(report_to=SCRIPT)])
    assert response.status_code == 302
    assert draft.reporting_rules.get().report_to_text == SCRIPT
    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk]))
    assert SCRIPT not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


def test_an_addressee_in_the_tree_is_linked_to_it(editor, draft, tree):
    post_rules(editor, draft, [rule(report_to="Ủy ban nhân dân xã Một")])
    saved = draft.reporting_rules.get()
    assert saved.report_to == tree.orgs["government_one"] and saved.report_to_text == ""


def test_a_target_of_another_plan_is_never_attached(draft, plans):
    other = plans["province"].sections.get(kind="targets")
    foreign = services.add_target(other, "Chỉ tiêu tỉnh", value=1)
    services.save_reporting_rules(
        draft, [{"period": "yearly", "reporters": "leads", "targets": [foreign.pk]}], by=None,
    )  # fmt: skip
    assert not draft.reporting_rules.get().targets.exists()


def test_rules_of_an_issued_plan_change_only_through_a_new_version(plans):
    with pytest.raises(PlanError, match="không thể sửa"):
        services.save_reporting_rules(plans["issued"], [], by=None)


def test_someone_elses_rule_change_makes_the_section_stale(editor, draft):
    section = draft.sections.get(kind="reporting")
    before = section_version(section)
    make_rule(draft, period=Period.YEARLY, reporters=Reporters.LEADS)
    assert section_version(section) != before


# --- issuance and after -------------------------------------------------------------------


def test_issuance_creates_what_the_preview_listed_and_reports_ask_their_rules_targets(draft):
    households = draft.sections.get(kind="targets").targets.first()
    make_rule(draft, period=Period.QUARTERLY, due_day=20, reporters=Reporters.SUBORDINATES,
              targets=[households])  # fmt: skip
    listed = [(i.unit.pk, i.label, i.due) for i in expected_reports(draft)]
    assert create_expected_reports(draft) == 4
    created = Report.objects.filter(plan=draft).order_by("due_on")
    assert [(r.organisation_id, r.label, r.due_on) for r in created] == listed
    assert list(report_targets(created[0])) == [households]


def test_copying_a_plan_keeps_its_rules_with_the_copied_targets(draft, tree):
    households = draft.sections.get(kind="targets").targets.first()
    make_rule(draft, period=Period.YEARLY, due_day=10, due_month=11, reporters=Reporters.LEADS,
              targets=[households])  # fmt: skip
    copy = reuse.copy_plan_to_year(draft, year=2025, by=tree.users["own_editor"])
    copied = copy.reporting_rules.get()
    assert [t.label for t in copied.targets.all()] == ["Tỷ lệ hộ gia đình văn hóa"]
    assert copied.targets.get().section.plan_id == copy.pk
