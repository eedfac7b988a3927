"""Failed sign-ins are limited per account and per address (django-axes), audited, unlockable."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group

from droplwop.core.models import AuditEntry
from droplwop.users.login_guard import hashed_client_address
from droplwop.users.models import User

LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"
LOCKED_EN = "Too many failed sign-in attempts."
LOCKED_ES = "Demasiados intentos fallidos de inicio de sesión."


@pytest.fixture
def staff(db):
    user = User.objects.create_user("lock-me", "lock-me@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Organizer"))
    return user


def _fail(client, username="lock-me", times=5, **extra):
    responses = [
        client.post(LOGIN, {"username": username, "password": "wrong-password"}, **extra)
        for _ in range(times)
    ]
    return responses[-1]


def test_five_wrong_passwords_lock_the_account_with_a_message_and_an_audit_row(client, demo, staff):
    first = client.post(LOGIN, {"username": "lock-me", "password": "wrong-password"})
    assert first.status_code == 200
    locked = _fail(client, times=4)
    assert locked.status_code == 429
    assert LOCKED_EN in locked.content.decode()
    assert 'name="username"' in locked.content.decode()

    right = client.post(LOGIN, {"username": "lock-me", "password": PASSWORD})
    assert right.status_code == 429
    assert client.get("/admin/").status_code == 302
    entry = AuditEntry.objects.get(action="login.locked_out")
    assert entry.object_id == str(staff.pk)
    assert entry.data["username"] == "lock-me"
    assert "127.0.0.1" not in str(entry.data)


def test_the_account_stays_locked_from_another_address(client, demo, staff):
    _fail(client, REMOTE_ADDR="10.0.0.1")
    other = client.post(
        LOGIN, {"username": "lock-me", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 429


def test_one_address_trying_many_accounts_is_locked(client, demo, staff):
    for number in range(5):
        response = client.post(LOGIN, {"username": f"guess-{number}", "password": "wrong-password"})
    assert response.status_code == 429
    right = client.post(LOGIN, {"username": "lock-me", "password": PASSWORD})
    assert right.status_code == 429


def test_the_lockout_message_is_in_spanish_for_a_spanish_browser(client, demo, staff):
    locked = _fail(client, HTTP_ACCEPT_LANGUAGE="es")
    assert locked.status_code == 429
    assert LOCKED_ES in locked.content.decode()


def test_addresses_are_kept_only_as_keyed_hashes(client, demo, staff, rf):
    _fail(client, times=1)
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address != "127.0.0.1"
    assert attempt.ip_address == hashed_client_address(rf.get("/"))


def test_a_right_password_signs_in_and_clears_the_failures(client, demo, staff):
    _fail(client, times=2)
    response = client.post(LOGIN, {"username": "lock-me", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def _administrator():
    admin = User.objects.create_user("head", "head@example.org", PASSWORD, is_staff=True)
    admin.groups.add(Group.objects.get(name="Administrator"))
    return admin


def test_an_administrator_unlocks_an_account_and_it_is_audited(client, demo, staff):
    _fail(client)
    admin_client = client.__class__()
    admin_client.force_login(_administrator())
    listing = admin_client.get("/admin/security/lockouts/")
    assert listing.status_code == 200
    assert "lock-me" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="lock-me")

    response = admin_client.post(f"/admin/security/lockouts/{attempt.pk}/unlock/")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lock-me").exists()
    assert AuditEntry.objects.filter(action="login.unlocked", data__username="lock-me").exists()
    assert client.post(LOGIN, {"username": "lock-me", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("role", ["Organizer", "Editor"])
def test_only_administrators_unlock(client, demo, staff, role):
    _fail(client)
    attempt = AccessAttempt.objects.get(username="lock-me")
    other = User.objects.create_user("not-admin", "n@example.org", PASSWORD, is_staff=True)
    other.groups.add(Group.objects.get(name=role))
    other_client = client.__class__()
    other_client.force_login(other)

    for response in (
        other_client.get("/admin/security/lockouts/"),
        other_client.post(f"/admin/security/lockouts/{attempt.pk}/unlock/"),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert not AuditEntry.objects.filter(action="login.unlocked").exists()
