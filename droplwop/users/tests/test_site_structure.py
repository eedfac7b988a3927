"""Only Administrators manage site structure: each role walks the structure screens."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow

from droplwop.users.models import User

REFUSAL = "Sorry, you do not have permission to access this area."
# Wagtail hides a collection its user may not delete: its delete URL is not found, and
# a not-found admin URL is sent on to the language-prefixed path, which is not found either.
HIDDEN = {("wagtailadmin_collections", "delete")}


def _assert_refused(client, response, namespace, action, url, role):
    assert response.status_code == 302, (role, action, url, response.status_code)
    if (namespace, action) in HIDDEN:
        assert response["Location"] == f"/en{url}", (role, url)
        assert client.get(response["Location"]).status_code == 404
        return
    assert response["Location"] == reverse("wagtailadmin_home"), (role, url)
    messages = [str(m).strip() for m in response.wsgi_request._messages]
    assert messages[-1] == REFUSAL, (role, url, messages)


def _targets():
    site = Site.objects.get(is_default_site=True)
    locale = Locale.objects.get(language_code="es")
    workflow = Workflow.objects.first()
    task = Task.objects.first()
    group = Group.objects.get(name="Editor")
    collection = Collection.get_first_root_node().add_child(name="Press kit")
    staff = User.objects.create_user("someone-else", "someone@example.org", "a-long-password-1")
    root = Page.get_first_root_node()
    return [
        # (namespace, object pk, a valid add form, a valid edit form)
        (
            "wagtailsites",
            site.pk,
            {"hostname": "evil.example", "port": "80", "site_name": "X", "root_page": root.pk},
            {"hostname": "evil.example", "port": "80", "site_name": "X", "root_page": root.pk},
        ),
        ("wagtaillocales", locale.pk, {"language_code": "es"}, {"language_code": "es"}),
        ("wagtailadmin_workflows", workflow.pk, {"name": "Bypass"}, {"name": "Bypass"}),
        ("wagtailusers_groups", group.pk, {"name": "Owners"}, {"name": "Owners"}),
        (
            "wagtailusers_users",
            staff.pk,
            {
                "username": "intruder",
                "email": "intruder@example.org",
                "first_name": "In",
                "last_name": "Truder",
                "password1": "a-long-password-2",
                "password2": "a-long-password-2",
                "is_superuser": "on",
            },
            {"username": "renamed", "email": "renamed@example.org", "is_superuser": "on"},
        ),
        (
            "wagtailadmin_collections",
            collection.pk,
            {"name": "New", "parent": Collection.get_first_root_node().pk},
            {"name": "Renamed", "parent": Collection.get_first_root_node().pk},
        ),
        ("wagtailadmin_workflows:task", task.pk, {"name": "Bypass"}, {"name": "Bypass"}),
    ]


def _urls(namespace, pk):
    if namespace == "wagtailadmin_workflows:task":
        return {
            "list": reverse("wagtailadmin_workflows:task_index"),
            "add": reverse(
                "wagtailadmin_workflows:add_task", args=["wagtailcore", "groupapprovaltask"]
            ),
            "edit": reverse("wagtailadmin_workflows:edit_task", args=[pk]),
            "delete": reverse("wagtailadmin_workflows:disable_task", args=[pk]),
        }
    if namespace == "wagtailadmin_workflows":
        delete = reverse("wagtailadmin_workflows:disable", args=[pk])
    else:
        delete = reverse(f"{namespace}:delete", args=[pk])
    return {
        "list": reverse(f"{namespace}:index"),
        "add": reverse(f"{namespace}:add"),
        "edit": reverse(f"{namespace}:edit", args=[pk]),
        "delete": delete,
    }


def _structure_rows():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Site, Locale, Workflow, Task, Group, Collection)
    } | {"User": list(User.objects.order_by("pk").values("pk", "username", "is_superuser"))}


def _staff(role):
    user = User.objects.create_user(f"walker-{role}", f"{role}@example.org", "a-long-password-3")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize("role", ["Organizer", "Editor"])
def test_organizers_and_editors_are_refused_every_structure_screen(client, demo, role):
    targets = _targets()
    client.force_login(_staff(role))
    before = _structure_rows()
    for namespace, pk, add_form, edit_form in targets:
        urls = _urls(namespace, pk)
        for action, url in urls.items():
            _assert_refused(client, client.get(url), namespace, action, url, role)
        for action, form in (("add", add_form), ("edit", edit_form), ("delete", {})):
            response = client.post(urls[action], form)
            _assert_refused(client, response, namespace, action, urls[action], role)
    assert _structure_rows() == before


def test_administrators_open_every_structure_screen(client, demo):
    targets = _targets()
    client.force_login(_staff("Administrator"))
    for namespace, pk, _add, _edit in targets:
        for action, url in _urls(namespace, pk).items():
            response = client.get(url)
            assert response.status_code == 200, (action, url, response.status_code)


def test_an_administrator_saves_a_structure_change(client, demo):
    client.force_login(_staff("Administrator"))
    response = client.post(
        reverse("wagtailadmin_collections:add"),
        {"name": "Volunteers", "parent": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302
    assert Collection.objects.filter(name="Volunteers").exists()
