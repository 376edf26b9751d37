"""Bad input never reaches a 500 (issue 12, item 5): malformed URL parameters of every list and
dashboard answer 400 or are ignored; a report's text refuses control characters."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reports.models import Report, ReportEvent

from ..reportdata import report_of, send

HOSTILE = [
    "page=abc", "page=-1", "page=0", "page=99999999999999999999999", "page=1e9",
    "q=" + "x" * 3000, "q=%E2%80%AE%F0%9F%98%80", "year=20226", "year=abc", "year=-5",
    "year=99999999999999999999", "status=nonsense", "movement=abc", "movement=999999999999",
    "issuer=abc", "issuer=99999999999999999999999", "subtree=maybe", "period=abc",
    "period=half_year:2024-13-45", "period=%3A", "node=abc", "node=-1",
    "node=99999999999999999999999", "node=1e3", "page=1&page=x", "end_year=abc",
    "timeframe=Qu%C3%BD%20I", "items-0-timeframe=tr%C6%B0%E1%BB%9Bc%2031/2",
]  # fmt: skip
CONTROL = ["q=abc%00def", "q=%1B%5B31m", "page=1%00", "node=1%00", "period=%7F", "a%00b=1"]


@pytest.fixture
def pages(tree, boss, province):
    """Every list and dashboard a user reaches with parameters, with the user who may see it."""
    plan = province["province_committee"]
    return {
        "/": boss,
        reverse("orgs:list"): boss,
        reverse("plans:list"): boss,
        reverse("plans:inbox"): tree.users["village_one"],
        reverse("plans:unit_tasks", args=[tree.orgs["village_one"].pk]): tree.users["village_one"],
        reverse("plans:timeframe_hint") + "?year=2024&": boss,
        reverse("plans:unit_options"): boss,
        reverse("reports:list"): tree.users["village_one"],
        reverse("reports:dashboard", args=[plan.pk]): boss,
        reverse("reports:dashboard_xlsx", args=[plan.pk]): boss,
    }


def get(client, user, address, query):
    client.force_login(user)
    joiner = "" if address.endswith("&") else "?"
    return client.get(f"{address}{joiner}{query}")


def test_node_abc_on_the_reports_dashboard_is_ignored(client, boss, province):
    plan = province["province_committee"]
    client.force_login(boss)
    address = reverse("reports:dashboard", args=[plan.pk])

    response = client.get(address, {"node": "abc"})

    assert response.status_code == 200
    assert response.context["node"] == response.context["root"]
    assert client.get(address, {"node": "999999999"}).status_code == 404  # a real id: looked up


def test_a_malformed_parameter_of_any_list_or_dashboard_answers_400_or_is_ignored(client, pages):
    # Every value on every page in one test: the pages' data is built once.
    answers = {
        (address, query): get(client, user, address, query).status_code
        for query in HOSTILE
        for address, user in pages.items()
    }
    assert len(answers) == len(HOSTILE) * len(pages)
    assert {key: status for key, status in answers.items() if status not in (200, 400)} == {}


def test_a_control_character_in_any_url_parameter_answers_400(client, pages):
    refused = {}
    for query in CONTROL:
        for address, user in pages.items():
            response = get(client, user, address, query)
            refused[address, query] = (
                response.status_code == 400 and "ký tự không hợp lệ" in response.content.decode()
            )
    assert [key for key, ok in refused.items() if not ok] == []


# --- a report's form ------------------------------------------------------------------------


@pytest.fixture
def village_report(tree, province):
    return report_of(province["committee_one"], tree.orgs["village_one"])


def report_data(report, **changes):
    target = report.plan.sections.get(kind="targets").targets.get()
    return {
        "version": report.version, "results": "Đã họp dân",
        "actuals-TOTAL_FORMS": "1", "actuals-INITIAL_FORMS": "1",
        "actuals-0-target": target.pk, "actuals-0-numerator": "80",
        "actuals-0-denominator": "100",
        "progress-TOTAL_FORMS": "0", "progress-INITIAL_FORMS": "0",
    } | changes  # fmt: skip


@pytest.mark.parametrize("text", ["Đã họp\x00dân", "Đã họp\x1bdân"])
def test_a_control_character_in_a_report_is_refused_next_to_the_field_and_kept(
    client, tree, village_report, text
):
    client.force_login(tree.users["village_one"])
    address = reverse("reports:detail", args=[village_report.pk])

    response = client.post(address, report_data(village_report, results=text))

    assert response.status_code == 200
    [message] = response.context["form"].errors["results"]
    assert message.startswith(("Không được chứa ký tự rỗng", "Có ký tự điều khiển"))
    assert Report.objects.get(pk=village_report.pk).results == ""


@pytest.mark.parametrize(
    "changes",
    [{"actuals-TOTAL_FORMS": "5"}, {"actuals-TOTAL_FORMS": "0"}, {"progress-TOTAL_FORMS": "3"},
     {"actuals-TOTAL_FORMS": "abc"}, {"actuals-0-target": "99999999999999999999999"},
     {"actuals-0-numerator": "1e400"}, {"version": "abc"}],
)  # fmt: skip
def test_a_tampered_report_form_answers_400_or_the_form(client, tree, village_report, changes):
    client.force_login(tree.users["village_one"])
    address = reverse("reports:detail", args=[village_report.pk])

    response = client.post(address, report_data(village_report, **changes))

    assert response.status_code in (200, 302, 400)
    # Refused (400, or the form again), or saved without what did not belong: never sent.
    assert Report.objects.get(pk=village_report.pk).status in ("due", "draft")


def test_a_null_byte_in_a_review_comment_is_refused_with_a_message(client, tree, boss, province):
    report = report_of(province["province_committee"], tree.orgs["committee_one"])
    send(report, boss, 80, 100)
    client.force_login(boss)

    response = client.post(
        reverse("reports:action", args=[report.pk, "return"]), {"comment": "Sửa\x00lại"}
    )

    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Chưa thực hiện: Không được chứa ký tự rỗng")
    assert Report.objects.get(pk=report.pk).status == "submitted"
    assert not ReportEvent.objects.filter(report=report, action="returned").exists()
