"""The unit picker of the plan editor: its search (plans:unit_search), and the ids it posts
("#123"), accepted only for units the user may see; names typed keep working as before."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgs.services import add_organisation
from plans import services
from plans.locks import header_version, section_version
from plans.models import Recipient, Responsibility, Task
from plans.printing import plan_text

from .test_editing import SCRIPT, management, post_section

SEARCH = reverse("plans:unit_search")


@pytest.fixture
def villages(tree):
    """A "Thôn 1" in each commune of Tỉnh A and one in Tỉnh B: the same name in three places."""
    o = tree.orgs
    level = o["village_one"].level
    return {
        key: add_organisation(parent=o[parent], kind="village", level=level, name="Thôn 1")
        for key, parent in (
            ("one", "commune_one"),
            ("two", "commune_two"),
            ("other", "other_province"),
        )
    }


def search(client, user, q):
    client.force_login(user)
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_search_gives_the_id_names_and_place_in_the_tree(client, tree):
    government = tree.orgs["government_one"]
    government.short_name = "UBND xã Một"
    government.save()
    [found] = search(client, tree.users["own_editor"], "uy ban nhan dan")
    assert found == {
        "value": f"#{government.pk}",
        "id": government.pk,
        "name": "Ủy ban nhân dân xã Một",
        "short_name": "UBND xã Một",
        "text": "UBND xã Một",
        "place": "Ủy ban nhân dân xã Một — Xã Một — Tỉnh A",
        "ambiguous": False,
    }


def test_a_name_found_in_several_places_is_marked_ambiguous_with_each_place(client, tree, villages):
    found = search(client, tree.users["province_editor"], "Thôn 1")
    assert [(f["id"], f["place"], f["ambiguous"]) for f in found] == [
        (villages["one"].pk, "Thôn 1 — Xã Một — Tỉnh A", True),
        (villages["two"].pk, "Thôn 1 — Xã Hai — Tỉnh A", True),
        (tree.orgs["village_one"].pk, "Thôn Một-1 — Xã Một — Tỉnh A", False),
    ]


def test_another_provinces_units_never_appear_nor_make_a_name_ambiguous(client, tree, villages):
    # The commune editor sees Xã Một only: one "Thôn 1", not ambiguous for them.
    found = search(client, tree.users["own_editor"], "Thôn 1")
    assert [(f["name"], f["ambiguous"]) for f in found] == [
        ("Thôn 1", False),
        ("Thôn Một-1", False),
    ]
    assert villages["one"].pk in [f["id"] for f in found]
    other = {tree.orgs["other_province"].pk, tree.orgs["other_committee"].pk}
    assert other.isdisjoint(f["id"] for f in search(client, tree.users["own_editor"], "tỉnh B"))
    seen = search(client, tree.users["province_editor"], "Thôn")
    assert villages["other"].pk not in [f["id"] for f in seen]
    outsider = search(client, tree.users["outsider"], "Thôn")
    assert [f["id"] for f in outsider] == [villages["other"].pk]


@pytest.mark.parametrize("q", ["", "T", " x ", "  \u200b "])
def test_fewer_than_two_characters_find_nothing(client, tree, q):
    assert search(client, tree.users["province_editor"], q) == []


@pytest.mark.parametrize("q", ["Thôn\x00 1", "\x1b[31m", "Thôn\x1b 1", "\t\n\x7f"])
def test_control_characters_are_refused_before_the_search(client, tree, q):
    client.force_login(tree.users["province_editor"])
    assert client.get(SEARCH, {"q": q}).status_code == 400


@pytest.mark.parametrize("q", [SCRIPT, "%_'\"", "ồ" * 5000, "Xã " * 300])
def test_hostile_searches_answer_json(client, tree, villages, q):
    found = search(client, tree.users["province_editor"], q)
    assert all(f["id"] != villages["other"].pk for f in found)


def test_at_most_twenty_units_come_back_in_the_same_number_of_queries(
    client, tree, django_assert_max_num_queries
):
    o, user = tree.orgs, tree.users["province_editor"]
    level = o["village_one"].level

    def queries_for(q):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            found = client.get(SEARCH, {"q": q}).json()["results"]
        return len(captured), len(found)

    for n in range(25):
        parent = o["commune_one"] if n % 2 else o["commune_two"]
        add_organisation(parent=parent, kind="village", level=level, name=f"Xóm {n}")
    few, found_few = queries_for("Xóm 1")
    many, found_many = queries_for("Xóm")
    assert (found_few, found_many) == (12, 20)  # Xóm 1, Xóm 10 … Xóm 19, Xóm 21
    assert few == many
    client.force_login(user)
    with django_assert_max_num_queries(6):
        client.get(SEARCH, {"q": "Xóm"})


def test_search_needs_a_login(client):
    response = client.get(SEARCH, {"q": "Thôn"})
    assert response.status_code == 302


# --- ids posted by the picker -------------------------------------------------------------


def test_a_picked_id_links_the_unit_and_prints_its_short_name(editor, tree, draft):
    government = tree.orgs["government_one"]
    government.short_name = "UBND xã Một"
    government.save()
    rows = [{"content": "Việc một", "ORDER": "1", "leads": f"#{government.pk}; Công an xã"}]
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 302
    leads = list(Task.objects.get(section=section).units.order_by("order"))
    assert [(u.organisation_id, u.text) for u in leads] == [
        (government.pk, ""),
        (None, "Công an xã"),
    ]
    text = plan_text(draft)
    assert "- Thực hiện: UBND xã Một, Công an xã." in text
    assert "Ủy ban nhân dân xã Một" not in text


def test_the_picker_shows_a_picked_unit_again_with_its_id_and_place(editor, tree, draft):
    government = tree.orgs["government_one"]
    section = draft.sections.get(kind="tasks")
    services.add_task(section, "Việc một", leads=[government, "Các thôn"])
    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk]))
    field = page.context["items"].forms[0].fields["leads"]
    assert json.loads(field.widget.attrs["data-items"]) == [
        {
            "value": f"#{government.pk}",
            "id": government.pk,
            "name": "Ủy ban nhân dân xã Một",
            "short_name": "",
            "text": "Ủy ban nhân dân xã Một",
            "place": "Ủy ban nhân dân xã Một — Xã Một — Tỉnh A",
            "ambiguous": False,
        },
        {"value": "Các thôn", "text": "Các thôn", "place": "", "ambiguous": False},
    ]
    # Without JavaScript the field shows the names, as before.
    assert 'value="Ủy ban nhân dân xã Một; Các thôn"' in page.content.decode()


@pytest.mark.parametrize("key", ["other_committee", "other_province", "commune_two"])
def test_an_id_of_a_unit_the_user_cannot_see_is_refused_and_kept(editor, tree, draft, key):
    hidden = tree.orgs[key]
    rows = [{"content": "Việc một", "ORDER": "1", "leads": f"Công an xã; #{hidden.pk}"}]
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 200
    assert not Task.objects.filter(section=section).exists()
    form = response.context["items"].forms[0]
    assert f"Không tìm thấy đơn vị đã chọn (#{hidden.pk})" in form.errors["leads"][0]
    assert hidden.name not in response.content.decode()
    # What was posted stays in the field.
    assert f'value="Công an xã; #{hidden.pk}"' in response.content.decode()


def test_an_id_that_does_not_exist_is_refused(editor, draft):
    rows = [{"content": "Việc một", "ORDER": "1", "supports": "#999999999"}]
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị đã chọn (#999999999)" in response.content.decode()


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("#abc", "#abc"),
        ("# 12", "# 12"),
        ("Tổ #3", "Tổ #3"),
        (SCRIPT, SCRIPT),
        ("Công an xã\u00a0", "Công an xã"),
    ],
)
def test_anything_but_an_id_is_a_typed_name(editor, draft, typed, printed):
    rows = [{"content": "Việc một", "ORDER": "1", "leads": typed}]
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 302
    [unit] = Task.objects.get(section=section).units.all()
    assert (unit.organisation_id, unit.text) == (None, printed)
    page = editor.get(reverse("plans:detail", args=[draft.pk])).content.decode()
    assert SCRIPT not in page


def test_control_characters_in_a_unit_field_are_refused(editor, draft):
    rows = [{"content": "Việc một", "ORDER": "1", "leads": "Công an\x1b xã"}]
    response, _section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 200
    assert "ký tự điều khiển" in response.content.decode()


def test_a_duty_and_a_recipient_take_a_picked_id(editor, tree, draft):
    government, committee = tree.orgs["government_one"], tree.orgs["committee_one"]
    rows = [{"unit": f"#{government.pk}", "ORDER": "1", "body": "Chỉ đạo."}]
    response, section = post_section(editor, draft, "implementation", rows)
    assert response.status_code == 302
    duty = Responsibility.objects.get(section=section)
    assert (duty.organisation_id, duty.unit_text) == (government.pk, "")

    data = {
        "summary": draft.summary,
        "year": "2024",
        "symbol": "KH-BCĐ",
        "place": "Một",
        "kind": "plan",
        "header_style": "state",
        "task_layout": "paragraphs",
        "archive_line": "Lưu: VP.",
        "version": header_version(draft),
        **management(2, prefix="recipients"),
        "recipients-0-kind": "recipient",
        "recipients-0-unit": f"#{committee.pk}",
        "recipients-0-note": "(b/c)",
        "recipients-0-ORDER": "1",
        "recipients-1-kind": "recipient",
        "recipients-1-unit": f"#{tree.orgs['other_committee'].pk}",
        "recipients-1-ORDER": "2",
    }
    response = editor.post(reverse("plans:edit", args=[draft.pk]), data)
    assert response.status_code == 200  # Tỉnh B's committee is refused
    assert "Không tìm thấy đơn vị đã chọn" in response.content.decode()
    assert not Recipient.objects.filter(plan=draft).exists()
    data["recipients-TOTAL_FORMS"] = "1"
    response = editor.post(reverse("plans:edit", args=[draft.pk]), data)
    assert response.status_code == 302
    recipient = Recipient.objects.get(plan=draft)
    assert (recipient.organisation_id, recipient.text) == (committee.pk, "")


def test_the_printed_plan_prints_short_names_of_tasks_and_recipients(tree, draft):
    committee = tree.orgs["committee_one"]
    committee.short_name = "BCĐ xã Một"
    committee.save()
    services.add_task(draft.sections.get(kind="tasks"), "Việc một", leads=[committee])
    services.add_recipient(draft, committee, note="(b/c)")
    text = plan_text(draft)
    assert "- Thực hiện: BCĐ xã Một." in text
    assert "- BCĐ xã Một (b/c);" in text
    assert "Ban Chỉ đạo xã Một (b/c)" not in text


def test_the_section_page_needs_the_same_queries_for_3_and_30_tasks_with_picked_units(
    editor, tree, draft
):
    section = draft.sections.get(kind="tasks")
    url = reverse("plans:section", args=[draft.pk, section.pk])
    units = [tree.orgs["government_one"], tree.orgs["committee_one"], "Các thôn"]

    def queries_for(count):
        Task.objects.filter(section=section).delete()
        for n in range(count):
            services.add_task(section, f"Việc {n}", leads=units[: 1 + n % 3], supports=units)
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(url).status_code == 200
        return len(captured)

    assert queries_for(3) == queries_for(30)


def test_names_typed_without_javascript_still_resolve_to_the_tree(editor, tree, draft):
    rows = [{"content": "Việc một", "ORDER": "1", "leads": "Ủy ban nhân dân xã Một"}]
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 302
    [unit] = Task.objects.get(section=section).units.all()
    assert unit.organisation_id == tree.orgs["government_one"].pk
    assert section_version(section)  # the section can be opened again


def test_a_forged_post_full_of_ids_is_refused_without_an_error(editor, draft):
    def ids(start):  # 200 ids, under the field's 2,000 characters
        return "; ".join(f"#{n}" for n in range(start, start + 200))

    # 60,000 different ids: more than one page may look up.
    rows = [{"content": f"Việc {n}", "ORDER": str(n), "leads": ids(100_000 + 400 * n),
             "supports": ids(100_200 + 400 * n)} for n in range(1, 150)]  # fmt: skip
    response, section = post_section(editor, draft, "tasks", rows)
    assert response.status_code == 200
    assert (
        "Không tìm thấy đơn vị đã chọn (#100400, #100401, #100402, …)" in response.content.decode()
    )
    assert not Task.objects.filter(section=section).exists()


def test_a_duty_picker_shows_the_full_name_its_heading_prints(editor, tree, draft):
    committee = tree.orgs["committee_one"]
    committee.short_name = "BCĐ xã Một"
    committee.save()
    section = draft.sections.get(kind="implementation")
    services.add_duty(section, committee, "Chỉ đạo.")
    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk]))
    attrs = page.context["items"].forms[0].fields["unit"].widget.attrs
    assert attrs["data-prints"] == "name"
    [item] = json.loads(attrs["data-items"])
    assert (item["value"], item["name"]) == (f"#{committee.pk}", "Ban Chỉ đạo xã Một")
    assert "1. Ban Chỉ đạo xã Một" in plan_text(draft)


def test_a_picked_recipient_with_a_note_is_shown_without_the_note_in_its_field(editor, tree, draft):
    committee = tree.orgs["province_committee"]
    services.add_recipient(draft, committee, note="(b/c)")
    page = editor.get(reverse("plans:edit", args=[draft.pk]))
    form = page.context["recipients"].forms[0]
    assert form.initial["unit"] == "Ban Chỉ đạo tỉnh A"  # saved again without JavaScript: once
    assert form.initial["note"] == "(b/c)"


def test_a_unit_named_with_html_is_escaped_in_the_picker_data(editor, tree, draft):
    level = tree.orgs["village_one"].level
    name = '<img src=x onerror="alert(1)">'
    hostile = add_organisation(
        parent=tree.orgs["commune_one"], kind="village", level=level, name=name
    )
    [found] = search(editor, tree.users["own_editor"], "img src")
    assert found["name"] == name  # JSON: the picker escapes it when it draws the option
    section = draft.sections.get(kind="tasks")
    services.add_task(section, "Việc một", leads=[hostile])
    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk])).content.decode()
    assert name not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
