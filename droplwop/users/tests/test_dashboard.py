from wagtail import hooks

from droplwop.users.dashboard import DASHBOARD_ITEMS_HOOK, DashboardItem


def _items(request):
    return [
        DashboardItem(label="3 signatures to review", count=3, url="/admin/signatures/"),
        DashboardItem(
            label="2 comments to moderate", count=2, url="/admin/comments/", content=True
        ),
        DashboardItem(label="0 letters pending", count=0, url="/admin/letters/"),
        DashboardItem(
            label="1 case waiting", count=1, url="/admin/cases/", permission="users.add_user"
        ),
    ]


def _broken(request):
    raise RuntimeError("an app's counts failed")


def test_organizer_is_greeted_by_name_with_their_next_steps(client, demo, organizer):
    organizer.first_name = "Olivia"
    organizer.save()
    client.force_login(organizer)
    with hooks.register_temporarily(DASHBOARD_ITEMS_HOOK, _items):
        html = client.get("/admin/").content.decode()
    assert "Hello, Olivia." in html
    assert 'href="/admin/signatures/"' in html
    assert 'href="/admin/comments/"' in html
    assert "letters pending" not in html  # nothing to do there
    assert "case waiting" not in html  # needs a permission organizers lack


def test_editor_sees_content_tasks_only(client, demo, editor):
    client.force_login(editor)
    with hooks.register_temporarily(DASHBOARD_ITEMS_HOOK, _items):
        html = client.get("/admin/").content.decode()
    assert "2 comments to moderate" in html
    assert "signatures to review" not in html


def test_dashboard_survives_an_app_with_nothing_or_a_failing_hook(client, demo, organizer):
    client.force_login(organizer)
    with hooks.register_temporarily(DASHBOARD_ITEMS_HOOK, _broken):
        response = client.get("/admin/")
    assert response.status_code == 200
    assert "Hello, test-organizer." in response.content.decode()


def test_admin_carries_the_organization_name(client, demo, organizer, settings):
    client.force_login(organizer)
    html = client.get("/admin/").content.decode()
    assert settings.WAGTAIL_SITE_NAME in html


def test_admin_pages_send_nothing_about_staff_to_gravatar(client, demo, organizer):
    client.force_login(organizer)
    html = client.get("/admin/").content.decode()
    assert "Hello," in html
    assert "gravatar" not in html.lower()
    assert "default-user-avatar" in html  # Wagtail's own picture, served from our static files
