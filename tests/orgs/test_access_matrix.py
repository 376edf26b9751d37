"""Access matrix for organisation pages: persona × URL × expected answer, opened on the commune
committee (Ban Chỉ đạo xã Một). Columns: the personas of tests/personas.py, then anonymous."""

import pytest

from orgs.models import Level, Organisation
from orgs.services import add_committee_seat, grant_role

from ..matrix import LOGIN, answers, get, post, uncovered

SEAT = {"position": "member", "full_name": "Nguyễn Văn A"}
GRANT = {"username": "newcomer", "role": "viewer"}
RENAME = {"name": "Ban Chỉ đạo xã Một (mới)", "on": "2025-07-01"}
CLOSE = {"on": "2025-07-01", "confirm": "on"}
VILLAGES = {"step": "villages", "villages-names": "Thôn Mới"}


def move_to_province(user):
    return {"target": Organisation.objects.get(name="Tỉnh A").pk, "on": "2025-07-01"}


def new_commune(user):
    return {"kind": "area", "level": Level.objects.get(code="xa").pk, "name": "Xã Mới"}


# fmt: off
ROWS = [
    #                                        edit appr clrk view prov sibl chld outs anonymous
    get("orgs:list", None,                   200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    get("orgs:detail", "committee",          200, 200, 200, 200, 200, 404, 200, 404, LOGIN),
    get("orgs:edit", "committee",            200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    get("orgs:import", "committee",          200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    # Seats are changed by POST only; GET is refused before anything is looked up.
    get("orgs:seat_add", "committee",        405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("orgs:seat_add", "committee",       302, 302, 403, 403, 302, 404, 403, 404, LOGIN,
         data=SEAT),
    get("orgs:seat_delete", "seat",          405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("orgs:seat_delete", "seat",         302, 302, 403, 403, 302, 404, 403, 404, LOGIN),
    # Roles: a manager of the unit may try (the service then applies the grant rules).
    get("orgs:role_grant", "committee",      405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("orgs:role_grant", "committee",     302, 302, 403, 403, 302, 404, 403, 404, LOGIN,
         data=GRANT),
    get("orgs:role_revoke", "membership",    405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("orgs:role_revoke", "membership",   302, 302, 403, 403, 302, 404, 403, 404, LOGIN),
    # Invitations: the unit's managers print the sheet and mail the links again.
    get("orgs:invitation_sheet", "committee", 200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    get("orgs:invitations_resend", "committee", 405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("orgs:invitations_resend", "committee", 302, 302, 403, 403, 302, 404, 403, 404, LOGIN),
    # The audit log: the unit's approvers (and administrators) only.
    get("orgs:audit", "committee",           403, 200, 403, 403, 403, 404, 403, 404, LOGIN),
    get("orgs:audit_csv", "committee",       403, 200, 403, 403, 403, 404, 403, 404, LOGIN),
    # One unit at a time: the unit's managers; moving and closing also need the unit above
    # (a 200 is the form again, with the refusal next to the field).
    get("orgs:unit_add", "committee",        200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    get("orgs:unit_rename", "committee",     200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    post("orgs:unit_rename", "committee",    302, 302, 403, 403, 302, 404, 403, 404, LOGIN,
         data=RENAME),
    get("orgs:unit_move", "committee",       200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    post("orgs:unit_move", "committee",      200, 200, 403, 403, 302, 404, 403, 404, LOGIN,
         data=move_to_province),
    get("orgs:unit_close", "committee",      200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    post("orgs:unit_close", "committee",     302, 302, 403, 403, 302, 404, 403, 404, LOGIN,
         data=CLOSE),
    # The guided set-up: a new commune under a province its managers manage.
    get("orgs:setup_start", "province",      403, 403, 403, 403, 200, 403, 403, 404, LOGIN),
    post("orgs:setup_start", "province",     403, 403, 403, 403, 302, 403, 403, 404, LOGIN,
         data=new_commune),
    get("orgs:setup", "commune",             200, 200, 403, 403, 200, 404, 403, 404, LOGIN),
    post("orgs:setup", "commune",            302, 302, 403, 403, 302, 404, 403, 404, LOGIN,
         data=VILLAGES),
    # Import templates and help pages hold nothing of a unit: any signed-in person.
    get("orgs:import_template", "template",  200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    get("orgs:help", "help",                 200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
]
# fmt: on


@pytest.fixture
def targets(tree, django_user_model):
    committee = tree.orgs["committee_one"]
    seat = add_committee_seat(committee, position="member", full_name="Trần Thị B")
    newcomer = django_user_model.objects.create_user("newcomer")
    membership = grant_role(newcomer, committee, "viewer")
    return {
        "committee": [committee.pk],
        "province": [tree.orgs["province"].pk],
        "commune": [tree.orgs["commune_one"].pk],
        "template": ["tai-khoan"],
        "help": ["quan-tri-don-vi"],
        "seat": [committee.pk, seat.pk],
        "membership": [committee.pk, membership.pk],
    }


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_persona_gets_the_expected_answer(tree, targets, row):
    assert answers(row, tree.users, targets) == row.expected


def test_every_organisation_url_has_a_row_in_the_matrix():
    assert uncovered(ROWS, "orgs") == []
