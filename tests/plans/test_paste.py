"""A task table pasted from Word or Excel: the parser (plans/paste.py) and the htmx answer that
adds the rows to the tasks list (plans:paste_tasks), saved only with the section."""

import re

import pytest
from django.urls import reverse

from plans.models import Task
from plans.paste import MAX_BYTES, MAX_ROWS, PastedTask, PasteError, parse_task_table

from .test_editing import SCRIPT, post_section

HEADER = "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\tSản phẩm"


def test_a_table_copied_from_excel_with_a_header_and_quoted_cells():
    text = (
        f"{HEADER}\r\n"
        '1\t"Tuyên truyền về phong trào\r\ntrên loa truyền thanh"\tUBND xã\t"MTTQ\r\nĐoàn Thanh niên"'
        "\tQuý I\tBản tin\r\n"
        'a)\tViết tin, bài\tCông chức VH-XH\t\tTháng 2\t"Tin ""nổi bật"""\r\n'
        "2\tTổ chức hội nghị\tBan Chỉ đạo\tCác thôn\tCả năm\t\r\n"
    )
    assert parse_task_table(text) == [
        PastedTask(
            content="Tuyên truyền về phong trào\ntrên loa truyền thanh",
            leads="UBND xã",
            supports="MTTQ; Đoàn Thanh niên",
            timeframe="Quý I",
            deliverable="Bản tin",
        ),
        PastedTask(
            content="Viết tin, bài",
            leads="Công chức VH-XH",
            timeframe="Tháng 2",
            deliverable='Tin "nổi bật"',
            is_subtask=True,
        ),
        PastedTask(
            content="Tổ chức hội nghị", leads="Ban Chỉ đạo", supports="Các thôn", timeframe="Cả năm"
        ),
    ]


def test_columns_are_found_by_their_headers_in_any_order():
    text = "Thời gian\tNội dung công việc\tGhi chú\tCơ quan chủ trì\nQuý II\tKiểm tra\tx\tUBND xã\n"
    assert parse_task_table(text) == [
        PastedTask(content="Kiểm tra", leads="UBND xã", timeframe="Quý II")
    ]


def test_without_a_header_columns_are_taken_in_order_after_a_number_column():
    text = "1\tViệc một\tUBND xã\tMTTQ\tQuý I\tBáo cáo\n-\tViệc con\t\t\tTháng 3\n2.\tViệc hai\n"
    assert parse_task_table(text) == [
        PastedTask("Việc một", "UBND xã", "MTTQ", "Quý I", "Báo cáo"),
        PastedTask("Việc con", timeframe="Tháng 3", is_subtask=True),
        PastedTask("Việc hai"),
    ]


def test_without_a_number_column_markers_at_the_start_of_the_content_count():
    text = "1. Việc một\tUBND xã\na) Việc con\tThôn 1\n- Việc con nữa\n+ Việc con thứ ba\n"
    assert parse_task_table(text) == [
        PastedTask("Việc một", "UBND xã"),
        PastedTask("Việc con", "Thôn 1", is_subtask=True),
        PastedTask("Việc con nữa", is_subtask=True),
        PastedTask("Việc con thứ ba", is_subtask=True),
    ]


def test_a_data_row_that_mentions_column_words_is_not_taken_for_a_header():
    text = "Tổ chức hoạt động văn nghệ\tĐơn vị văn hóa\tQuý I\n"
    [task] = parse_task_table(text)
    assert (task.content, task.leads, task.supports) == (
        "Tổ chức hoạt động văn nghệ",
        "Đơn vị văn hóa",
        "Quý I",
    )


def test_word_line_breaks_and_control_characters_are_cleaned():
    text = "Việc\x0bhai dòng\x07\tUBND\x00 xã\x1b\tMTTQ\u2028Đoàn\tQuý\u200b I\ufeff\n"
    [task] = parse_task_table(text)
    assert task == PastedTask("Việc\nhai dòng", "UBND xã", "MTTQ; Đoàn", "Quý I")
    for value in vars(task).values():
        if isinstance(value, str):
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", value)


def test_html_stays_text():
    [task] = parse_task_table(f"{SCRIPT}\t<b>UBND</b>\n")
    assert (task.content, task.leads) == (SCRIPT, "<b>UBND</b>")


def test_text_in_decomposed_unicode_comes_back_composed():
    [task] = parse_task_table("Tuye\u0302\u0300n truye\u0302\u0300n\n")
    assert task.content == "Tuyền truyền"


@pytest.mark.parametrize(
    "text",
    ['"', '""', '"\t"', '"không đóng\tx\ny', 'a"b\t"c"d"\n"', "\t\t\t\n\n\n", '"\n"\n"'],
)
def test_stray_quotes_and_empty_cells_never_fail(text):
    for task in parse_task_table(text):
        assert isinstance(task.content, str)


def test_empty_or_header_only_gives_no_rows():
    assert parse_task_table("") == []
    assert parse_task_table(" \n\t\n") == []
    assert parse_task_table(HEADER) == []


def test_ten_thousand_rows_are_refused_with_a_vietnamese_message():
    with pytest.raises(PasteError, match="quá 200 dòng"):
        parse_task_table("Việc\tUBND\n" * 10_000)
    assert len(parse_task_table("Việc\tUBND\n" * MAX_ROWS)) == MAX_ROWS


def test_more_than_200_kb_is_refused():
    with pytest.raises(PasteError, match="quá lớn"):
        parse_task_table("ệ" * (MAX_BYTES // 3 + 1))


def test_a_huge_cell_is_read_whole():
    [task] = parse_task_table('"' + "Nội dung rất dài " * 9_000 + '"\tUBND xã\n')
    assert len(task.content) > 150_000 and task.leads == "UBND xã"


# --- the htmx answer ------------------------------------------------------------------------


@pytest.fixture
def tasks(plans):
    return plans["draft"].sections.get(kind="tasks")


def paste(client, section, text, start=0):
    url = reverse("plans:paste_tasks", args=[section.plan_id, section.pk])
    return client.post(url, {"paste-text": text, "paste-start": str(start)})


def test_pasted_rows_come_back_numbered_after_the_rows_in_the_page(editor, tasks):
    text = f"{HEADER}\n1\tViệc một\tUBND xã\t\tQuý I\t\na)\t{SCRIPT}\t\t\t31/02/2024\t\n"
    response = paste(editor, tasks, text, start=3)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã thêm 2 dòng" in page
    assert 'name="items-3-content"' in page and 'name="items-4-content"' in page
    assert 'name="items-0-content"' not in page
    assert "Việc một</textarea>" in page
    assert 'name="items-4-is_subtask" class="checkboxinput form-check-input" id' in page
    assert "checked" in page.split('name="items-4-is_subtask"')[1].split(">")[0]
    # The timeframe hint says what each timeframe means, or why it cannot be read.
    assert "01/01/2024" in page and "31/03/2024" in page
    assert "không tồn tại" in page
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert not Task.objects.filter(section=tasks).exists()  # saved only with the section


def test_pasted_rows_posted_with_the_section_become_tasks(editor, tasks):
    rows = parse_task_table("Việc một\tỦy ban nhân dân xã Một\t\tQuý I\n- Việc con\n")
    posted = [
        {"content": r.content, "leads": r.leads, "timeframe": r.timeframe, "ORDER": str(n)}
        | ({"is_subtask": "on"} if r.is_subtask else {})
        for n, r in enumerate(rows, start=1)
    ]
    response, _section = post_section(editor, tasks.plan, "tasks", posted)
    assert response.status_code == 302
    top = Task.objects.get(section=tasks, parent=None)
    assert [s.content for s in top.subtasks.all()] == ["Việc con"]
    assert top.units.get().organisation.name == "Ủy ban nhân dân xã Một"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Hãy dán bảng nhiệm vụ"),
        ("\t\n\t", "Không đọc được dòng nhiệm vụ nào"),
        ("Việc\n" * 201, "quá 200 dòng"),
        ("x" * (MAX_BYTES + 1), "quá lớn"),
    ],
)
def test_bad_pastes_get_a_vietnamese_message_and_no_rows(editor, tasks, text, message):
    response = paste(editor, tasks, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and 'role="alert"' in page
    assert "formset-row" not in page


@pytest.mark.parametrize("start", ["-1", "abc", "", "99999999999"])
def test_a_bad_start_asks_to_reload_the_page(editor, tasks, start):
    url = reverse("plans:paste_tasks", args=[tasks.plan_id, tasks.pk])
    response = editor.post(url, {"paste-text": "Việc một", "paste-start": start})
    assert "hãy tải lại trang" in response.content.decode()


def test_only_a_tasks_section_takes_a_pasted_table(editor, plans):
    section = plans["draft"].sections.get(kind="implementation")
    assert paste(editor, section, "Việc một").status_code == 404


def test_an_issued_plan_takes_no_pasted_rows(editor, plans):
    section = plans["issued"].sections.get(kind="tasks")
    page = paste(editor, section, "Việc một").content.decode()
    assert "không thể sửa" in page and "formset-row" not in page


def test_the_tasks_section_page_offers_the_paste_box(editor, tasks):
    url = reverse("plans:section", args=[tasks.plan_id, tasks.pk])
    page = editor.get(url).content.decode()
    assert "Dán bảng nhiệm vụ" in page
    assert reverse("plans:paste_tasks", args=[tasks.plan_id, tasks.pk]) in page
    other = tasks.plan.sections.get(kind="targets")
    page = editor.get(reverse("plans:section", args=[tasks.plan_id, other.pk])).content.decode()
    assert "Dán bảng nhiệm vụ" not in page
