import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission


@pytest.mark.django_db
def test_the_three_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Administrator",
        "Organizer",
        "Editor",
    }


@pytest.mark.django_db
def test_editor_edits_content_but_holds_no_permission_on_people(editor):
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("pages.change_resource")
    assert not editor.has_perm("supporters.view_supporter")
    assert not editor.has_perm("core.view_auditentry")
    assert not any(
        p.startswith(("supporters.", "petitions.", "events.", "donations.", "cases."))
        for p in editor.get_all_permissions()
    )


@pytest.mark.django_db
def test_organizer_works_with_supporters_but_not_staff_accounts(organizer):
    assert organizer.has_perm("supporters.view_supporter")
    assert organizer.has_perm("supporters.change_supporter")
    assert not organizer.has_perm("users.add_user")
    assert not organizer.has_perm("auth.change_group")


@pytest.mark.django_db
def test_every_role_may_edit_and_publish_pages():
    for name in ("Administrator", "Organizer", "Editor"):
        codenames = set(
            GroupPagePermission.objects.filter(group__name=name).values_list(
                "permission__codename", flat=True
            )
        )
        assert {"add_page", "change_page", "publish_page"} <= codenames, name


def test_admin_dashboard_requires_login(client, demo):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_cannot_open_the_supporters_admin(client, editor, demo):
    from droplwop.supporters.models import Supporter

    Supporter.objects.create(email="private.person@example.org", first_name="Private")
    client.force_login(editor)
    response = client.get("/admin/supporters_people/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert b"private.person@example.org" not in response.content
