"""Legal bases as references (issue 13 part 6): a basis line read into kind, number, date,
issuer and summary; every plan's bases kept as references that print exactly as typed."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.forms.models import model_to_dict
from django.urls import reverse

from plans import services
from plans.demo import load_demo_plans
from plans.forms import PlanForm
from plans.models import Plan, Reference
from plans.printing import build_document, plan_for_document
from plans.references import compose, parse_basis
from plans.reuse import copy_plan_to_year, start_implementing_plan

from ..queries import page_queries
from .conftest import issue_for_tests

fill_references = importlib.import_module("plans.migrations.0020_fill_references").fill


@pytest.mark.parametrize(
    ("line", "kind", "number", "issued_on", "issuer", "summary"),
    [
        (
            "Căn cứ Nghị quyết số 12-NQ/TU ngày 05/3/2021 của Tỉnh ủy Lai Châu về xây dựng Đảng;",
            "Nghị quyết", "12-NQ/TU", date(2021, 3, 5), "Tỉnh ủy Lai Châu", "xây dựng Đảng",
        ),
        (
            "Thực hiện Kế hoạch số 34/KH-BCĐ ngày 28/02/2023 của Ban Chỉ đạo tỉnh về phong trào",
            "Kế hoạch", "34/KH-BCĐ", date(2023, 2, 28), "Ban Chỉ đạo tỉnh", "phong trào",
        ),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Luật", "", date(2015, 6, 19), "", "Tổ chức chính quyền địa phương",
        ),
        (
            "Căn cứ Quyết định số 1972/QĐ-UBND, ngày 18/12/2019 của UBND thành phố Lai Châu "
            "về việc giao chỉ tiêu năm 2020;",
            "Quyết định", "1972/QĐ-UBND", date(2019, 12, 18), "UBND thành phố Lai Châu",
            "việc giao chỉ tiêu năm 2020",
        ),
        (
            "Căn cứ Quyết định số 2214/QĐ-TTg ngày 28/12/2021 của Thủ tướng Chính phủ phê duyệt "
            "Chương trình thực hiện Phong trào;",
            "Quyết định", "2214/QĐ-TTg", date(2021, 12, 28), "Thủ tướng Chính phủ",
            "Chương trình thực hiện Phong trào",
        ),
    ],
)  # fmt: skip
def test_a_basis_line_is_read_into_its_parts(line, kind, number, issued_on, issuer, summary):
    basis = parse_basis(line)
    assert (basis.kind, basis.number, basis.issued_on, basis.issuer_name, basis.summary) == (
        kind, number, issued_on, issuer, summary,
    )  # fmt: skip
    assert basis.text == line


def test_a_line_citing_no_document_keeps_only_its_text():
    line = "Căn cứ nội dung thực hiện Phong trào “Toàn dân đoàn kết” năm 2023;"
    basis = parse_basis(line)
    assert (basis.kind, basis.number, basis.issued_on, basis.issuer_name) == ("", "", None, "")
    assert basis.text == line


def test_every_basis_line_of_the_five_seeds_is_read_and_kept_as_typed(demo):
    seeds = load_demo_plans()
    read = {}
    for plan in seeds:
        for reference in plan.references.all():
            assert reference.text == parse_basis(reference.text).text
            read[reference.number] = (reference.kind, reference.issued_on, reference.issuer_name)
        assert [r.text for r in plan.references.all()] == [
            line.strip() for line in plan.bases.splitlines() if line.strip()
        ]
    assert read["216/ĐA-UBND"] == ("Đề án", date(2020, 7, 31), "UBND tỉnh")
    assert read["30/KH-BCĐ"][:2] == ("Kế hoạch", date(2024, 2, 5))
    assert read["53/NQ-HĐND"] == ("Nghị quyết", date(2019, 12, 20), "HĐND phường Quyết Tiến")
    assert read["75-KH/BDVTU"] == ("Kế hoạch", date(2022, 7, 18), "Ban Dân vận Tỉnh ủy")


@pytest.mark.parametrize(
    "line",
    [
        "<script>alert(1)</script> Căn cứ Nghị quyết số <b>1</b>",
        "Căn cứ Quyết định số 1/QĐ ngày 31/02/2021 của \x00\x07 UBND",
        "Căn cứ Kế hoạch số 9/KH ngày 01/01/0001 của A",
        "Căn cứ " + "Kế hoạch số 1/KH " * 5000,
        "số ngày của về ; ; ;",
        "",
        "\u202e\u200bCăn cứ Luật ngày 99 tháng 99 năm 99999",
    ],
)
def test_hostile_lines_never_fail_and_stay_within_the_field_sizes(line):
    basis = parse_basis(line)
    assert len(basis.text) <= 2000 and len(basis.number) <= 60
    assert len(basis.issuer_name) <= 300 and len(basis.summary) <= 2000
    assert "\x00" not in basis.text and "\x07" not in basis.text
    assert basis.issued_on is None or date(1900, 1, 1) < basis.issued_on < date(2200, 1, 1)


def test_a_reference_without_text_prints_the_line_composed_from_its_parts(draft):
    Reference.objects.create(
        plan=draft, order=1, kind="Nghị quyết", number="12-NQ/TU", issued_on=date(2021, 3, 5),
        issuer_name="Tỉnh ủy Lai Châu", summary="xây dựng Đảng",
    )  # fmt: skip
    Reference.objects.create(plan=draft, order=2, text="Căn cứ tình hình thực tế.")
    draft.bases = "Căn cứ Nghị quyết số 12-NQ/TU;\nCăn cứ tình hình thực tế."
    draft.save()
    document = build_document(plan_for_document(draft.pk))
    assert document.bases == [
        "Căn cứ Nghị quyết số 12-NQ/TU ngày 05/03/2021 của Tỉnh ủy Lai Châu về xây dựng Đảng;",
        "Căn cứ tình hình thực tế.",
    ]
    assert compose(parse_basis(document.bases[0])) == document.bases[0]


def test_saving_bases_in_the_editor_rebuilds_the_references(draft):
    draft.bases = "Căn cứ Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A;\nDòng hai"
    draft.save()
    services.sync_references(draft)
    assert [r.text for r in draft.references.all()] == [
        "Căn cứ Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A;",
        "Dòng hai",
    ]
    draft.bases = "Dòng ba"
    draft.save()
    services.sync_references(draft)
    assert [r.text for r in draft.references.all()] == ["Dòng ba"]


def test_a_basis_citing_a_published_plan_by_number_and_year_is_linked(plans):
    draft = plans["draft"]
    draft.bases = (
        "Thực hiện Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A về phong trào;\n"
        "Căn cứ Kế hoạch số 30/KH-BCĐ ngày 05/02/2019 của Ban Chỉ đạo tỉnh A;"
    )
    draft.save()
    services.sync_references(draft)
    first, second = draft.references.all()
    assert (first.cited_plan, second.cited_plan) == (plans["province"], None)
    assert plans["province"].symbol == "KH-BCĐ"


def test_an_implementing_plan_points_at_its_parent_and_a_copy_keeps_its_references(tree, plans):
    parent = plans["province"]
    child = start_implementing_plan(parent, issuer=tree.orgs["committee_one"], by=None)
    (reference,) = child.references.all()
    assert reference.cited_plan == parent
    assert reference.text == child.bases
    assert reference.number == "30/KH-BCĐ"
    issue_for_tests(child, 4, date(2024, 3, 1))
    copy = copy_plan_to_year(child, year=2025, by=None)
    assert [(r.text, r.cited_plan) for r in copy.references.all()] == [(child.bases, parent)]


def test_the_migration_turns_every_plans_bases_into_references_printed_the_same(plans):
    parent = plans["province"]
    child = start_implementing_plan(parent, issuer=plans["draft"].issuer, by=None)
    before = {}
    for plan in Plan.objects.all():
        before[plan.pk] = build_document(plan_for_document(plan.pk)).bases
    Reference.objects.all().delete()
    plans["draft"].bases = "Căn cứ tình hình thực tế;\n\n  Căn cứ Luật ngày 19 tháng 6 năm 2015.  "
    plans["draft"].save()
    before[plans["draft"].pk] = build_document(plan_for_document(plans["draft"].pk)).bases
    fill_references(django_apps, None)
    for plan in Plan.objects.all():
        assert build_document(plan_for_document(plan.pk)).bases == before[plan.pk]
    assert [r.text for r in plans["draft"].references.all()] == [
        "Căn cứ tình hình thực tế;",
        "Căn cứ Luật ngày 19 tháng 6 năm 2015.",
    ]
    assert child.references.get().cited_plan == parent
    fill_references(django_apps, None)  # a second run adds nothing
    assert child.references.count() == 1


# --- the chain on the plan page: up (Văn bản căn cứ) and down (plans citing this one) -------


def detail(client, plan):
    return client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_the_plan_page_shows_the_chain_up_and_down(client, tree, plans):
    programme = plans["province"]
    plan = start_implementing_plan(
        programme, issuer=tree.orgs["committee_one"], by=tree.users["own_editor"]
    )
    issue_for_tests(plan, 4, date(2024, 3, 1))
    village = services.start_plan(
        issuer=tree.orgs["village_one"], by=tree.users["child_editor"], year=2024, summary="Kế hoạch thôn Một",
        bases=f"Thực hiện Kế hoạch số 04/{plan.symbol} ngày 01/03/2024 của Ban Chỉ đạo xã Một;",
    )  # fmt: skip
    hidden = services.start_plan(
        issuer=tree.orgs["other_committee"], by=tree.users["outsider"], year=2024, summary="Dự thảo nơi khác",
        bases=f"Căn cứ Kế hoạch số 04/{plan.symbol} ngày 01/03/2024;",
    )  # fmt: skip
    issue_for_tests(village, 1, date(2024, 3, 5))
    assert village.references.get().cited_plan == plan == hidden.references.get().cited_plan
    client.force_login(tree.users["own_editor"])

    page = detail(client, plan)

    up = page.split('id="cited"')[1].split("</div>")[0]
    assert reverse("plans:detail", args=[programme.pk]) in up
    down = page.split('id="cited-by"')[1].split("</div>")[0]
    assert reverse("plans:detail", args=[village.pk]) in down
    assert reverse("plans:detail", args=[hidden.pk]) not in page  # not the user's to see
    assert reverse("plans:detail", args=[plan.pk]) in detail(client, programme)


def test_a_cited_plan_the_user_may_not_see_is_named_but_not_linked(client, tree, plans):
    draft = plans["draft"]
    secret = services.start_plan(
        issuer=tree.orgs["other_committee"],
        by=tree.users["outsider"],
        year=2024,
        summary="Kế hoạch nơi khác",
    )
    issue_for_tests(secret, 8, date(2024, 1, 2))
    Reference.objects.create(plan=draft, order=1, cited_plan=secret, text="Căn cứ Kế hoạch số 08")
    draft.bases = "Căn cứ Kế hoạch số 08"
    draft.save()
    client.force_login(tree.users["own_editor"])
    visible = Plan.objects.visible_to(tree.users["own_editor"]).filter(pk=secret.pk).exists()

    page = detail(client, draft)

    assert "Căn cứ Kế hoạch số 08" in page.split('id="cited"')[1]
    assert (reverse("plans:detail", args=[secret.pk]) in page) == visible


def test_a_hostile_basis_line_is_shown_escaped(editor, draft):
    draft.bases = "Căn cứ <script>alert(1)</script> số 1/KH ngày 31/02/2021 của <b>A</b>\x07;"
    draft.save()
    services.sync_references(draft)

    page = detail(editor, draft)

    assert "<script>alert(1)" not in page and "<b>A</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.split('id="cited"')[1]


def test_the_plan_page_costs_the_same_for_3_and_30_references_and_citing_plans(client, tree, plans):
    province, plan = plans["province"], plans["issued"]
    client.force_login(tree.users["own_editor"])

    def queries_for(count):
        cited = [province] * count
        plan.bases = "\n".join(
            f"Căn cứ Kế hoạch số {p.number:02d}/{p.symbol} ngày 05/02/2024 của A;" for p in cited
        )
        plan.save()
        services.sync_references(plan)
        while province.cited_by.count() < count:
            services.start_plan(
                issuer=tree.orgs["committee_one"], by=tree.users["own_editor"], year=2024, summary="Kế hoạch xã",
                bases=f"Căn cứ Kế hoạch số 30/{province.symbol} ngày 05/02/2024;",
            )  # fmt: skip
        assert plan.references.filter(cited_plan=province).count() == count
        detail(client, province)  # the first visit marks it read: a write, once
        up, _ = page_queries(client, reverse("plans:detail", args=[plan.pk]))
        down, _ = page_queries(client, reverse("plans:detail", args=[province.pk]))
        return up, down

    assert queries_for(3) == queries_for(30)


def test_saving_the_editor_form_rebuilds_the_references_from_the_bases(tree, plans):
    draft = plans["draft"]
    data = {k: v for k, v in model_to_dict(draft, fields=PlanForm._meta.fields).items() if v}
    data["movements"] = [m.pk for m in draft.movements.all()]
    data["bases"] = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Thực hiện Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A về phong trào."
    )
    form = PlanForm(data, instance=draft)
    assert form.is_valid(), form.errors

    services.update_plan(draft, form, by=tree.users["own_editor"])

    law, plan = draft.references.all()
    assert (law.kind, law.issued_on, law.cited_plan) == ("Luật", date(2015, 6, 19), None)
    assert (plan.number, plan.cited_plan) == ("30/KH-BCĐ", plans["province"])
    assert build_document(plan_for_document(draft.pk)).bases == data["bases"].splitlines()


def test_bases_saved_without_rebuilding_the_references_print_as_typed(client, tree, plans):
    draft = plans["draft"]
    draft.bases = "Căn cứ Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A;"
    draft.save()
    services.sync_references(draft)
    draft.bases = "Căn cứ tình hình thực tế của xã."  # as a path that forgets to sync would
    draft.save()

    assert build_document(plan_for_document(draft.pk)).bases == [draft.bases]
    client.force_login(tree.users["own_editor"])
    assert 'id="cited"' not in detail(client, draft)  # no stale reference shown


def test_the_editor_shows_how_each_basis_line_was_read_escaped(editor, plans):
    draft = plans["draft"]
    draft.bases = (
        "Thực hiện Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của <b>Ban Chỉ đạo</b> tỉnh A;\n"
        "Căn cứ tình hình thực tế."
    )
    draft.save()
    services.sync_references(draft)

    page = editor.get(reverse("plans:edit", args=[draft.pk])).content.decode()

    read = page.split('id="bases-read"')[1].split("</div>")[0]
    assert "Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của &lt;b&gt;Ban Chỉ đạo&lt;/b&gt; tỉnh A" in read
    assert "(văn bản có trong hệ thống)" in read
    assert "không nêu số, ký hiệu văn bản" in read
    assert "<b>Ban" not in page
