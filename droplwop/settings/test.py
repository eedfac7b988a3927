"""Fast, isolated overrides for the test suite."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_HTTPS", "0")

from .base import *  # noqa: E402,F403
from .base import DATABASES, STORAGES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_TMP = tempfile.mkdtemp(prefix="droplwop-test-")
MEDIA_ROOT = os.path.join(_TMP, "media")
PRIVATE_STORAGE_ROOT = os.path.join(_TMP, "private")
STORAGES = {
    **STORAGES,
    "private": {
        **STORAGES["private"],
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The page cache is off so no test sees a stale page; page cache tests turn it on themselves.
PAGE_CACHE_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATE_LIMIT_SQLITE_PATH = os.path.join(_TMP, "rate_limits.sqlite3")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process so a test sees their effect; tests of the worker itself use the DB backend.
# Tests file waiting submissions (core.deferred) at once, without waiting for a batch to fill.
DEFERRED_LINGER = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_TMP, "test.sqlite3")}
