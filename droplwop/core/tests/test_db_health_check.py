"""The PostgreSQL backend's health check: no query while the connection is sound, and a
connection the server dropped is noticed and replaced before a request uses it."""

import time

import psycopg
import pytest
from django.conf import settings
from django.db import connections

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="SQLite is a file in the process: there is no server connection to lose",
    ),
]


@pytest.fixture
def own_connection():
    """A connection of its own, so dropping it cannot break the test's database session."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _server_side(wrapper) -> dict:
    params = wrapper.get_connection_params()
    params.pop("context", None)
    params.pop("cursor_factory", None)
    params.pop("prepare_threshold", None)
    return params


def _backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def select_one(monkeypatch):
    """Count Django's own check (`SELECT 1`), which ours calls only when the socket has news."""
    from django.db.backends.postgresql import base

    calls = []
    original = base.DatabaseWrapper.is_usable

    def counted(self):
        calls.append(self)
        return original(self)

    monkeypatch.setattr(base.DatabaseWrapper, "is_usable", counted)
    return calls


def test_a_sound_connection_is_kept_without_a_query(own_connection, select_one):
    raw = own_connection.connection
    own_connection.health_check_done = False

    own_connection.close_if_health_check_failed()

    assert own_connection.connection is raw
    assert select_one == []
    assert _backend_pid(own_connection) > 0


def test_a_connection_the_server_dropped_is_replaced_before_use(own_connection, select_one):
    pid = _backend_pid(own_connection)
    with psycopg.connect(**_server_side(own_connection), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while own_connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)

    assert not own_connection.is_usable()
    own_connection.health_check_done = False
    own_connection.close_if_health_check_failed()
    assert own_connection.connection is None
    assert select_one, "the readable socket was confirmed with SELECT 1"

    assert _backend_pid(own_connection) != pid
