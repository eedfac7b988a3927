"""All settings, read from the environment (see .env.example for every variable)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import env, env_bool, env_int, env_limits, env_list, env_required

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env("DROPLWOP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
# Debug may run with a throwaway key; production must say its own, or start-up fails loudly.
SECRET_KEY = env("DJANGO_SECRET_KEY") or (
    "dev-only-insecure-key" if DEBUG else env_required("DJANGO_SECRET_KEY")
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = env("SITE_NAME", "Drop LWOP")

INSTALLED_APPS = [
    "droplwop.core",
    "droplwop.users",
    "droplwop.pages",
    "droplwop.supporters",
    "droplwop.mailings",
    "droplwop.petitions",
    "droplwop.events",
    "droplwop.donations",
    "droplwop.cases",
    "droplwop.inreach",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "droplwop.core.middleware.RejectNulBytesMiddleware",
    # Anonymous page views are answered from the cache here, before any other work.
    "droplwop.core.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "droplwop.core.csp.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "droplwop.urls"
WSGI_APPLICATION = "droplwop.wsgi.application"
AUTH_USER_MODEL = "users.User"
LOGIN_URL = "wagtailadmin_login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "droplwop.core.db.postgresql"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "droplwop.sqlite3")),
            "OPTIONS": {
                # WAL lets readers and the one writer work at once; IMMEDIATE takes the write lock
                # at BEGIN so concurrent writers queue on busy_timeout instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Opening SQLite and running the PRAGMAs on every request cost a tenth of a
            # signature's time under load.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": env("CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"),
        "LOCATION": env("CACHE_LOCATION", str(VAR_DIR / "cache")),
        "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
RATE_LIMIT_SQLITE_PATH = env("RATE_LIMIT_SQLITE_PATH", str(VAR_DIR / "rate_limits.sqlite3"))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Public form limits (core.form_guard): name -> (attempts, window in seconds) per address.
# Generous, since a family or an office shares one address. Each one can be changed from the
# environment as FORM_LIMIT_<NAME> = "attempts/seconds" (e.g. FORM_LIMIT_EVENTS_REGISTER=50/600).
FORM_LIMITS = env_limits(
    {
        "events.register": (10, 600),
        "supporters.signup": (20, 3600),
        "donations.give": (20, 600),
        "donations.pledge": (20, 600),
        "donations.summary": (5, 3600),
        # Per email, not per address: one yearly summary a day, however often it is asked for.
        "donations.summary_email": (1, 86400),
        "cases.letter": (10, 3600),
        "pages.comment": (5, 600),
        # The petition form and its API share one count per address.
        "petitions.sign": (30, 600),
        "petitions.sign_organization": (30, 600),
        # Per email domain outside the big webmail providers: a burst is a bot's pattern.
        "petitions.sign_domain": (30, 60),
        # Mail providers post one-click unsubscribes for many people from few addresses.
        "mailings.unsubscribe": (1000, 60),
        # Per person: how often a repeat submission may mail them their own change link.
        "change_link_email": (3, 3600),
    }
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- staff logins (users.login_guard, users.two_factor) ---
# django-axes limits failed logins per account and per address; the address it keeps is our keyed
# hash (written as an IPv6 address, the only form its field takes). django-otp adds TOTP codes.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE += [
    "django_otp.middleware.OTPMiddleware",
    "droplwop.users.two_factor.TwoFactorMiddleware",
    # Axes turns a lockout into its answer; it must come last.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "droplwop.users.login_guard.hashed_client_address"
AXES_LOCKOUT_CALLABLE = "droplwop.users.login_guard.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Languages: the site is English and Spanish from the first page.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail would load each staff member's picture from Gravatar, sending a hash of their email to
# a third party on every admin page (and showing a broken image where the network is closed).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["droplwop.formats"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Case files and letters from inside: never under MEDIA_URL, only behind permission-checked views.
PRIVATE_STORAGE_ROOT = Path(env("PRIVATE_STORAGE_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": env("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work: one queue in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Email: SMTP by default; an anymail backend can be named in EMAIL_BACKEND.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Drop LWOP <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "droplwop.core.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Security. Production values come on when debug is off; the CSP applies to the public site.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    # The Wagtail admin relies on inline scripts and styles; the public site does not.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "frame-src": [
            SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Keyed hashing of IP addresses (abuse limits): derived from the secret key unless given.
IP_HASH_KEY = env("IP_HASH_KEY", SECRET_KEY)

# core.deferred: public forms' submissions wait as rows of the main database and the task queue
# files them in batches of DEFERRED_BATCH, one short transaction each; when fewer wait, the
# worker lingers DEFERRED_LINGER seconds for a batch to fill. A queued filing task stands for
# every submission taken in the next DEFERRED_FLAG_SECONDS.
DEFERRED_BATCH = env_int("DEFERRED_BATCH", 100)
DEFERRED_LINGER = float(env("DEFERRED_LINGER", "0.25"))
DEFERRED_FLAG_SECONDS = env_int("DEFERRED_FLAG_SECONDS", 5)

# Each domain app declares its own settings below, under its own heading, so that their
# values stay together and apps can be added without touching each other's lines.

# --- supporters and mailings ---

# --- petitions ---

# --- mailings ---
# Sends per claimed batch, over one SMTP connection; a claim not renewed for the lease belongs to
# a dead worker and is recovered (see mailings/delivery.py for the guarantee).
MAILINGS_BATCH_SIZE = env_int("MAILINGS_BATCH_SIZE", 500)
MAILINGS_SEND_TASKS = env_int("MAILINGS_SEND_TASKS", 2)
MAILINGS_CLAIM_LEASE_SECONDS = env_int("MAILINGS_CLAIM_LEASE_SECONDS", 120)
MAILINGS_MAX_CONNECTION_FAILURES = env_int("MAILINGS_MAX_CONNECTION_FAILURES", 3)
MAILINGS_UNSUBSCRIBE_MAILTO = env("MAILINGS_UNSUBSCRIBE_MAILTO", "")
# Bounce and complaint webhooks: anymail checks this "user:password" (HTTP basic auth) and, for
# providers that sign their posts, the signing key named in ANYMAIL_<PROVIDER>_WEBHOOK_SIGNING_KEY.
ANYMAIL = {
    "WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", ""),
    "MAILGUN_WEBHOOK_SIGNING_KEY": env("ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY", ""),
}

# --- events ---
# The email list a registrant may opt into on the registration form (hidden when absent).
EVENTS_OPT_IN_LIST_SLUG = env("EVENTS_OPT_IN_LIST_SLUG", "campaign-updates")

# --- donations ---
# Card payments go through Stripe Checkout (see donations/gateway.py). No key means the donate
# form says online giving is unavailable; it never falls back to a test key.
DONATIONS_STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
DONATIONS_STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
DONATIONS_STRIPE_API_BASE = env("STRIPE_API_BASE", "https://api.stripe.com")
# The hosted payment page the donate form redirects to: allowed as a CSP form-action there.
DONATIONS_STRIPE_CHECKOUT_ORIGIN = env("STRIPE_CHECKOUT_ORIGIN", "https://checkout.stripe.com")
DONATIONS_STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 10)
DONATIONS_MIN_CENTS = env_int("DONATIONS_MIN_CENTS", 500)
DONATIONS_MAX_CENTS = env_int("DONATIONS_MAX_CENTS", 1_000_000)

# --- cases ---
# Sender's return address printed on letters to people inside (CDCR returns mail without one);
# several lines separated by "|". Upload cap for case files and support letters.
CASES_RETURN_ADDRESS = env("CASES_RETURN_ADDRESS", "")
CASES_MAX_UPLOAD_BYTES = env_int("CASES_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# --- inreach (people inside: facilities, mail) ---

# --- site (pages, feeds, caching) ---
