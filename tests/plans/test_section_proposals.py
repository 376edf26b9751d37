"""'Thêm phần' proposes the sections a plan lacks: listed first, marked "(chưa có)", and offered
as buttons."""

import pytest
from django.urls import reverse

from plans.forms import NewSectionForm
from plans.models import Section

Kind = Section.Kind


def test_missing_usual_kinds_come_first_marked_then_the_others():
    form = NewSectionForm(present={Kind.PURPOSES, Kind.TASKS, Kind.IMPLEMENTATION})
    assert form.fields["kind"].choices == [
        ("targets", "Chỉ tiêu (chưa có)"),
        ("funding", "Kinh phí (chưa có)"),
        ("reporting", "Chế độ báo cáo (chưa có)"),
        ("purposes", "Mục đích, yêu cầu"),
        ("tasks", "Nhiệm vụ, nội dung"),
        ("implementation", "Tổ chức thực hiện"),
        ("article", "Điều (quyết định)"),
        ("free", "Phần khác"),
    ]
    assert form.missing == [
        ("targets", "Chỉ tiêu"),
        ("funding", "Kinh phí"),
        ("reporting", "Chế độ báo cáo"),
    ]


def test_a_plan_with_every_kind_has_nothing_missing():
    form = NewSectionForm(present=set(Kind) - {Kind.FREE, Kind.ARTICLE})
    assert form.missing == []
    assert "(chưa có)" not in str(form.fields["kind"].choices)


@pytest.fixture
def editor(client, tree):
    client.force_login(tree.users["own_editor"])
    return client


def test_the_plan_page_offers_the_missing_sections(editor, plans):
    draft = plans["draft"]  # the usual sections, without the reporting one
    draft.sections.get(kind=Kind.FUNDING).delete()
    page = editor.get(reverse("plans:edit", args=[draft.pk])).content.decode()
    offered = page.split('id="missing-sections"')[1].split("</form>")[0]
    assert 'value="funding"' in offered and "+ Kinh phí" in offered
    assert 'value="reporting"' in offered and "+ Chế độ báo cáo" in offered
    assert 'value="tasks"' not in offered
    options = page.split('id="id_section_kind"')[1].split("</select>")[0]
    assert options.index("Kinh phí (chưa có)") < options.index("Mục đích, yêu cầu")
    assert page.count('id="id_section_kind"') == 1 and 'for="id_section_kind"' in page


def test_a_proposed_section_is_added_by_its_button(editor, plans):
    draft = plans["draft"]
    response = editor.post(reverse("plans:section_add", args=[draft.pk]), {"kind": "reporting"})
    section = draft.sections.get(kind=Kind.REPORTING)
    assert response.url == reverse("plans:section", args=[draft.pk, section.pk])
    page = editor.get(reverse("plans:edit", args=[draft.pk])).content.decode()
    assert 'id="missing-sections"' not in page
    assert "(chưa có)" not in page


@pytest.mark.parametrize("kind", ["", "<script>", "tasks\x00", "x" * 5000])
def test_an_unknown_kind_adds_nothing(editor, plans, kind):
    draft = plans["draft"]
    before = draft.sections.count()
    response = editor.post(reverse("plans:section_add", args=[draft.pk]), {"kind": kind})
    assert response.status_code in (302, 400)
    assert draft.sections.count() == before
