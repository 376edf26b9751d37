"""Targets as ranges, decreases and yearly rates (issue 13, part 5): the sentence printed for
each comparator, editable through Target.text; the editor's row (value_to, per_year) with its
checks beside the fields; save_targets."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from plans import services
from plans.forms import TargetRowForm
from plans.models import Target
from plans.printing import plan_text, target_amount, target_text

from .test_editing import SCRIPT, post_section

C = Target.Comparator
D = Decimal


def target(comparator, value, value_to=None, unit="%", per_year=False, denominator=None,
           label="Tỷ lệ hộ nghèo", text=""):  # fmt: skip
    return Target(label=label, comparator=comparator, value=value, value_to=value_to,
                  unit=unit, per_year=per_year, denominator=denominator, text=text)  # fmt: skip


@pytest.mark.parametrize(
    ("made", "sentence"),
    [
        (target(C.RANGE, D(1), D("1.5")), "Tỷ lệ hộ nghèo: từ 1 đến 1,5%"),
        (target(C.RANGE, D(3), D(5), unit="câu lạc bộ"), "Tỷ lệ hộ nghèo: từ 3 đến 5 câu lạc bộ"),
        (target(C.RANGE, D(1), D(1)), "Tỷ lệ hộ nghèo: 1%"),  # a range of one figure
        (target(C.DECREASE_BY, D(2)), "Tỷ lệ hộ nghèo: giảm 2%"),
        (target(C.DECREASE_BY, D(1), D("1.5"), per_year=True), "Tỷ lệ hộ nghèo: giảm 1–1,5%/năm"),
        (target(C.AT_LEAST, D(3), per_year=True, label="Thu nhập bình quân"),
         "Thu nhập bình quân: tăng trên 3%/năm"),
        (target(C.INCREASE_BY, D("2.5"), per_year=True), "Tỷ lệ hộ nghèo: tăng 2,5%/năm"),
        (target(C.INCREASE_BY, D(1), unit="tiêu chí"), "Tỷ lệ hộ nghèo: tăng thêm 1 tiêu chí"),
        (target(C.MAINTAIN, D(100), label="Tỷ lệ thôn văn hóa"), "Tỷ lệ thôn văn hóa: duy trì 100%"),
        (target(C.AT_LEAST, D(86), label="Tỷ lệ gia đình văn hóa"),
         "Tỷ lệ gia đình văn hóa: 86% trở lên"),
        (target(C.EXACTLY, D(8), unit="tổ dân phố", denominator=D(8), label="Tổ dân phố văn hóa"),
         "Tổ dân phố văn hóa: đạt 8/8 tổ dân phố"),
        (target(C.AT_MOST, D("0.5"), label="Tỷ lệ tăng dân số"), "Tỷ lệ tăng dân số: không quá 0,5%"),
        (target(C.RANGE, D(1), D("1.5"), per_year=True), "Tỷ lệ hộ nghèo: từ 1 đến 1,5%/năm"),
        (target(C.DECREASE_BY, None), "Tỷ lệ hộ nghèo"),  # no figure: the label alone
        (target(C.DECREASE_BY, D(1), text="Giảm tỷ lệ hộ nghèo 1%."), "Giảm tỷ lệ hộ nghèo 1%."),
    ],
    ids=["range", "range-count", "range-of-one", "decrease", "decrease-range-yearly",
         "increase-above-yearly", "increase-yearly", "increase-count", "maintain", "at-least",
         "exactly-of", "at-most", "range-yearly", "no-value", "typed"],
)  # fmt: skip
def test_each_comparator_prints_its_vietnamese_sentence(made, sentence):
    assert target_text(made) == sentence


def test_a_units_share_of_a_range_is_one_figure():
    made = target(C.RANGE, D(80), D(90))
    assert target_amount(made, D(85)) == "85%"
    assert target_amount(target(C.DECREASE_BY, D(1), D(2), per_year=True), D("1.5")) == (
        "giảm 1,5%/năm"
    )


def test_saved_targets_print_the_generated_sentence_unless_one_is_typed(plans, tree):
    plan = plans["draft"]
    section = plan.sections.get(kind="targets")
    services.save_targets(section, [
        {"label": "Tỷ lệ hộ nghèo", "comparator": C.DECREASE_BY, "value": D(1),
         "value_to": D("1.5"), "unit": "%", "per_year": True},
        {"label": "Tỷ lệ hộ có thu nhập khá", "comparator": C.RANGE, "value": D(20),
         "value_to": D(25), "unit": "%", "text": "Tỷ lệ hộ khá: 20 đến 25 phần trăm."},
    ], by=tree.users["own_editor"])  # fmt: skip
    saved = list(section.targets.order_by("order"))
    assert [(t.value_to, t.per_year) for t in saved] == [(D("1.5"), True), (D(25), False)]
    text = plan_text(plan)
    assert "1. Tỷ lệ hộ nghèo: giảm 1–1,5%/năm" in text
    assert "2. Tỷ lệ hộ khá: 20 đến 25 phần trăm." in text


def row(**fields):
    return {"label": "Tỷ lệ hộ nghèo", "comparator": "range", "unit": "%", **fields}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (row(value="2", value_to="1,5"), "value_to", "Giá trị “Đến” phải từ giá trị đầu trở lên."),
        (row(value="1"), "value_to", "Khoảng “từ … đến …” cần giá trị cuối (ô “Đến”)."),
        (row(value_to="1,5"), "value", "Khoảng “từ … đến …” cần giá trị đầu."),
        (row(value="1", value_to="120"), "value_to", "Tỷ lệ không được vượt quá 100%."),
        (row(value="1", value_to="-2"), "value_to", "Giá trị không được âm."),
        (row(value="5", value_to="9", denominator="8", unit="thôn"), "value_to",
         "Giá trị không được lớn hơn tổng số."),
        (row(comparator="at_least", value="1", value_to="2"), "value_to",
         "Chỉ điền ô “Đến” khi so sánh là “từ … đến …”, “tăng thêm” hoặc “giảm”."),
        (row(comparator="decrease_by", value_to="2"), "value",
         "Điền giá trị đầu trước giá trị “Đến”."),
        (row(comparator="maintain", value="100", per_year="on"), "per_year",
         "Chỉ tiêu “duy trì” không tính theo năm."),
        (row(value="1", value_to="1" + "0" * 12), "value_to", "Đảm bảo rằng tối đa không có nhiều hơn 12 số."),
        (row(value="1", value_to="<b>2</b>"), "value_to", "Nhập một số."),
        (row(value="1", value_to="1\x002"), "value_to", "Nhập một số."),
    ],
    ids=["upper-below-lower", "range-without-upper", "range-without-lower", "above-100",
         "negative", "above-denominator", "upper-on-at-least", "upper-without-lower",
         "maintain-yearly", "huge", "html", "control-character"],
)  # fmt: skip
def test_bad_ranges_and_rates_are_refused_beside_the_field(data, field, message):
    form = TargetRowForm(data=data)
    assert not form.is_valid()
    assert any(error.startswith(message) for error in form.errors[field]), form.errors


@pytest.mark.parametrize(
    "data",
    [
        row(value="1", value_to="1,5"),
        row(value="1", value_to="1"),
        row(comparator="decrease_by", value="1", value_to="1,5", per_year="on"),
        row(comparator="at_least", value="3", per_year="on"),
        row(comparator="decrease_by", value="2"),
    ],
    ids=["range", "range-of-one", "decrease-range-yearly", "at-least-yearly", "decrease"],
)
def test_good_ranges_and_rates_are_accepted(data):
    form = TargetRowForm(data=data)
    assert form.is_valid(), form.errors


def test_the_editor_saves_a_yearly_decrease_and_shows_its_sentence(editor, draft):  # noqa: F811
    rows = [row(comparator="decrease_by", value="1", value_to="1,5", per_year="on")]
    response, section = post_section(editor, draft, "targets", rows)
    assert response.status_code == 302
    saved = section.targets.get()
    assert (saved.value, saved.value_to, saved.per_year) == (D(1), D("1.5"), True)

    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk])).content.decode()
    assert 'placeholder="Tỷ lệ hộ nghèo: giảm 1–1,5%/năm"' in page  # the sentence if left blank
    assert re.search(r'name="items-0-value_to"[^>]*value="1,5"', page)
    assert re.search(r'name="items-0-per_year"[^>]*checked', page)


def test_a_bad_range_is_refused_in_the_editor_and_keeps_what_was_typed(editor, draft):  # noqa: F811
    rows = [row(label="Tỷ lệ " + SCRIPT, value="2", value_to="1,5", text=SCRIPT)]
    response, section = post_section(editor, draft, "targets", rows)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Giá trị “Đến” phải từ giá trị đầu trở lên." in page
    assert 'value="1,5"' in page and 'value="2"' in page
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert not section.targets.exists()


def test_maintain_per_year_is_refused_beside_its_box_in_the_editor(editor, draft):  # noqa: F811
    rows = [row(comparator="maintain", value="100", per_year="on")]
    response, section = post_section(editor, draft, "targets", rows)
    page = response.content.decode()
    assert response.status_code == 200
    box = page.split('name="items-0-per_year"')[1].split("</div>\n</div>")[0]
    assert "Chỉ tiêu “duy trì” không tính theo năm." in box
    assert not section.targets.exists()


def test_a_hostile_label_stays_text_in_the_generated_placeholder(editor, draft, tree):  # noqa: F811
    section = draft.sections.get(kind="targets")
    services.save_targets(section, [
        {"label": f'{SCRIPT}" onfocus="x', "comparator": C.RANGE, "value": D(1),
         "value_to": D(2), "unit": "%"},
    ], by=tree.users["own_editor"])  # fmt: skip
    page = editor.get(reverse("plans:section", args=[draft.pk, section.pk])).content.decode()
    assert SCRIPT not in page and '" onfocus="x' not in page
    assert (
        'placeholder="&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot; onfocus=&quot;x: từ 1 đến 2%"'
        in page
    )
