"""The optimistic lock of the plan editor, tried as the attacks of issue 12 were: two people
saving two sections of one plan at once, two saving one section, a POST without its version or
with a forged one, and a section of 500 tasks."""

import re
import threading
from itertools import combinations
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from orgs.models import Membership
from orgs.services import grant_role
from plans.locks import MISSING_VERSION
from plans.models import PlanEvent, Task

URLENCODED = "application/x-www-form-urlencoded"  # what a browser sends for these forms
KINDS = ["purposes", "targets", "tasks", "funding", "implementation"]
# One row of each list section, as a person would type it.
ROWS = {
    "targets": {"label": "Tỷ lệ hộ gia đình văn hóa", "comparator": "at_least", "value": "90",
                "unit": "%"},
    "tasks": {"content": "Tuyên truyền trên loa truyền thanh", "leads": "Các thôn",
              "timeframe": "Quý II"},
    "implementation": {"unit": "Các thôn", "body": "Tổ chức thực hiện ở thôn"},
}  # fmt: skip


@pytest.fixture
def hoa(tree, django_user_model):
    """A second editor of the commune committee, beside own_editor."""
    user = django_user_model.objects.create_user("hoa", password="x", first_name="Chị Hoa")
    grant_role(user, tree.orgs["committee_one"], Membership.Role.EDITOR)
    return user


def browser(user):
    client = Client()
    client.force_login(user)
    return client


def section_url(section):
    return reverse("plans:section", args=[section.plan_id, section.pk])


def version_in(page):
    return re.search(r'name="version" value="([^"]*)"', page)[1]


def loaded_version(client, url):
    """Open the page as the editor would and keep the version it hands out."""
    response = client.get(url)
    assert response.status_code == 200
    return version_in(response.content.decode())


def section_form(section, body, rows=(), version=None):
    data = {
        "section-title": section.title,
        "section-body": body,
        "section-item_style": "numbered",
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(rows):
        data.update({f"items-{index}-{key}": value for key, value in row.items()})
        data[f"items-{index}-ORDER"] = str(index + 1)
    if version is not None:
        data["version"] = version
    return data


def post(client, url, data):
    return client.post(url, urlencode(data), content_type=URLENCODED)


def typed(kind):
    return [ROWS[kind]] if kind in ROWS else []


@pytest.mark.parametrize(("first", "second"), list(combinations(KINDS, 2)))
def test_two_editors_save_two_sections_of_one_plan_opened_at_the_same_time(
    tree, draft, hoa, first, second
):
    mine, hers = draft.sections.get(kind=first), draft.sections.get(kind=second)
    me, her = browser(tree.users["own_editor"]), browser(hoa)
    my_version = loaded_version(me, section_url(mine))
    her_version = loaded_version(her, section_url(hers))

    response = post(her, section_url(hers), section_form(hers, "Chị Hoa viết", typed(second),
                                                         her_version))  # fmt: skip
    assert response.status_code == 302
    response = post(me, section_url(mine), section_form(mine, "Tôi viết", typed(first),
                                                        my_version))  # fmt: skip
    assert response.status_code == 302

    mine.refresh_from_db()
    hers.refresh_from_db()
    assert (mine.body, hers.body) == ("Tôi viết", "Chị Hoa viết")
    for section in (mine, hers):
        items = {"tasks": section.tasks, "targets": section.targets, "implementation":
                 section.duties}.get(section.kind)  # fmt: skip
        assert items is None or items.count() == 1
    # Each save is in the history once, by its author, with only its own section changed.
    edits = list(draft.events.filter(action=PlanEvent.Action.EDITED).order_by("at", "pk"))
    assert [event.by for event in edits] == [hoa, tree.users["own_editor"]]
    assert {change[0] for change in edits[0].changes} == {f"Phần “{hers.title}”"}
    assert {change[0] for change in edits[1].changes} == {f"Phần “{mine.title}”"}


def at_once(saves):
    """Run the saves in threads released together; their responses' status codes."""
    start, codes = threading.Barrier(len(saves)), [None] * len(saves)

    def run(index, save):
        try:
            start.wait()
            codes[index] = save().status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
def test_five_editors_saving_the_five_sections_at_the_same_moment_all_save(tree, draft, hoa):
    editor = tree.users["own_editor"]
    saves = []
    for index, kind in enumerate(KINDS):
        section = draft.sections.get(kind=kind)
        client, url = browser(hoa if index % 2 else editor), section_url(section)
        data = section_form(section, f"Phần {kind}", typed(kind), loaded_version(client, url))
        saves.append(lambda c=client, u=url, d=data: post(c, u, d))

    assert at_once(saves) == [302] * 5
    assert [s.body for s in draft.sections.order_by("order")] == [f"Phần {k}" for k in KINDS]
    assert draft.events.filter(action=PlanEvent.Action.EDITED).count() == 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
def test_two_editors_saving_one_section_at_the_same_moment_one_is_refused(tree, draft, hoa):
    tasks = draft.sections.get(kind="tasks")
    url = section_url(tasks)
    clients = [browser(tree.users["own_editor"]), browser(hoa)]
    versions = [loaded_version(client, url) for client in clients]
    saves = [
        lambda c=client, v=version, n=index: post(c, url, section_form(
            tasks, "", [{"content": f"Bản {n}"}], v))
        for index, (client, version) in enumerate(zip(clients, versions, strict=True))
    ]  # fmt: skip

    assert sorted(at_once(saves)) == [200, 302]
    assert Task.objects.filter(section=tasks).count() == 1


def test_the_plan_page_and_a_section_opened_at_the_same_time_both_save(tree, draft, hoa):
    tasks = draft.sections.get(kind="tasks")
    me, her = browser(tree.users["own_editor"]), browser(hoa)
    plan_url = reverse("plans:edit", args=[draft.pk])
    my_version = loaded_version(me, plan_url)
    her_version = loaded_version(her, section_url(tasks))

    assert post(her, section_url(tasks), section_form(tasks, "", typed("tasks"), her_version))[
        "Location"
    ] == section_url(tasks)
    response = post(me, plan_url, {
        "summary": "Trích yếu mới", "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
        "task_layout": "paragraphs", "archive_line": "Lưu: VT.", "version": my_version,
        "recipients-TOTAL_FORMS": "0", "recipients-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "Trích yếu mới"
    assert tasks.tasks.get().content == ROWS["tasks"]["content"]


def test_the_second_of_two_saves_of_one_section_is_refused_above_the_form_with_its_text_kept(
    tree, draft, hoa
):
    tasks = draft.sections.get(kind="tasks")
    url = section_url(tasks)
    me, her = browser(tree.users["own_editor"]), browser(hoa)
    my_version, her_version = loaded_version(me, url), loaded_version(her, url)
    assert my_version == her_version

    her_rows = [{"content": "Bản của chị Hoa"}]
    assert post(her, url, section_form(tasks, "Chị Hoa", her_rows, her_version)).status_code == 302
    my_rows = [{"content": "Bản của tôi <b>đậm</b>", "leads": "Các thôn", "timeframe": "Quý III"}]
    response = post(me, url, section_form(tasks, "Đoạn mở đầu của tôi", my_rows, my_version))
    page = response.content.decode()

    assert response.status_code == 200
    message = re.search(r'<div class="alert alert-danger" role="alert" id="refusal">([^<]*)<', page)
    assert message[1].startswith("Chị Hoa đã sửa phần “NỘI DUNG, THỜI GIAN THỰC HIỆN”")
    assert "chưa được lưu" in message[1]
    assert page.index('id="refusal"') < page.index('name="items-0-content"')
    assert "Bản của tôi &lt;b&gt;đậm&lt;/b&gt;" in page and "Đoạn mở đầu của tôi" in page
    assert 'value="Quý III"' in page
    assert [t.content for t in Task.objects.filter(section=tasks)] == ["Bản của chị Hoa"]

    # The refused page keeps the version I started from: saving it again is refused again.
    assert version_in(page) == my_version
    again = post(me, url, section_form(tasks, "Đoạn mở đầu của tôi", my_rows, my_version))
    assert again.status_code == 200 and 'id="refusal"' in again.content.decode()
    assert [t.content for t in Task.objects.filter(section=tasks)] == ["Bản của chị Hoa"]


def test_the_second_of_two_saves_of_the_plan_page_is_refused(tree, draft, hoa):
    url = reverse("plans:edit", args=[draft.pk])
    me, her = browser(tree.users["own_editor"]), browser(hoa)
    my_version, her_version = loaded_version(me, url), loaded_version(her, url)

    def header(summary, version):
        return {"summary": summary, "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
                "task_layout": "paragraphs", "archive_line": "Lưu: VT.", "version": version,
                "recipients-TOTAL_FORMS": "0", "recipients-INITIAL_FORMS": "0"}  # fmt: skip

    assert post(her, url, header("Bản của chị Hoa", her_version)).status_code == 302
    response = post(me, url, header("Bản của tôi", my_version))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="refusal">Chị Hoa đã sửa kế hoạch này' in page
    assert "Bản của tôi" in page
    draft.refresh_from_db()
    assert draft.summary == "Bản của chị Hoa"


def test_a_post_without_a_version_is_refused_and_saves_nothing(tree, draft):
    tasks = draft.sections.get(kind="tasks")
    me = browser(tree.users["own_editor"])
    events = draft.events.count()

    response = post(me, section_url(tasks), section_form(tasks, "Đã gõ", [{"content": "Việc"}]))
    page = response.content.decode()

    assert response.status_code == 400
    assert 'id="refusal">' + MISSING_VERSION.split(";")[0] in page
    assert "Đã gõ" in page and "Việc</textarea>" in page
    tasks.refresh_from_db()
    assert (tasks.body, tasks.tasks.count()) == ("", 0)
    assert draft.events.count() == events


def test_a_plan_page_post_without_a_version_is_refused_and_saves_nothing(tree, draft):
    me = browser(tree.users["own_editor"])
    response = post(me, reverse("plans:edit", args=[draft.pk]), {
        "summary": "Trích yếu đã gõ", "year": "2024", "symbol": "KH-BCĐ", "place": "Một",
        "task_layout": "paragraphs", "archive_line": "Lưu: VT.",
        "recipients-TOTAL_FORMS": "0", "recipients-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Trích yếu đã gõ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.summary == "Dự thảo xã Một"


@pytest.mark.parametrize(
    "version",
    ["", "abc", "9" * 400, "1", "-1", "0" * 31 + "\x00", "abc\x00def", "A" * 32, " " + "0" * 32],
)
def test_a_malformed_version_is_refused_not_an_error(tree, draft, version):
    tasks = draft.sections.get(kind="tasks")
    me = browser(tree.users["own_editor"])
    response = post(me, section_url(tasks), section_form(tasks, "Đã gõ", [{"content": "Việc"}],
                                                         version))  # fmt: skip
    assert response.status_code == 400
    assert MISSING_VERSION.split(";")[0] in response.content.decode()
    assert not tasks.tasks.exists()


def test_a_well_formed_but_unknown_version_is_refused_as_stale(tree, draft):
    tasks = draft.sections.get(kind="tasks")
    me = browser(tree.users["own_editor"])
    response = post(me, section_url(tasks), section_form(tasks, "Đã gõ", [{"content": "Việc"}],
                                                         "0" * 32))  # fmt: skip
    assert response.status_code == 200
    assert "Người khác đã sửa phần “NỘI DUNG, THỜI GIAN THỰC HIỆN”" in response.content.decode()
    assert not tasks.tasks.exists()


def five_hundred_rows(ids=(), *, subtask=lambda index: index % 3 == 2):
    """500 task rows with every field a row can post."""
    rows = []
    for index in range(500):
        row = {
            "content": f"Nhiệm vụ số {index + 1}: tuyên truyền, vận động nhân dân tham gia",
            "leads": "Ủy ban nhân dân xã Một; Các thôn",
            "supports": "Mặt trận Tổ quốc xã",
            "timeframe": "Quý II",
            "deliverable": "Báo cáo kết quả",
        }
        if subtask(index):
            row["is_subtask"] = "on"
        if ids:
            row["id"] = str(ids[index])
        rows.append(row)
    return rows


def test_a_section_of_500_tasks_saves_and_saves_again(tree, draft, settings):
    tasks = draft.sections.get(kind="tasks")
    url = section_url(tasks)
    me = browser(tree.users["own_editor"])

    response = post(me, url, section_form(tasks, "", five_hundred_rows(), loaded_version(me, url)))
    assert response.status_code == 302
    saved = list(Task.objects.filter(section=tasks).order_by("order", "pk"))
    assert len(saved) == 500
    assert saved[-1].content.startswith("Nhiệm vụ số 500:")
    assert Task.objects.filter(section=tasks, parent__isnull=False).count() == 166

    # Opened again, the page lists the 500 rows with their ids. Saved again with nearly every
    # row a sub-task and ten rows deleted: 8 fields a row or more, the largest post there is.
    page = me.get(url).content.decode()
    ids = [int(pk) for pk in re.findall(r'name="items-\d+-id" value="(\d+)"', page)]
    assert len(ids) == 500
    rows = five_hundred_rows(ids, subtask=lambda index: index % 10 != 0)
    for row in rows[1::50]:
        row["DELETE"] = "on"
    data = section_form(tasks, "", rows, version_in(page))
    data["items-INITIAL_FORMS"] = "500"
    assert len(data) > 3900
    assert post(me, url, data).status_code == 302
    kept = Task.objects.filter(section=tasks)
    assert set(kept.values_list("pk", flat=True)) == set(ids) - set(ids[1::50])
    assert kept.filter(parent=None).count() == 50

    # Django's default limit of 1,000 fields is what refused about 130 tasks.
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
    assert post(me, url, section_form(tasks, "", five_hundred_rows(), "0" * 32)).status_code == 400


def test_a_save_that_changes_nothing_does_not_refuse_the_other_editor_of_the_section(
    tree, draft, hoa
):
    tasks = draft.sections.get(kind="tasks")
    url = section_url(tasks)
    me, her = browser(tree.users["own_editor"]), browser(hoa)
    row = {"content": "Việc chung", "leads": "Ủy ban nhân dân xã Một; Các thôn"}
    assert post(me, url, section_form(tasks, "", [row], loaded_version(me, url))).status_code == 302

    page = her.get(url).content.decode()
    task_id = re.search(r'name="items-0-id" value="(\d+)"', page)[1]
    her_version = version_in(page)
    unchanged = section_form(tasks, "", [{**row, "id": task_id}], loaded_version(me, url))
    unchanged["items-INITIAL_FORMS"] = "1"
    assert post(me, url, unchanged).status_code == 302  # its units are written again

    mine = section_form(tasks, "", [{**row, "id": task_id, "content": "Việc của chị Hoa"}],
                        her_version)  # fmt: skip
    mine["items-INITIAL_FORMS"] = "1"
    assert post(her, url, mine).status_code == 302
    assert Task.objects.get(section=tasks).content == "Việc của chị Hoa"
