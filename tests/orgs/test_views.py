from datetime import date

from django.urls import reverse

from orgs.models import CommitteeMember, Organisation, Person


def test_search_ignores_diacritics_and_stays_within_what_the_user_sees(client, tree):
    client.force_login(tree.users["own_viewer"])

    page = client.get(reverse("orgs:list"), {"q": "ban chi dao xa"}).content.decode()

    assert "Ban Chỉ đạo xã Một" in page
    assert "Ban Chỉ đạo xã Hai" not in page  # a sibling commune is outside the user's scope


def test_search_accepts_decomposed_unicode(client, tree):
    client.force_login(tree.users["province_editor"])
    decomposed = "Xa\u0303 Hai"  # "Xã Hai" typed with a combining tilde
    page = client.get(reverse("orgs:list"), {"q": decomposed}).content.decode()
    assert "Xã Hai" in page


def test_list_without_query_shows_the_users_own_units(client, tree):
    client.force_login(tree.users["child_editor"])
    page = client.get(reverse("orgs:list")).content.decode()
    assert "Thôn Một-1" in page


def test_detail_shows_breadcrumbs_children_and_committee_seats(client, tree):
    committee = tree.orgs["committee_one"]
    person = Person.objects.create(
        full_name="Lại Văn Thơm",
        position="Chủ tịch UBND xã",
        organisation=tree.orgs["government_one"],
    )
    CommitteeMember.objects.create(committee=committee, person=person, position="head")
    CommitteeMember.objects.create(
        committee=committee, member_body=tree.orgs["government_one"], position="member", order=5
    )
    client.force_login(tree.users["own_viewer"])

    page = client.get(reverse("orgs:detail", args=[committee.pk])).content.decode()
    assert 'class="breadcrumb"' in page
    assert page.index("Tỉnh A") < page.index("Xã Một") < page.index("Thành viên Ban Chỉ đạo")
    commune_page = client.get(reverse("orgs:detail", args=[tree.orgs["commune_one"].pk]))
    assert "Lại Văn Thơm" in commune_page.content.decode()
    assert "Trưởng ban" in page
    assert "Lại Văn Thơm" in page
    assert "Chủ tịch UBND xã" in page
    assert "Ủy ban nhân dân xã Một" in page
    assert "Sửa thông tin" not in page  # a viewer is offered no management


def test_province_children_listed_to_a_commune_user_leave_out_sibling_communes(client, tree):
    client.force_login(tree.users["own_viewer"])
    page = client.get(reverse("orgs:detail", args=[tree.orgs["province"].pk])).content.decode()
    assert "Xã Một" in page
    assert "Xã Hai" not in page


def test_detail_page_queries_do_not_grow_with_children(client, tree, django_assert_max_num_queries):
    from orgs.services import bulk_add_children

    commune = tree.orgs["commune_one"]
    level = tree.orgs["village_one"].level
    bulk_add_children(
        commune,
        [Organisation(kind="village", level=level, name=f"Thôn {n}") for n in range(40)],
    )
    client.force_login(tree.users["own_viewer"])
    # 10, the navbar's counts (one query) and the units the unit took over (one query)
    with django_assert_max_num_queries(12):
        client.get(reverse("orgs:detail", args=[commune.pk]))


def test_editor_saves_unit_details(client, tree):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users["own_editor"])
    response = client.post(
        reverse("orgs:edit", args=[committee.pk]),
        {"name": "Ban Chỉ đạo xã Một (mới)", "symbol": "BCĐ", "place": "Một"},
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.name == "Ban Chỉ đạo xã Một (mới)"
    assert committee.search_text == "ban chi dao xa mot (moi)"


def test_bad_dates_get_a_vietnamese_message_and_keep_the_typed_text(client, tree):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users["own_editor"])
    response = client.post(
        reverse("orgs:edit", args=[committee.pk]),
        {
            "name": "<script>alert(1)</script> Ban mới",
            "active_from": "2025-07-01",
            "active_to": "2024-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ban mới" in page
    assert "<script>alert(1)</script>" not in page
    committee.refresh_from_db()
    assert committee.name == "Ban Chỉ đạo xã Một"
    assert committee.active_to is None


def test_names_are_escaped_on_every_page(client, tree):
    village = tree.orgs["village_one"]
    village.name = "<img src=x onerror=alert(1)>"
    village.active_from = date(2020, 1, 1)
    village.save()
    client.force_login(tree.users["own_editor"])
    for url in [
        reverse("orgs:detail", args=[village.pk]),
        reverse("orgs:detail", args=[tree.orgs["commune_one"].pk]),
        reverse("orgs:list") + "?q=img",
    ]:
        page = client.get(url).content.decode()
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_committee_editor_seats_a_person_and_a_member_body_and_removes_one(client, tree):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users["own_editor"])
    url = reverse("orgs:seat_add", args=[committee.pk])

    client.post(
        url,
        {
            "position": "head",
            "full_name": "Lại Văn Thơm",
            "person_position": "Chủ tịch UBND xã",
            "member_body": tree.orgs["government_one"].pk,
        },
    )
    client.post(url, {"position": "member", "member_body": tree.orgs["government_one"].pk})

    seats = list(CommitteeMember.objects.filter(committee=committee))
    assert [(s.position, s.person and s.person.full_name) for s in seats] == [
        ("head", "Lại Văn Thơm"),
        ("member", None),
    ]
    assert seats[0].person.organisation == tree.orgs["government_one"]
    client.post(reverse("orgs:seat_delete", args=[committee.pk, seats[1].pk]))
    assert CommitteeMember.objects.filter(committee=committee).count() == 1


def test_a_seat_needs_a_name_or_a_body_and_keeps_what_was_typed(client, tree):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users["own_editor"])
    response = client.post(
        reverse("orgs:seat_add", args=[committee.pk]),
        {"position": "deputy", "person_position": "Phó Chủ tịch <b>UBND</b>"},
    )
    page = response.content.decode()
    assert "Cần nhập họ tên hoặc chọn cơ quan thành viên." in page
    assert 'value="Phó Chủ tịch &lt;b&gt;UBND&lt;/b&gt;"' in page
    assert not CommitteeMember.objects.exists()


def test_a_sibling_communes_body_cannot_be_seated(client, tree):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users["own_editor"])
    client.post(
        reverse("orgs:seat_add", args=[committee.pk]),
        {"position": "member", "member_body": tree.orgs["committee_two"].pk},
    )
    assert not CommitteeMember.objects.exists()


def test_viewer_cannot_change_seats(client, tree):
    client.force_login(tree.users["own_viewer"])
    url = reverse("orgs:seat_add", args=[tree.orgs["committee_one"].pk])
    assert client.post(url, {"position": "member", "full_name": "A"}).status_code == 403
