"""Fixtures shared by every app's tests and the browser journeys."""

import contextlib
import os

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop running on the test thread; Django would then refuse
# database calls from the test body. Tests only: the server itself never sets this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    """Cached pages and rate limit counters (kept outside the test's transaction): each test
    starts with none."""
    from django.core.cache import cache
    from django.db import connection

    from droplwop.core import rate_limit

    cache.clear()
    if connection.vendor == "postgresql":
        if request.node.get_closest_marker("django_db") is None and not (
            {"db", "transactional_db", "live_server"} & set(request.fixturenames)
        ):
            # No database access, so nothing to count with: and the counters are rows of a
            # test database such a test has no reason to create.
            yield
            return
        # The counters are rows of the test database: it must exist before they are cleared.
        request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        rate_limit.reset()
    yield


_demo_snapshot = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site, as `make run` shows it."""
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        # A browser test flushes the database; copying this snapshot back is much quicker
        # than loading the demo again, and gives the very same rows.
        if connection.vendor == "sqlite":
            import sqlite3

            connection.ensure_connection()
            _demo_snapshot["sqlite"] = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(_demo_snapshot["sqlite"])
        elif connection.vendor == "postgresql":
            _demo_snapshot["postgresql"] = _copy_out_tables(connection)


def _copy_out_tables(connection) -> dict:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                rows[table] = b"".join(bytes(chunk) for chunk in copy)
    return rows


def _copy_in_tables(connection, rows: dict) -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    quoted = ", ".join(f'"{table}"' for table in rows)
    with connection.cursor() as cursor:
        # Rows that the flush's post_migrate made again (content types, roles) go first.
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        cursor.execute("SET session_replication_role = replica")
        for table, data in rows.items():
            if data:
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
        cursor.execute("SET session_replication_role = DEFAULT")
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _reload_demo():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    snapshot = _demo_snapshot.get(connection.vendor)
    if snapshot is None or not connection.get_autocommit():
        call_command("load_demo", verbosity=0)
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        snapshot.backup(connection.connection)
    else:
        _copy_in_tables(connection, snapshot)
    # The flush made new content type rows; the restored ones may carry other ids.
    ContentType.objects.clear_cache()


@pytest.fixture
def demo(db):
    """The demo site's home pages by language. Reloaded if a transactional test flushed it."""
    from droplwop.pages.models import HomePage

    if not HomePage.objects.exists():
        _reload_demo()
    return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}


@pytest.fixture
def organizer(db):
    from django.contrib.auth.models import Group

    from droplwop.users.models import User

    user = User.objects.create_user(
        "test-organizer", "test-organizer@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Organizer"))
    return user


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    from droplwop.users.models import User

    user = User.objects.create_user(
        "test-editor", "test-editor@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """A real SMTP server on loopback that keeps every message it receives, parsed."""

    def __init__(self):
        import threading

        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if address.lower() in m.get("To", "").lower()]


class AdvertisesPipelining:
    """Mixed into a sink's handler: aiosmtpd reads commands a line at a time, so pipelined ones
    work; this says so in EHLO, as Postfix and every email provider do (RFC 2920)."""

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]


@contextlib.contextmanager
def smtp_sink_running(settings, handler, *, pipelining=False):
    """Run `handler` as an aiosmtpd server on 127.0.0.1 and point Django's SMTP backend at it."""
    from aiosmtpd.controller import Controller

    if pipelining:
        handler.__class__ = type(
            f"Pipelining{type(handler).__name__}", (AdvertisesPipelining, type(handler)), {}
        )
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(settings):
    """Point Django's SMTP backend at an aiosmtpd server on 127.0.0.1; yields the sink."""
    with smtp_sink_running(settings, SmtpSink()) as sink:
        yield sink


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, headless."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    browser_page = context.new_page()
    browser_page.set_default_timeout(15000)
    yield browser_page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    browser_page = context.new_page()
    browser_page.set_default_timeout(15000)
    yield browser_page
    context.close()


@pytest.fixture(scope="session")
def axe_violations():
    """Run axe-core on a loaded page; return its violations as readable lines (empty when clean).

    Usage: `assert axe_violations(page) == []`, so a failure names each rule and the elements.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(browser_page):
        results = axe.run(browser_page)
        lines = []
        for violation in results.response.get("violations", []):
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            lines.append(f"{violation['id']} ({violation['impact']}): {targets}")
        return lines

    return check
