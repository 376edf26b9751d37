"""Writing a plan through the pages: saving, reordering, and bad input."""

import pytest
from django.urls import reverse

from plans import services
from plans.locks import header_version, section_version
from plans.models import Task
from plans.printing import plan_text

SCRIPT = "<script>alert('x')</script>"


def management(total, initial=0, prefix="items"):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def section_data(rows, title="NỘI DUNG", initial=0):
    data = {
        "section-title": title,
        "section-item_style": "numbered",
        **management(len(rows), initial),
    }
    for index, row in enumerate(rows):
        data.update({f"items-{index}-{key}": value for key, value in row.items()})
    return data


def post_section(client, plan, kind, rows, **extra):
    section = plan.sections.get(kind=kind)
    url = reverse("plans:section", args=[plan.pk, section.pk])
    data = {**section_data(rows), "version": section_version(section), **extra}
    return client.post(url, data), section


def test_tasks_are_saved_in_the_order_arranged_with_subtasks_and_units(editor, tree, draft):
    rows = [
        {"content": "Thứ hai", "ORDER": "2", "leads": "Ủy ban nhân dân xã Một; Các thôn",
         "timeframe": "Quý II"},
        {"content": "Thứ nhất", "ORDER": "1", "supports": "Thôn Một-1", "timeframe": "Cả năm"},
        {"content": "Mục con của thứ hai", "ORDER": "3", "is_subtask": "on",
         "timeframe": "Trước ngày 10/6"},
    ]  # fmt: skip
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 302

    top = list(Task.objects.filter(section=section, parent=None).order_by("order"))
    assert [t.content for t in top] == ["Thứ nhất", "Thứ hai"]
    assert [s.content for s in top[1].subtasks.all()] == ["Mục con của thứ hai"]
    leads = list(top[1].units.filter(role="lead").order_by("order"))
    assert [u.organisation_id for u in leads] == [tree.orgs["government_one"].pk, None]
    assert [u.label for u in leads] == ["Ủy ban nhân dân xã Một", "Các thôn"]
    assert str(top[1].starts_on) == "2024-04-01" and str(top[1].ends_on) == "2024-06-30"
    assert top[1].subtasks.get().ends_on.isoformat() == "2024-06-10"


def test_editing_keeps_row_ids_and_deleting_removes_only_the_marked_row(editor, draft):
    section = draft.sections.get(kind="tasks")
    first = services.add_task(section, "Một")
    second = services.add_task(section, "Hai")
    rows = [
        {"id": str(first.pk), "content": "Một (sửa)", "ORDER": "1"},
        {"id": str(second.pk), "content": "Hai", "ORDER": "2", "DELETE": "on"},
    ]
    response, _ = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 302
    assert list(Task.objects.filter(section=section).values_list("pk", "content")) == [
        (first.pk, "Một (sửa)")
    ]


def test_a_timeframe_ending_before_it_starts_is_refused_beside_the_field(editor, draft):
    rows = [
        {
            "content": "Kiểm tra " + SCRIPT,
            "leads": "Các thôn",
            "timeframe": "Từ 20/11 đến 10/11/2024",
        }
    ]
    response, section = post_section(editor, draft, "tasks", rows)
    page = response.content.decode()

    assert response.status_code == 200
    assert "sớm hơn thời gian bắt đầu" in page
    assert 'value="Từ 20/11 đến 10/11/2024"' in page  # what was typed is still there
    assert "Kiểm tra &lt;script&gt;" in page and SCRIPT not in page
    assert not section.tasks.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"label": "Tỷ lệ gia đình văn hóa", "comparator": "at_least", "value": "120", "unit": "%"},
         "Tỷ lệ không được vượt quá 100%."),
        ({"label": "Tổ dân phố văn hóa", "comparator": "maintain", "value": "9", "denominator": "8",
          "unit": "tổ"}, "Giá trị không được lớn hơn tổng số."),
        ({"label": "", "comparator": "at_least", "value": "5"}, "Trường này là bắt buộc."),
    ],
)  # fmt: skip
def test_bad_targets_get_a_message_and_keep_the_typed_values(editor, draft, row, message):
    response, section = post_section(editor, draft, "targets", [row])
    page = response.content.decode()
    assert message in page
    assert f'value="{row["value"]}"' in page
    assert not section.targets.exists()


def test_twenty_thousand_characters_are_refused_and_kept(editor, draft):
    text = "a" * 20_001
    response, section = post_section(editor, draft, "tasks", [{"content": text}])
    page = response.content.decode()
    assert "tối đa 20000 kí tự" in page
    assert text in page
    assert not section.tasks.exists()


def test_a_required_field_left_empty_keeps_the_rest_of_the_form(editor, draft):
    response = editor.post(
        reverse("plans:edit", args=[draft.pk]),
        {"summary": "", "year": "2024", "symbol": "KH-BCĐ", "place": "Một", "opening": "Mở đầu " + SCRIPT,
         "task_layout": "paragraphs", "archive_line": "Lưu: VT.", **management(0, prefix="recipients"),
         "version": header_version(draft)},
    )  # fmt: skip
    page = response.content.decode()
    assert "Trường này là bắt buộc." in page
    assert "Mở đầu &lt;script&gt;" in page
    draft.refresh_from_db()
    assert draft.summary == "Dự thảo xã Một"


def test_html_typed_anywhere_is_shown_escaped_in_the_preview(editor, draft):
    section = draft.sections.get(kind="tasks")
    services.add_task(section, SCRIPT, leads=[SCRIPT], timeframe=SCRIPT)
    draft.summary = f"<img src=x onerror=alert(1)> {SCRIPT}"
    draft.save()
    page = editor.get(reverse("plans:detail", args=[draft.pk])).content.decode()
    assert SCRIPT not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_recipients_are_saved_in_order_with_their_notes(editor, tree, draft):
    data = {
        "summary": "Dự thảo xã Một", "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
        "task_layout": "paragraphs", "archive_line": "Lưu: VP.", **management(2, prefix="recipients"),
        "recipients-0-kind": "recipient", "recipients-0-unit": "Ban Chỉ đạo tỉnh A",
        "recipients-0-note": "(b/c)", "recipients-0-ORDER": "1",
        "recipients-1-kind": "recipient", "recipients-1-unit": "Các thôn", "recipients-1-ORDER": "2",
        "version": header_version(draft),
    }  # fmt: skip
    assert editor.post(reverse("plans:edit", args=[draft.pk]), data).status_code == 302
    text = plan_text(draft)
    # The file copy always names the clerk's office first (CHECKLIST 70: "Lưu: VT…").
    assert "- Ban Chỉ đạo tỉnh A (b/c);\n- Các thôn;\n- Lưu: VT, VP." in text
    first = draft.recipients.get(order=1)
    assert first.organisation == tree.orgs["province_committee"]


def test_the_plan_page_needs_the_same_queries_for_3_and_30_tasks(
    client, tree, draft, django_assert_max_num_queries
):
    section = draft.sections.get(kind="tasks")
    client.force_login(tree.users["own_editor"])
    url = reverse("plans:detail", args=[draft.pk])

    def queries_for(count):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        while section.tasks.count() < count:
            parent = services.add_task(section, "Nhiệm vụ", leads=["Các thôn", tree.orgs["village_one"]],
                                       supports=["MTTQ"], timeframe="Quý I")  # fmt: skip
            services.add_task(section, "Mục con", parent=parent, supports=["Các thôn"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries_for(4) == queries_for(60)
    with django_assert_max_num_queries(21):  # 21: the further signature blocks (one query)
        client.get(url)


def test_timeframe_hint_explains_the_dates_understood(editor, draft):
    url = reverse("plans:timeframe_hint")
    page = editor.get(url, {"year": "2023", "items-0-timeframe": "Từ 17/10 đến 18/11 hằng năm"})
    assert "Hằng năm, từ 17/10 đến 18/11" in page.content.decode()
    page = editor.get(url, {"year": "2023", "items-0-timeframe": "31/02/2023"})
    assert "không tồn tại" in page.content.decode()


def test_unit_suggestions_ignore_diacritics_and_keep_earlier_units(editor, tree, draft):
    page = editor.get(reverse("plans:unit_options"), {"items-0-leads": "Các thôn; uy ban nhan dan"})
    assert '<option value="Các thôn; Ủy ban nhân dân xã Một">' in page.content.decode()


def test_an_editor_copies_a_plan_into_the_next_year_as_a_draft(editor, plans):
    issued = plans["issued"]
    response = editor.post(reverse("plans:copy", args=[issued.pk]), {"year": "2025"})
    copy = issued.__class__.objects.exclude(pk__in=[p.pk for p in plans.values()]).get()
    assert response.url == reverse("plans:edit", args=[copy.pk])
    assert (copy.year, copy.status, copy.number) == (2025, "draft", None)


def test_a_commune_starts_its_plan_from_the_province_plan(client, tree, plans):
    province = plans["province"]
    client.force_login(tree.users["own_editor"])
    page = client.get(reverse("plans:detail", args=[province.pk])).content.decode()
    assert "Lập kế hoạch triển khai" in page

    response = client.post(
        reverse("plans:implement", args=[province.pk]), {"issuer": tree.orgs["committee_one"].pk}
    )
    child = province.implementing_plans.get()
    assert response.url == reverse("plans:edit", args=[child.pk])
    assert child.bases.startswith("Thực hiện Kế hoạch số 30/KH-BCĐ ngày 05/02/2024")
    assert "Hướng dẫn các xã" in plan_text(child)


def test_implementing_needs_an_editor_role_at_the_chosen_unit(client, tree, plans):
    client.force_login(tree.users["own_viewer"])
    response = client.post(
        reverse("plans:implement", args=[plans["province"].pk]),
        {"issuer": tree.orgs["committee_one"].pk},
    )
    assert response.status_code == 403
    assert not plans["province"].implementing_plans.exists()


def test_choosing_the_signer_prints_their_name_and_position_in_their_own_body(editor, tree, draft):
    from orgs.models import Person
    from orgs.services import add_committee_seat

    add_committee_seat(
        tree.orgs["committee_one"], position="head", full_name="Lại Văn Thơm",
        person_position="Chủ tịch UBND xã", member_body=tree.orgs["government_one"],
    )  # fmt: skip
    person = Person.objects.get(full_name="Lại Văn Thơm")
    data = {
        "summary": "Dự thảo xã Một", "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
        "task_layout": "paragraphs", "archive_line": "Lưu: VT.", "signer": person.pk,
        "signer_position": "TRƯỞNG BAN", **management(0, prefix="recipients"),
        "version": header_version(draft),
    }  # fmt: skip
    page = editor.get(reverse("plans:edit", args=[draft.pk])).content.decode()
    assert f'<option value="{person.pk}">Lại Văn Thơm (Chủ tịch UBND xã)</option>' in page
    assert editor.post(reverse("plans:edit", args=[draft.pk]), data).status_code == 302
    assert plan_text(draft).endswith("TRƯỞNG BAN\nCHỦ TỊCH UBND XÃ\nLại Văn Thơm")
