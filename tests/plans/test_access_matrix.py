"""Access matrix for plan pages: persona × URL × expected answer, on a draft and an issued plan
of the commune committee (Ban Chỉ đạo xã Một; the issued one addressed to Thôn Một-1).
Columns: the personas of tests/personas.py, then anonymous."""

import pytest

from orgs.models import Membership, Organisation
from plans import services

from ..matrix import LOGIN, answers, get, post, uncovered

L = LOGIN
PASTE = {"paste-text": "Việc một\tỦy ban nhân dân xã Một\t\tQuý I", "paste-start": "0"}
# Drafts are seen by the issuer's members only; the province oversees the issued plan and the
# village receives it. Editing needs the editor role and an editable plan: the own editor
# opening an issued plan is sent back to its page (302).
# fmt: off
ROWS = [
    #                                                  edit appr clrk view prov sibl chld outs anon
    get("plans:list", None,                            200, 200, 200, 200, 200, 200, 200, 200, L),
    get("plans:inbox", None,                           200, 200, 200, 200, 200, 200, 200, 200, L),
    get("plans:create", None,                          200, 403, 403, 403, 200, 200, 200, 200, L),
    get("plans:timeframe_hint", None,                  200, 200, 200, 200, 200, 200, 200, 200, L,
        data={"items-0-timeframe": "Quý I", "year": "2024"}),
    get("plans:unit_options", None,                    200, 200, 200, 200, 200, 200, 200, 200, L,
        data={"items-0-leads": "Xã"}),
    get("plans:unit_search", None,                     200, 200, 200, 200, 200, 200, 200, 200, L,
        data={"q": "Xã"}),
    get("plans:unit_tasks", "committee",               200, 200, 200, 200, 200, 404, 200, 404, L),
    get("plans:detail", "draft",                       200, 200, 200, 200, 404, 404, 404, 404, L),
    get("plans:detail", "issued",                      200, 200, 200, 200, 200, 404, 200, 404, L),
    get("plans:download_pdf", "draft",                 200, 200, 200, 200, 404, 404, 404, 404, L),
    get("plans:download_pdf", "issued",                200, 200, 200, 200, 200, 404, 200, 404, L),
    get("plans:download_docx", "draft",                200, 200, 200, 200, 404, 404, 404, 404, L),
    get("plans:download_docx", "issued",               200, 200, 200, 200, 200, 404, 200, 404, L),
    get("plans:edit", "draft",                         200, 403, 403, 403, 404, 404, 404, 404, L),
    get("plans:edit", "issued",                        302, 403, 403, 403, 403, 404, 403, 404, L),
    get("plans:section", "draft section",              200, 403, 403, 403, 404, 404, 404, 404, L),
    get("plans:section", "issued section",             302, 403, 403, 403, 403, 404, 403, 404, L),
    # Actions are POST only: GET is refused before the plan is looked up.
    get("plans:copy", "draft",                         405, 405, 405, 405, 405, 405, 405, 405, L),
    post("plans:copy", "draft",                        302, 403, 403, 403, 404, 404, 404, 404, L,
         data={"year": "2025"}),
    get("plans:transition", "submit draft",            405, 405, 405, 405, 405, 405, 405, 405, L),
    # Whoever sees the plan is sent back to it; a role too low comes back as a message there.
    post("plans:transition", "submit draft",           302, 302, 302, 302, 404, 404, 404, 404, L),
    get("plans:implement", "issued",                   405, 405, 405, 405, 405, 405, 405, 405, L),
    # Implementing needs the editor role at a unit other than the issuer.
    post("plans:implement", "issued",                  403, 403, 403, 403, 302, 404, 302, 404, L,
         data=lambda user: {"issuer": editor_unit(user)}),
    # Pasting a task table answers with rows for the page (an issued plan: a message).
    get("plans:paste_tasks", "draft section",          405, 405, 405, 405, 405, 405, 405, 405, L),
    post("plans:paste_tasks", "draft section",         200, 403, 403, 403, 404, 404, 404, 404, L,
         data=PASTE),
    post("plans:paste_tasks", "issued section",        200, 403, 403, 403, 403, 404, 403, 404, L,
         data=PASTE),
    get("plans:section_add", "draft",                  405, 405, 405, 405, 405, 405, 405, 405, L),
    post("plans:section_add", "draft",                 302, 403, 403, 403, 404, 404, 404, 404, L,
         data={"kind": "other"}),
    get("plans:section_move", "draft section down",    405, 405, 405, 405, 405, 405, 405, 405, L),
    post("plans:section_move", "draft section down",   302, 403, 403, 403, 404, 404, 404, 404, L),
    # "Thêm văn bản kèm theo" on a draft quyết định: the issuer's editors only.
    get("plans:attach", "decision",                    405, 405, 405, 405, 405, 405, 405, 405, L),
    post("plans:attach", "decision",                   302, 403, 403, 403, 404, 404, 404, 404, L,
         data={"kind": "plan"}),
    get("plans:section_delete", "draft section",       405, 405, 405, 405, 405, 405, 405, 405, L),
    post("plans:section_delete", "draft section",      302, 403, 403, 403, 404, 404, 404, 404, L),
]
# fmt: on


def editor_unit(user):
    """The first unit where user is an editor: the issuer they would implement the plan for."""
    units = Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.EDITOR
    )
    return (units.values_list("pk", flat=True).first() or "") if user else ""


@pytest.fixture
def targets(tree, plans):
    draft, issued = plans["draft"], plans["issued"]
    draft_section = draft.sections.get(kind="tasks").pk
    decision = services.start_plan(
        issuer=tree.orgs["committee_one"], by=tree.users["own_editor"], year=2024,
        summary="Ban hành Kế hoạch năm 2024", kind="decision",
    )  # fmt: skip
    return {
        "decision": [decision.pk],
        "committee": [tree.orgs["committee_one"].pk],
        "draft": [draft.pk],
        "issued": [issued.pk],
        "draft section": [draft.pk, draft_section],
        "issued section": [issued.pk, issued.sections.get(kind="tasks").pk],
        "draft section down": [draft.pk, draft_section, "down"],
        "submit draft": [draft.pk, "submit"],
    }


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_persona_gets_the_expected_answer(tree, targets, row):
    assert answers(row, tree.users, targets) == row.expected


def test_every_plan_url_has_a_row_in_the_matrix():
    assert uncovered(ROWS, "plans") == []
