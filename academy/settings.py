"""Settings for the SEL Systems Leadership Academy portal, all from the environment.

``ACADEMY_ENV`` is ``development`` (the default) or ``production``. Production refuses to start with
the development secret key, DEBUG on, no allowed hosts, no MFA encryption key, or the demo accounts'
MFA exemption switched on. See the README's "Configuration" section for every variable.
"""

from __future__ import annotations

import base64
import hashlib
import os
import sys
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Under pytest, keep the cache keys and Celery queue apart from a portal running on the same Redis. A
# pytest-xdist worker is started by execnet (its argv[0] is "-c") and names itself in PYTEST_XDIST_WORKER.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
RUNNING_TESTS = (
    "pytest" in Path(sys.argv[0]).parts or Path(sys.argv[0]).name in {"pytest", "py.test"} or bool(XDIST_WORKER)
)

ACADEMY_ENV = os.environ.get("ACADEMY_ENV", "development").strip().lower()
if ACADEMY_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("ACADEMY_ENV must be 'development' or 'production'.")
PRODUCTION = ACADEMY_ENV == "production"

DEV_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The demo accounts (<role>@demo.academy.test) may skip MFA enrolment in development only.
ACADEMY_DEMO_MFA_EXEMPT = env_bool("ACADEMY_DEMO_MFA_EXEMPT", not PRODUCTION)
ACADEMY_DEMO_EMAIL_DOMAIN = "demo.academy.test"

# Fernet key that encrypts TOTP secrets at rest. Development derives one from the secret key.
MFA_ENCRYPTION_KEY = os.environ.get("ACADEMY_MFA_ENCRYPTION_KEY") or base64.urlsafe_b64encode(
    hashlib.sha256(("mfa:" + SECRET_KEY).encode()).digest()
).decode()

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("set DJANGO_SECRET_KEY to a random value of at least 50 characters")
    if DEBUG:
        problems.append("set DJANGO_DEBUG=false")
    if not ALLOWED_HOSTS:
        problems.append("set DJANGO_ALLOWED_HOSTS to the portal's host names")
    if not os.environ.get("ACADEMY_MFA_ENCRYPTION_KEY"):
        problems.append("set ACADEMY_MFA_ENCRYPTION_KEY (a Fernet key) to encrypt TOTP secrets")
    if ACADEMY_DEMO_MFA_EXEMPT:
        problems.append("set ACADEMY_DEMO_MFA_EXEMPT=false: demo accounts may skip MFA only in development")
    if problems:
        raise ImproperlyConfigured("Production settings refused: " + "; ".join(problems) + ".")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "csp",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "academy.accounts",
    "academy.directory",
    "academy.notifications",
    "academy.reports",
    "academy.ui",
    "academy.workflow",
    "academy.privacy",
    "programmes.core",
    "programmes.curriculum",
    "programmes.challenge_fund",
    "programmes.conference",
    "programmes.shadowing",
    "programmes.network",
    "programmes.community",
    "governance",
    "evaluation.network",
    "evaluation.scorecard",
    "evaluation.inclusion",
    "evaluation.surveys",
    "evaluation.stories",
    "evaluation.contribution",
    "evaluation.overview",
    "ninja",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "academy.accounts.middleware.SessionTimeoutMiddleware",
    "academy.accounts.middleware.RequireStaffMFAMiddleware",
    "academy.accounts.middleware.PermissionDeniedLogMiddleware",
    "academy.ui.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "academy.urls"
WSGI_APPLICATION = "academy.wsgi.application"
ASGI_APPLICATION = "academy.asgi.application"

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
                "csp.context_processors.nonce",
                "academy.ui.context_processors.navigation",
                "academy.notifications.context_processors.unread_notifications",
                "academy.accounts.context_processors.session_timeout",
            ],
            # NHS.UK-style money, dates and times, and the responsive table tags, in every template without a load.
            "builtins": ["academy.ui.templatetags.formats", "academy.ui.templatetags.tables"],
        },
    },
]
# Selects write their options without an include per option (academy/ui/form_templates).
FORM_RENDERER = "academy.ui.renderers.FormRenderer"

# --- Database and Redis: from the environment. Settings never start a server: `python3 dev.py run`,
# `test`, `lint` and `manage` start the embedded PostgreSQL and Redis when these are not set. ---------
SERVICES_MISSING = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
if SERVICES_MISSING:
    raise ImproperlyConfigured(
        f"{' and '.join(SERVICES_MISSING)} not set: use `python3 dev.py manage ...` (it starts the embedded "
        "PostgreSQL and Redis), or set DATABASE_URL and REDIS_URL."
    )
DATABASE_URL = os.environ["DATABASE_URL"]
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
# Behind a connection pooler in transaction mode (PgBouncer, RDS Proxy...), set ACADEMY_DB_POOLER=transaction:
# a server-side cursor (QuerySet.iterator(), used by the background tasks) cannot outlive a transaction
# there, so Django fetches rows client-side instead, and connections are not kept between requests.
DB_POOLER = os.environ.get("ACADEMY_DB_POOLER", "").strip().lower()
if DB_POOLER not in ("", "transaction", "session"):
    raise ImproperlyConfigured("ACADEMY_DB_POOLER must be 'transaction', 'session' or empty.")
if DB_POOLER == "transaction":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("ACADEMY_TEST_DATABASE", "test_academy")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_database_for_worker(redis_url: str, worker: str) -> str:
    """The Redis URL a pytest-xdist worker uses: worker ``gwN`` takes the database N + 1 after the one
    named, so workers never share cache keys, locks or a Celery queue (each also has its own PostgreSQL
    test database, suffixed by pytest-django). Outside xdist the URL is unchanged."""
    if not worker.startswith("gw") or not worker[2:].isdigit():
        return redis_url
    parts = urlsplit(redis_url)
    query = dict(parse_qsl(parts.query))
    if parts.scheme == "unix":
        base = int(query.get("db", 0))
        query["db"] = str((base + 1 + int(worker[2:])) % 16)
        return f"unix://{parts.path}?{urlencode(query)}"  # urlunsplit would drop the empty host's "//"
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + 1 + int(worker[2:])) % 16}"))


if XDIST_WORKER and not os.environ.get("ACADEMY_XDIST_REDIS_URL"):
    # Once per worker: the processes a test starts inherit the worker's URL and must not move it again.
    os.environ["ACADEMY_XDIST_REDIS_URL"] = os.environ["REDIS_URL"] = redis_database_for_worker(
        os.environ["REDIS_URL"], XDIST_WORKER
    )
REDIS_URL = os.environ["REDIS_URL"]


def celery_broker_url(redis_url: str) -> str:
    """Kombu names a Redis Unix socket ``redis+socket://``; redis-py names it ``unix://``."""
    if redis_url.startswith("unix://"):
        return "redis+socket://" + quote(redis_url[len("unix://"):], safe="/?=&")
    return redis_url


CACHES = {
    "default": {
        # django-redis, with a per-process local cache while Redis is unreachable (see academy/cache.py):
        # sign-in's rate limits keep working in an outage instead of answering 429 to everyone.
        "BACKEND": "academy.cache.FailoverRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "academy-test" if RUNNING_TESTS else "academy",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            # How long to stay on the local cache after a Redis error before trying Redis again.
            "FAILOVER_SECONDS": 30,
        },
    }
}

# --- Celery ----------------------------------------------------------------------------------------
CELERY_BROKER_URL = celery_broker_url(REDIS_URL)
CELERY_RESULT_BACKEND = celery_broker_url(REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_DEFAULT_QUEUE = "academy-test" if RUNNING_TESTS else "academy"
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/London"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A publish tries the broker once: a request that queues work never waits on an outage (the work is in
# the database already and beat's sweeps resend it; see academy/queueing.py).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
# Worker and beat keep reconnecting through a broker outage of any length instead of exiting.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Every task is fire-and-forget: its outcome is in the database (a notification's status, a report
# job's row). Asking for a result made each publish subscribe to the result backend, which retried for
# about 20 s while Redis was down. A caller that really wants one passes ignore_result=False.
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1, "interval_start": 0, "interval_max": 1}}
# Queues by kind of work, so that a long report never delays an offer email: emails and reminders on
# "<default>.email", reports (PDFs, exports, data downloads) on "<default>.reports", the short sweeps and
# beat's heartbeat on the default queue. Each worker pool consumes its own (docker-compose.yml; `dev.py run`
# starts one worker on all three). A task's own time limits win over the defaults (reports: 25 minutes).
CELERY_EMAIL_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}.email"
CELERY_REPORTS_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}.reports"
CELERY_ALL_QUEUES = [CELERY_TASK_DEFAULT_QUEUE, CELERY_EMAIL_QUEUE, CELERY_REPORTS_QUEUE]
CELERY_TASK_ROUTES = {
    "academy.notifications.tasks.*": {"queue": CELERY_EMAIL_QUEUE},
    "*.tasks.send_*": {"queue": CELERY_EMAIL_QUEUE},
    "programmes.challenge_fund.tasks.chase_overdue_reports": {"queue": CELERY_EMAIL_QUEUE},
    "academy.reports.tasks.run_report": {"queue": CELERY_REPORTS_QUEUE},
}
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_TIME_LIMIT = 10 * 60

# --- Authentication: custom user, allauth with MFA ------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "ui:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "ui:home"

ACCOUNT_ADAPTER = "academy.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "academy.accounts.forms.SignupNamesForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "SEL Systems Leadership Academy: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Behind a TLS proxy or load balancer, every request comes from the proxy's address; allauth's rate limits
# then read the client's address from X-Forwarded-For, counting this many trusted proxies from the right
# (docs/deployment.md). 0, the default, means no proxy: use the connection's address.
try:
    ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ACADEMY_TRUSTED_PROXY_COUNT", "0") or 0)
except ValueError as exc:
    raise ImproperlyConfigured("ACADEMY_TRUSTED_PROXY_COUNT must be a whole number (0 without a proxy).") from exc
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("ACADEMY_TRUSTED_PROXY_COUNT must be a whole number (0 without a proxy).")
# The read-only API (api/, docs/api.md): calls a minute per token, and per address without one. Its
# anonymous limit counts the client's address behind the same trusted proxies as allauth's.
ACADEMY_API_RATES = {"token": 120, "anonymous": 60}
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
MFA_ADAPTER = "academy.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SEL Systems Leadership Academy"
MFA_RECOVERY_CODE_COUNT = 10

# --- Sessions and cookies ---------------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute limit, also enforced by SessionTimeoutMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ACADEMY_STAFF_IDLE_TIMEOUT = 30 * 60
ACADEMY_STAFF_IDLE_WARNING = 2 * 60  # the page warns this long before, with a way to stay signed in
ACADEMY_SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
# Every signed-in page warns this long before the absolute sign-out (it cannot be put off: sign in again)
ACADEMY_SESSION_ABSOLUTE_WARNING = 10 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Content Security Policy (django-csp 4): no inline scripts or styles ---------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

ACADEMY_SITE_URL = os.environ.get("ACADEMY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The portal's name in page titles and emails (allauth's emails greet people with it, not the host name).
ACADEMY_SITE_NAME = "SEL Systems Leadership Academy"

# --- Email ------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SEL Systems Leadership Academy <academy@selondonics.nhs.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("ACADEMY_MEDIA_ROOT", BASE_DIR / ".local" / "media"))
MEDIA_URL = "/media-not-served/"  # files are only ever served through permission-checked views



def default_storage_from_environment() -> dict:
    """Uploads and generated reports: S3-compatible object storage when ``ACADEMY_S3_BUCKET`` is set, so that
    every web and worker host reads the same files; the local file system (MEDIA_ROOT) otherwise. Either way
    files are only ever served through permission-checked views that stream them (never a public URL)."""
    bucket = os.environ.get("ACADEMY_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("ACADEMY_S3_ENDPOINT_URL") or None,  # None: AWS itself
            "region_name": os.environ.get("ACADEMY_S3_REGION") or None,
            "access_key": os.environ.get("ACADEMY_S3_ACCESS_KEY_ID") or None,  # None: the instance's role
            "secret_key": os.environ.get("ACADEMY_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("ACADEMY_S3_PREFIX", "media"),
            "default_acl": None,  # private objects: the bucket's policy, never public-read
            "querystring_auth": True,  # any URL made for an object is signed and short-lived
            "querystring_expire": 300,
            "file_overwrite": False,  # two uploads with one name never replace each other
            "addressing_style": os.environ.get("ACADEMY_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
        },
    }


STORAGES = {
    "default": default_storage_from_environment(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# --- Logging: security events go to the "academy.security" logger, with user ids only -------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "academy": {"handlers": ["console"], "level": os.environ.get("ACADEMY_LOG_LEVEL", "INFO"), "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
