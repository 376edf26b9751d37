"""The completeness check of a plan before it goes to its approver."""

from django.urls import reverse

from plans import services
from plans.completeness import gaps
from plans.demo import load_demo_plans
from plans.models import ReportingRule
from plans.printing import plan_for_document


def messages_of(plan):
    return [gap.message for gap in gaps(plan_for_document(plan.pk))]


def test_a_new_draft_lacks_contents_closing_recipients_and_signer(draft):
    found = messages_of(draft)
    assert "Phần “NỘI DUNG, THỜI GIAN THỰC HIỆN” chưa có nội dung." in found
    assert "Chưa có đoạn kết (“Trên đây là Kế hoạch…”)." in found
    assert "Chưa có nơi nhận." in found
    assert "Chưa có người ký." in found
    assert not any("quy định báo cáo" in message for message in found)


def test_each_gap_links_to_where_it_is_written(draft):
    section = draft.sections.get(kind="tasks")
    by_message = {gap.message: gap.url for gap in gaps(plan_for_document(draft.pk))}
    assert by_message["Phần “NỘI DUNG, THỜI GIAN THỰC HIỆN” chưa có nội dung."] == reverse(
        "plans:section", args=[draft.pk, section.pk]
    )
    assert by_message["Chưa có nơi nhận."] == reverse("plans:edit", args=[draft.pk]) + "#recipients"


def test_a_text_that_announces_reports_asks_for_reporting_rules(draft, tree):
    duties = draft.sections.get(kind="implementation")
    services.add_duty(duties, tree.orgs["village_one"], "Định kỳ hằng quý bao cao ket qua ve xã.")
    assert any("chưa có quy định báo cáo" in message for message in messages_of(draft))
    ReportingRule.objects.create(plan=draft, period="quarterly", reporters="subordinates")
    assert not any("quy định báo cáo" in message for message in messages_of(draft))


def test_a_reporting_section_without_rules_is_a_gap(draft):
    services.add_section(draft, "reporting", body="Các thôn báo cáo hằng quý.")
    found = [g for g in gaps(plan_for_document(draft.pk)) if "quy định báo cáo" in g.message]
    assert found and found[0].url.endswith("#reporting-rules")


def test_the_seed_plans_lack_nothing(demo):
    for plan in load_demo_plans():
        assert messages_of(plan) == [], plan.summary


def test_the_plan_page_lists_the_gaps_before_submit_and_the_reports_to_come(client, tree, draft):
    client.force_login(tree.users["own_editor"])
    html = client.get(reverse("plans:detail", args=[draft.pk])).content.decode()
    assert 'id="kiem-tra"' in html and "Chưa có nơi nhận." in html
    assert "Vẫn trình duyệt?" in html  # the submit button asks first
    assert "sẽ giao <strong>0</strong> báo cáo" in html


def test_readers_and_issued_plans_show_no_check(client, tree, plans):
    client.force_login(tree.users["own_viewer"])
    assert (
        'id="kiem-tra"'
        not in client.get(reverse("plans:detail", args=[plans["draft"].pk])).content.decode()
    )
    client.force_login(tree.users["own_editor"])
    assert (
        'id="kiem-tra"'
        not in client.get(reverse("plans:detail", args=[plans["issued"].pk])).content.decode()
    )
