"""Settings for Meridian, driven by MERIDIAN_* environment variables.

Every variable is documented in README.md ("Configuration"). Anything a clinic
changes day to day lives in SiteSettings in the database, not here.
"""

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent  # the installed package
PROJECT_DIR = BASE_DIR.parent.parent  # the checkout, when installed editable

# GENERAL
# ------------------------------------------------------------------------------
# Everything the site writes (database, media, development mail, cache) lives
# under the data dir, so two sites can run side by side from one checkout.
DATA_DIR = Path(
    env.str("MERIDIAN_DATA_DIR", default=str(PROJECT_DIR / "var"))
).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("MERIDIAN_DEBUG", default=False)

# The public address of the site: absolute URLs in feeds and emails, and its
# scheme decides whether HTTPS is enforced (redirect, HSTS, secure cookies).
# Unset, it follows the address the site is served on (MERIDIAN_BIND, which
# `make run` and `meridian serve --bind` set), so links work on any port.


def _address_of(bind: str) -> str:
    """Return the http:// address readers use for a HOST:PORT bind."""
    if bind.startswith(("unix:", "fd://")):
        return "http://127.0.0.1:8000"
    host, _, port = bind.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):  # every interface: loopback is one
        host = "127.0.0.1"
    return f"http://{host}:{port}"


SITE_URL = env.str(
    "MERIDIAN_SITE_URL",
    default=_address_of(env.str("MERIDIAN_BIND", default="127.0.0.1:8000")),
).rstrip("/")
_site = urlsplit(SITE_URL)
HTTPS = _site.scheme == "https"


def _read_secret_key() -> str:
    """Return MERIDIAN_SECRET_KEY, else the key written by `meridian setup`."""
    key = env.str("MERIDIAN_SECRET_KEY", default="")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    # Good enough for tests and one-off commands; `meridian serve` refuses to
    # start with it (see meridian/core/management/commands/serve.py).
    return "django-insecure-" + secrets.token_urlsafe(40)


SECRET_KEY = _read_secret_key()

ALLOWED_HOSTS = env.list(
    "MERIDIAN_ALLOWED_HOSTS",
    default=[_site.hostname or "127.0.0.1", "127.0.0.1", "localhost", "[::1]"],
)
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

TIME_ZONE = env.str("MERIDIAN_TIME_ZONE", default="UTC")
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# DATABASES
# ------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "MERIDIAN_DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'meridian.sqlite3'}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write
    # lock at BEGIN so concurrent writers queue on busy_timeout instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
    # Tests use a real file, so live-server and concurrency tests see WAL at work.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-meridian.sqlite3")}
# Each server thread keeps its connection between requests. On SQLite too:
# opening the file, its four pragmas and closing it again cost a page that
# reads the database about half its time (the index, 1.9 ms to 0.9 ms in
# process). A connection in autocommit holds no snapshot between requests,
# so it sees every commit and never holds back a WAL checkpoint.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHES
# ------------------------------------------------------------------------------
# The default cache is shared by every worker process (files under the data
# dir), never per-process memory: page-cache invalidation and rate limits must
# hold across workers. Set MERIDIAN_CACHE_URL=redis://... to scale out.
CACHES = {
    "default": env.cache_url(
        "MERIDIAN_CACHE_URL", default=f"filecache://{DATA_DIR / 'cache'}"
    )
}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
CACHES["default"].setdefault("KEY_PREFIX", "meridian")
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    # Django's default of 300 entries would have stored pages push out rate-limit
    # counters and dependency versions on any site with a few hundred pages (a
    # full cache forgets a third of its files at random).
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10_000)
# Whole pages for anonymous readers (meridian/core/caching.py).
PAGE_CACHE = env.bool("MERIDIAN_PAGE_CACHE", default=True)
CACHES["default"].setdefault("TIMEOUT", 3600)
# Rendered parts of reader pages ({% fragment %} in templates), in each worker's
# memory, stored with the versions of what they show (core/dependencies.py): a
# change still reaches every worker at once, and a hit costs one shared read.
# 3,000 fragments: articles and comment threads of a few to 40 KB, listing and
# comment cards of about 1 KB each (a listing page holds ten, a thread page up to
# 50 threads); about 10 to 30 MB per worker.
CACHES["template_fragments"] = {
    # Kept unpickled, shared by the worker's threads (core/worker_memory.py).
    "BACKEND": "meridian.core.worker_memory.WorkerMemoryCache",
    "LOCATION": "meridian-fragments",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 3000},
}
# Each worker's copy of its latest page-cache hits, under the same keys as the
# shared copy, so a hit costs one small shared read (its tags' versions).
# 64 pages of up to about 45 KB.
CACHES["local_pages"] = {
    "BACKEND": "meridian.core.worker_memory.WorkerMemoryCache",
    "LOCATION": "meridian-pages",
    "OPTIONS": {"MAX_ENTRIES": 64},
}
if not env.bool("MERIDIAN_FRAGMENT_CACHE", default=True):
    # Every page rendered whole on every request (the bench's "cold" figure).
    CACHES["template_fragments"] = {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"
    }

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "corsheaders",
    "meridian.core",
    "meridian.accounts",
    "meridian.media",
    "meridian.journal",
    "meridian.comments",
    "meridian.search",
    "meridian.studio",
    "meridian.subscribers",
    "meridian.api",
    "meridian.wordpress",
]

MIDDLEWARE = [
    # An id for each request's log lines, echoed in X-Request-ID.
    "meridian.core.logs.RequestIdMiddleware",
    # /healthz and /readyz: before host checks, the HTTPS redirect and caches.
    "meridian.core.probes.ProbeMiddleware",
    # Headers first, so they wrap pages served from the page cache too.
    "django.middleware.security.SecurityMiddleware",
    "meridian.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "meridian.core.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "meridian.core.middleware.RejectBadPathMiddleware",
    # Before the page cache, so answers it serves carry CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # Outside the page cache, so stored pages answer conditional GETs with a 304.
    "meridian.core.conditional.ConditionalPageMiddleware",
    "meridian.core.caching.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "meridian.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "meridian.accounts.middleware.StaffTwoFactorMiddleware",
    "meridian.accounts.middleware.SiteContextMiddleware",
    # Last: an old address is looked up only when nothing answered it.
    "meridian.journal.redirects.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "meridian.urls"
# The admin's address; a path of your own keeps it off scanners' lists.
ADMIN_PATH = env.str("MERIDIAN_ADMIN_PATH", default="admin").strip("/") + "/"
# Paths the page cache (core/caching.py) never keeps, as mounted in urls.py:
# people's own pages and the health check, which must report when it is asked.
PAGE_CACHE_SKIP_PREFIXES = (f"/{ADMIN_PATH}", "/accounts/", "/healthz")
WSGI_APPLICATION = "meridian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # No i18n processor: the layout asks for the language alone
                # ({% get_current_language %}), as the admin does; the
                # processor worked out three values no template reads, on
                # every page (about 15 us).
                "csp.context_processors.nonce",
                "meridian.core.context_processors.site",
            ],
        },
    }
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "meridian.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_LOGIN_METHODS = {"email", "username"}
# Username is made from the display name; people may still log in with it.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "meridian.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "meridian.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "meridian.accounts.allauth_forms.LoginForm",
    "signup": "meridian.accounts.allauth_forms.SignupForm",
    "reset_password": "meridian.accounts.allauth_forms.ResetPasswordForm",
}
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old once confirmed
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or email changes
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None  # the person ticks "remember me"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Whoever resets their password through their email is signed in at once, past
# any limit on failed logins.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = _site.scheme or "http"
# Held in the shared cache, so the limits hold across workers and servers.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Failed logins (meridian/accounts/login_limits.py): the key is the account
    # and the address together, so a stranger's guesses never lock its owner
    # out; a higher limit per account alone keeps guessing from many
    # addresses slow, and a password reset lets the owner in at once.
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "30/h/key",
    "signup": "20/m/ip",
    # Per address too, so nobody can flood a stranger's inbox with reset mail.
    "reset_password": "20/m/ip,5/m/key,10/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # The subscription forms (meridian/subscribers/throttling.py): per IP, and
    # per address so nobody can flood a stranger's inbox with confirmations.
    "subscribe": "10/m/ip,60/h/ip",
    "subscribe_address": "3/h/key,6/d/key",
}
# Behind a reverse proxy every request arrives from the proxy: per-IP limits
# read the client's address from the X-Forwarded-For entry the proxy appends.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env.bool("MERIDIAN_BEHIND_PROXY", default=False))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "meridian.accounts.adapters.MFAAdapter"
# Accept the code of the neighbouring 30-second step: phone clocks drift, and a
# used code is refused anyway.
MFA_TOTP_TOLERANCE = 1

# CONTENT API (/api/v1/, meridian/api/)
# ------------------------------------------------------------------------------
# Origins whose pages may read the API from a browser, e.g. the clinic's main
# website: "https://clinic.example,https://www.clinic.example". Unset, no
# other site may (servers fetching the API need no CORS).
CORS_ALLOWED_ORIGINS = env.list("MERIDIAN_API_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/v1/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")
# Requests per client address (meridian/api/throttling.py), counted in the
# shared cache; the address is read as for allauth's limits above.
API_RATE_LIMIT = "120/min"
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT

# EMAIL
# ------------------------------------------------------------------------------
# Default: one file per message under <data dir>/mail/ plus the console, so a
# person trying the site locally can click the confirmation link.
if env.str("MERIDIAN_EMAIL_URL", default=""):
    vars().update(env.email_url("MERIDIAN_EMAIL_URL"))
else:
    EMAIL_BACKEND = "meridian.core.development_mail.DevelopmentEmailBackend"
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str(
    "MERIDIAN_DEFAULT_FROM_EMAIL",
    default=f"Meridian <noreply@{_site.hostname or 'localhost'}>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails to subscribers per minute (meridian/subscribers/sending.py); 0 sends
# as fast as the mail server takes them.
EMAIL_RATE = env.int("MERIDIAN_EMAIL_RATE", default=120)

# TASKS (django-tasks backport of Django 6's Tasks API)
# ------------------------------------------------------------------------------
# "immediate" runs work in-process after the commit (development, tests);
# "database" queues it for `meridian db_worker` (production).
# `meridian serve` defaults to "database" and runs the worker itself.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks_backend = env.str("MERIDIAN_TASKS", default="immediate")
if _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"MERIDIAN_TASKS must be one of {', '.join(TASK_BACKENDS)}, "
        f"not {_tasks_backend!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend]}}

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise scans it at start-up
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MERIDIAN_MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Media on S3-compatible object storage (django-storages) when a bucket is
# named: every app server then sees every upload. The bucket (or the custom
# domain in front of it) must let anyone read: pages and stored article HTML
# link to the files by plain, unsigned URLs.
S3_BUCKET = env.str("MERIDIAN_S3_BUCKET", default="")
MEDIA_ORIGINS: list[str] = []  # where readers fetch media, when not from this site
if S3_BUCKET:
    _s3_endpoint = env.str("MERIDIAN_S3_ENDPOINT_URL", default="")
    _s3_domain = env.str("MERIDIAN_S3_CUSTOM_DOMAIN", default="")
    _s3_region = env.str("MERIDIAN_S3_REGION", default="") or None
    STORAGES["default"] = {
        # django-storages' S3Storage with each picture's Cache-Control.
        "BACKEND": "meridian.media.object_storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": _s3_endpoint or None,
            "region_name": _s3_region,
            # Unset: boto3's own chain (AWS_* variables, instance roles).
            "access_key": env.str("MERIDIAN_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MERIDIAN_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("MERIDIAN_S3_PREFIX", default=""),
            "custom_domain": _s3_domain or None,
            "url_protocol": "https:",  # for the custom domain
            # Most S3-compatible servers (MinIO, Ceph, Garage) want the bucket
            # in the path; AWS itself takes either.
            "addressing_style": env.str(
                "MERIDIAN_S3_ADDRESSING_STYLE",
                default="path" if _s3_endpoint else "auto",
            ),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # The strict CSP lets pages show pictures from there, and nowhere else.
    if _s3_domain:
        MEDIA_ORIGINS = [f"https://{_s3_domain}"]
    elif _s3_endpoint:
        _endpoint = urlsplit(_s3_endpoint)
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    else:
        MEDIA_ORIGINS = [f"https://{S3_BUCKET}.s3.amazonaws.com"] + (
            [f"https://{S3_BUCKET}.s3.{_s3_region}.amazonaws.com"] if _s3_region else []
        )
# Library renditions in AVIF beside WebP where Pillow writes it (smaller
# files, about twice the encoding time of WebP in the background worker).
MEDIA_AVIF = env.bool("MERIDIAN_MEDIA_AVIF", default=True)
WHITENOISE_MAX_AGE = 3600
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Bodies over this are refused with a 413 before they are read
# (meridian/core/request_limits.py); docs/nginx.conf's client_max_body_size agrees.
MAX_UPLOAD_MB = env.int("MERIDIAN_MAX_UPLOAD_MB", default=20)

# SECURITY
# ------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A refused form gets the site's own page, which says what to do.
CSRF_FAILURE_VIEW = "meridian.core.views.csrf_failure"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("MERIDIAN_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a proxy, X-Forwarded-Proto says whether the reader used HTTPS (and
# `meridian serve` lets gunicorn trust it); otherwise nobody may claim it.
BEHIND_PROXY = env.bool("MERIDIAN_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Probes come straight to the app server over plain HTTP (meridian/core/probes.py
# answers them before the redirect; this keeps Django's check honest).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if not HTTPS:
    # A plain-http site (a loopback install) has chosen not to enforce HTTPS;
    # the deploy checks for it would only repeat that choice.
    SILENCED_SYSTEM_CHECKS = [
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W016",
    ]

# Strict CSP: nothing inline without the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# LOGGING
# ------------------------------------------------------------------------------
# "text" for people, "json" (one object per line, with the request id) for a
# log collector. meridian/core/logs.py, and meridian/core/serverlog.py for
# gunicorn's access log under `meridian serve`.
LOG_FORMAT = env.str("MERIDIAN_LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(
        f"MERIDIAN_LOG_FORMAT must be text or json, not {LOG_FORMAT!r}."
    )
# Readers' IP addresses stay out of the access log unless the operator asks.
LOG_CLIENT_ADDRESS = env.bool("MERIDIAN_LOG_CLIENT_ADDRESS", default=False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "meridian.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "meridian.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "meridian": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
