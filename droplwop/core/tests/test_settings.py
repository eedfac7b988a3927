"""Settings come from the environment; production without its secrets refuses to start."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Page

ROOT = Path(__file__).resolve().parents[3]


def _run_manage(tmp_path, *args, **env_vars):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SITE_", "EMAIL_", "PAGE_CACHE"))
    }
    env.update(DJANGO_SETTINGS_MODULE="droplwop.settings.base", DROPLWOP_VAR_DIR=str(tmp_path))
    env.update(env_vars)
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    result = _run_manage(tmp_path, "check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "The environment variable DJANGO_SECRET_KEY must be set." in result.stderr


def test_check_deploy_passes_with_the_production_variables(tmp_path):
    result = _run_manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="kq8-1Vn0yHc3T_rL5uA9wZ2eX7bM4pQ6sD1fG8hJ0kL3nR5tY7uI9oP2aS4dF6gH",
        DJANGO_ALLOWED_HOSTS="droplwop.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://droplwop.example.org",
        SITE_URL="https://droplwop.example.org",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output


def test_debug_machine_runs_without_a_secret_key(tmp_path):
    result = _run_manage(tmp_path, "check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_public_pages_carry_the_security_headers(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/en/", secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"<[^>]+\sstyle=", re.I), 'style="" attribute'),
    (re.compile(r"<[^>]+\son[a-z]+=", re.I), "inline event handler"),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_public_page_needs_unsafe_inline(client, demo, language):
    """The CSP forbids inline code, so any inline code on a live page would be broken."""
    pages = Page.objects.live().public().filter(locale__language_code=language).specific()
    problems = []
    for page in pages:
        url = page.url
        if not url:
            continue
        html = client.get(url).content.decode()
        problems += [f"{url}: {what}" for pattern, what in INLINE if pattern.search(html)]
    assert problems == []


def test_static_files_are_served_by_whitenoise(client):
    response = client.get("/static/core/css/site.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)
