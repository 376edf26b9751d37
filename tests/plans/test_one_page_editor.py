"""The plan's editor as one page: sections open in place and save without leaving it (htmx)."""

from django.urls import reverse

from plans import services
from plans.locks import section_version
from plans.models import Task

from .test_editing import management

HTMX = {"HTTP_HX_REQUEST": "true"}


def task_post(section, content, **extra):
    return {
        "version": section_version(section), "section-title": section.title,
        "section-item_style": "numbered", **management(1), "items-0-content": content,
        "items-0-timeframe": "Quý II", "items-0-ORDER": "1", **extra,
    }  # fmt: skip


def test_the_plan_editor_offers_each_section_to_open_in_place(editor, draft):
    html = editor.get(reverse("plans:edit", args=[draft.pk])).content.decode()
    for section in draft.sections.all():
        url = reverse("plans:section", args=[draft.pk, section.pk])
        assert f'hx-get="{url}" hx-trigger="toggle once from:closest details"' in html


def test_a_section_opened_in_place_is_its_form_alone_with_ids_of_its_own(editor, draft):
    section = draft.sections.get(kind="tasks")
    response = editor.get(reverse("plans:section", args=[draft.pk, section.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith("<form")
    assert f'id="id_s{section.pk}_section-title"' in html
    assert f'id="id_s{section.pk}_items-TOTAL_FORMS"' in html


def test_saving_in_place_answers_the_saved_section_with_its_message(editor, draft):
    section = draft.sections.get(kind="tasks")
    url = reverse("plans:section", args=[draft.pk, section.pk])
    response = editor.post(url, task_post(section, "Tuyên truyền ở các thôn"), follow=True, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Đã lưu phần" in html and "Tuyên truyền ở các thôn" in html
    assert Task.objects.get(section=section).content == "Tuyên truyền ở các thôn"


def test_save_and_preview_in_place_sends_the_browser_to_the_plan(editor, draft):
    section = draft.sections.get(kind="tasks")
    url = reverse("plans:section", args=[draft.pk, section.pk])
    response = editor.post(url, task_post(section, "Một", preview="1"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("plans:detail", args=[draft.pk])


def test_a_refusal_in_place_comes_back_in_the_section_keeping_what_was_typed(editor, draft):
    section = draft.sections.get(kind="tasks")
    url = reverse("plans:section", args=[draft.pk, section.pk])
    services.add_task(section, "Người khác vừa thêm")  # the version posted is now stale
    data = task_post(section, "Việc của tôi <b>đậm</b>")
    data["version"] = "0" * 32
    response = editor.post(url, data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 200 answers
    assert 'id="refusal"' in html and "Việc của tôi &lt;b&gt;đậm&lt;/b&gt;" in html
    assert not Task.objects.filter(content__startswith="Việc của tôi").exists()


def test_without_javascript_the_section_page_works_as_before(editor, draft):
    section = draft.sections.get(kind="tasks")
    url = reverse("plans:section", args=[draft.pk, section.pk])
    response = editor.post(url, task_post(section, "Không có JavaScript"))
    assert response.status_code == 302 and response["Location"] == url
    page = editor.get(url).content.decode()
    assert "<html" in page and 'id="id_section-title"' in page
