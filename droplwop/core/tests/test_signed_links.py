"""Signed link tokens: what Django's signing makes and reads, bound to one purpose."""

from django.core import signing
from django.test import override_settings

from droplwop.core.signed_links import make_token, read_token


def test_a_token_reads_back_and_is_what_django_signing_accepts():
    token = make_token("preferences", 42)
    assert read_token("preferences", token) == "42"
    assert signing.loads(token, salt="droplwop.preferences") == "42"
    # Signed with the same key and HMAC that Django's own Signer computes.
    payload, timestamp, _ = token.split(":")
    assert signing.Signer(salt="droplwop.preferences").sign(f"{payload}:{timestamp}") == token


def test_a_token_opens_nothing_else():
    token = make_token("preferences", 42)
    assert read_token("unsubscribe", token) is None
    assert read_token("preferences", token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert read_token("preferences", "") is None


def test_a_new_secret_key_makes_new_tokens_and_refuses_old_ones():
    old = make_token("preferences", 7)
    with override_settings(SECRET_KEY="another-secret-key-for-this-test-0123456789abcdef"):
        new = make_token("preferences", 7)
        assert read_token("preferences", new) == "7"
        assert read_token("preferences", old) is None
    assert read_token("preferences", new) is None
