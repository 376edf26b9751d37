from django.urls import reverse

from orgs.models import Membership


def test_anonymous_visitor_is_sent_to_the_vietnamese_login_page(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == "/login/?next=/"

    page = client.get(response.url).content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page


def test_home_lists_the_users_organisations_with_their_roles(client, demo, django_user_model):
    user = django_user_model.objects.get(username="quyetthang-editor")
    Membership.objects.create(
        user=user,
        organisation=Membership.objects.get(user__username="quyettien-viewer").organisation,
        role=Membership.Role.VIEWER,
    )
    client.force_login(user)

    page = client.get(reverse("home")).content.decode()

    assert "xã Quyết Thắng" in page
    assert "phường Quyết Tiến" in page
    assert "Vai trò: Soạn thảo" in page
    assert "Vai trò: Xem" in page
    assert "Liên đoàn Lao động tỉnh Ninh Bình" not in page


def test_user_without_membership_is_told_to_ask_the_administrator(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("moi", password="x"))
    page = client.get(reverse("home")).content.decode()
    assert "chưa thuộc đơn vị nào" in page


def test_logout_is_a_post_and_ends_the_session(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("moi", password="x"))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_admin_speaks_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị Kế hoạch" in page
    assert "Tổ chức và đơn vị" in page
