"""Access matrix for organisation pages: persona × URL × expected answer, opened on the commune
committee (Ban Chỉ đạo xã Một). Columns: the personas of tests/personas.py, then anonymous."""

import pytest

from orgs.services import add_committee_seat, grant_role

from ..matrix import LOGIN, answers, get, post, uncovered

SEAT = {"position": "member", "full_name": "Nguyễn Văn A"}
GRANT = {"username": "newcomer", "role": "viewer"}
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
        "seat": [committee.pk, seat.pk],
        "membership": [committee.pk, membership.pk],
    }


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_persona_gets_the_expected_answer(tree, targets, row):
    assert answers(row, tree.users, targets) == row.expected


def test_every_organisation_url_has_a_row_in_the_matrix():
    assert uncovered(ROWS, "orgs") == []
