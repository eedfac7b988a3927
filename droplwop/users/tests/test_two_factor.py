"""Two-factor sign-in: enrol, the code step after the password, turn off, required for admins."""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from droplwop.core.models import AuditEntry
from droplwop.users.models import SecuritySettings, User

PASSWORD = "a-long-test-password"
SETTINGS_PAGE = "/admin/account/two-factor/"
CODE_PAGE = "/admin/login/code/"


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _staff(role, username="two-step"):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_staff_member_enrols_with_the_qr_code_and_a_code(client, demo):
    user = _staff("Editor")
    client.force_login(user)
    page = client.get(SETTINGS_PAGE)
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert body.count("data-secret") == 1

    wrong = client.post(SETTINGS_PAGE, {"code": "000000"})
    assert wrong.status_code == 200
    assert "That code did not match" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    assert not device.confirmed

    response = client.post(SETTINGS_PAGE, {"code": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="two_factor.enabled", object_id=str(user.pk)).exists()
    # The session that enrolled counts as verified: the admin stays open.
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def enrolled(db):
    user = _staff("Organizer")
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user, device


def test_the_password_alone_leads_to_the_code_step(client, demo, enrolled):
    user, device = enrolled
    login = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert login.status_code == 302
    held = client.get("/admin/pages/")
    assert held.status_code == 302
    assert held["Location"] == f"{CODE_PAGE}?next=%2Fadmin%2Fpages%2F"
    assert client.get(CODE_PAGE).status_code == 200

    wrong = client.post(CODE_PAGE, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "That code did not match" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()

    right = client.post(CODE_PAGE, {"code": _code(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_the_code_step_goes_nowhere_off_site(client, demo, enrolled):
    user, device = enrolled
    client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    right = client.post(CODE_PAGE, {"code": _code(device), "next": "https://evil.example/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"


def test_wrong_codes_count_as_failed_logins_and_lock(client, demo, enrolled):
    user, device = enrolled
    client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    for _ in range(4):
        assert client.post(CODE_PAGE, {"code": "000000"}).status_code == 200
        device.refresh_from_db()
        device.throttle_reset()
    locked = client.post(CODE_PAGE, {"code": "000000"})
    assert locked.status_code == 429
    assert client.get("/admin/").status_code == 302
    assert AuditEntry.objects.filter(action="login.locked_out", object_id=str(user.pk)).exists()


def test_turning_two_factor_off_takes_a_current_code(client, demo, enrolled):
    user, device = enrolled
    client.force_login(user)
    client.post(CODE_PAGE, {"code": _code(device)})
    device.refresh_from_db()
    device.last_t = -1
    device.save()

    refused = client.post(SETTINGS_PAGE, {"code": "000000"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    device.refresh_from_db()
    device.throttle_reset()

    response = client.post(SETTINGS_PAGE, {"code": _code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="two_factor.disabled", object_id=str(user.pk)).exists()


def test_when_required_an_administrator_without_a_device_is_sent_to_enrol(client, demo):
    settings = SecuritySettings.load()
    settings.require_two_factor_for_administrators = True
    settings.save()
    client.force_login(_staff("Administrator"))
    for path in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SETTINGS_PAGE
    page = client.get(SETTINGS_PAGE)
    assert page.status_code == 200
    assert "Administrators must use two-factor sign-in" in page.content.decode()

    organizer_client = client.__class__()
    organizer_client.force_login(_staff("Organizer", username="not-required"))
    assert organizer_client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", ["Organizer", "Editor"])
def test_only_administrators_change_the_requirement(client, demo, role):
    client.force_login(_staff(role))
    url = f"/admin/settings/users/securitysettings/{SecuritySettings.load().pk}/"
    response = client.post(url, {"require_two_factor_for_administrators": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert not SecuritySettings.load().require_two_factor_for_administrators


def test_an_administrator_turns_the_requirement_on(client, demo):
    client.force_login(_staff("Administrator"))
    url = f"/admin/settings/users/securitysettings/{SecuritySettings.load().pk}/"
    response = client.post(url, {"require_two_factor_for_administrators": "on"})
    assert response.status_code == 302
    assert SecuritySettings.load().require_two_factor_for_administrators
