from django.contrib.auth import authenticate
from django.core.management import call_command

from orgs.models import Membership, Organisation


def test_loaddemo_is_idempotent_and_prints_the_logins(db, capsys):
    call_command("loaddemo")
    counts = (Organisation.objects.count(), Membership.objects.count())
    call_command("loaddemo")

    assert (Organisation.objects.count(), Membership.objects.count()) == counts
    output = capsys.readouterr().out
    assert "quyetthang-editor" in output
    assert "demo12345" in output


def test_each_seed_issuer_has_one_demo_login_per_role(demo):
    for username in ["quyetthang", "quyettien", "ldldbg", "sldtbxh", "ldldnb"]:
        for role in Membership.Role:
            user = authenticate(username=f"{username}-{role.value}", password="demo12345")
            assert user is not None
            assert list(user.memberships.values_list("role", flat=True)) == [role.value]


def test_historical_units_stay_in_the_tree_beside_the_current_ones(demo):
    quyet_thang = Organisation.objects.get(name="Xã Quyết Thắng", active_to__isnull=False)
    chain = [o.name for o in Organisation.objects.get_ancestors(quyet_thang)]
    assert chain == ["Tỉnh Lạng Sơn", "Huyện Hữu Lũng"]
    assert quyet_thang.level.code == "xa"
    assert Organisation.objects.get_parent(quyet_thang).level.code == "huyen"
