"""Access matrix for report pages: persona × URL × expected answer, on the commune committee's
report to the province while it is written, the report Thôn Một-1 sent to the commune, and the
commune plan's dashboard. Columns: the personas of tests/personas.py, then anonymous."""

import pytest

from ..matrix import LOGIN, answers, get, post, uncovered
from ..reportdata import report_of, send

L = LOGIN
# A report is seen by its unit in every state; once sent, also by the unit it is sent to and the
# oversight above. Actions answer whoever sees the report with a redirect to it; a role too low
# comes back as a message there (tests/reports/test_pages.py checks that nothing changed).
# fmt: off
ROWS = [
    #                                                edit appr clrk view prov sibl chld outs anon
    get("reports:list", None,                        200, 200, 200, 200, 200, 200, 200, 200, L),
    get("reports:detail", "commune report",          200, 200, 200, 200, 404, 404, 404, 404, L),
    get("reports:detail", "village report",          200, 200, 200, 200, 200, 404, 200, 404, L),
    get("reports:pdf", "commune report",             200, 200, 200, 200, 404, 404, 404, 404, L),
    get("reports:pdf", "village report",             200, 200, 200, 200, 200, 404, 200, 404, L),
    get("reports:docx", "village report",            200, 200, 200, 200, 200, 404, 200, 404, L),
    get("reports:action", "accept village report",   405, 405, 405, 405, 405, 405, 405, 405, L),
    post("reports:action", "accept village report",  302, 302, 302, 302, 302, 404, 302, 404, L),
    # Whoever reads the plan reads its dashboard: the village that reports on it too (it sees
    # the commune's roll-up; a sibling village's own figures stay out of its reach, 404).
    get("reports:dashboard", "commune plan",         200, 200, 200, 200, 200, 404, 200, 404, L),
    get("reports:dashboard_xlsx", "commune plan",    200, 200, 200, 200, 200, 404, 200, 404, L),
]
# fmt: on


@pytest.fixture
def targets(tree, province):
    o = tree.orgs
    village = report_of(province["committee_one"], o["village_one"])
    send(village, tree.users["village_one"], 80, 100)
    commune = report_of(province["province_committee"], o["committee_one"])
    return {
        "commune report": [commune.pk],
        "village report": [village.pk],
        "accept village report": [village.pk, "accept"],
        "commune plan": [province["committee_one"].pk],
    }


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_persona_gets_the_expected_answer(tree, targets, row):
    assert answers(row, tree.users, targets) == row.expected


def test_every_report_url_has_a_row_in_the_matrix():
    assert uncovered(ROWS, "reports") == []
