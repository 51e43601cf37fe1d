"""Django settings, read from environment variables with embedded defaults (SQLite in ./var)."""

import secrets
from pathlib import Path

import dj_database_url
import dj_email_url
import redis
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.retry import Retry

from fanfold.lib.env import env_bool, env_int, env_list, env_networks, env_str
from fanfold.lib.redisclient import connection_class_for

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env_str("FANFOLD_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# "production" refuses unsafe settings; "embedded" (the default) is one machine, no services.
FANFOLD_ENV = env_str("FANFOLD_ENV", "embedded")
if FANFOLD_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured(f"FANFOLD_ENV={FANFOLD_ENV!r}: use embedded or production.")
PRODUCTION = FANFOLD_ENV == "production"

DEBUG = env_bool("DEBUG", default=False)
ARCHIVE_NAME = env_str("FANFOLD_ARCHIVE_NAME", "Fanfold Archive")


def _secret_key() -> str:
    """The configured key, or (embedded only) one generated once and kept in the data dir."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    if PRODUCTION:
        raise ImproperlyConfigured("FANFOLD_ENV=production needs SECRET_KEY to be set.")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("FANFOLD_ENV=production refuses to start with DEBUG on.")
if PRODUCTION and (len(SECRET_KEY) < 40 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY is too short or a default one; use 50 random chars.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Proxies (nginx, a load balancer) whose X-Forwarded-For names the client; nobody else's is read.
TRUSTED_PROXIES = env_networks("FANFOLD_TRUSTED_PROXIES")
# Links that leave the page (e-mails, download prefaces). Unset: pages use the address the
# request came to, and tasks the default (`fanfold serve --port N` sets it to its own port).
SITE_URL_IS_SET = bool(env_str("SITE_URL"))
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "fanfold.accounts",
    "fanfold.archive",
    "fanfold.tags",
    "fanfold.works",
    "fanfold.series",
    "fanfold.search",
    "fanfold.downloads",
    "fanfold.imports",
    "fanfold.feedback",
    "fanfold.moderation",
    "fanfold.collections",
    "fanfold.gifts",
    "fanfold.tagsets",
    "fanfold.challenges",
    "fanfold.api",
    "fanfold.opds",
    "fanfold.demo",
    "fanfold.caching",
    "fanfold.pages",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "fanfold.replicas.middleware.ReplicaReads",
    "django.middleware.security.SecurityMiddleware",
    "fanfold.archive.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fanfold.archive.middleware.drop_nul_cookies",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fanfold.archive.middleware.ao3_authenticity_token",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fanfold.api.errors.json_errors",
    "fanfold.archive.middleware.request_budget",
    "fanfold.archive.middleware.refuse_nul",
    "fanfold.moderation.middleware.sanctions",
    "fanfold.accounts.middleware.reader_time_zone",
    "fanfold.accounts.middleware.reader_language",
    "fanfold.feedback.middleware.guest_identity",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "fanfold.urls"
WSGI_APPLICATION = "fanfold.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fanfold.archive.context_processors.archive",
                "fanfold.accounts.context_processors.reader_preferences",
            ],
        },
    },
]

# --- Database: PostgreSQL (or any dj-database-url URL) when DATABASE_URL is set. ---
_SQLITE_PATH = DATA_DIR / "fanfold.sqlite3"
_database_url = env_str("DATABASE_URL")
# Behind pgbouncer in transaction mode a server connection is shared between transactions:
# no server-side cursors, no prepared statements and client-side parameter binding (Django's
# psycopg defaults, spelled out so that nobody turns them on behind a pooler).
DATABASE_POOLER = env_bool("DATABASE_POOLER", default=False)


def _postgres(url: str, **options) -> dict:
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if DATABASE_POOLER:
        options.update(prepare_threshold=None, server_side_binding=False)
    return {**database, "DISABLE_SERVER_SIDE_CURSORS": DATABASE_POOLER, "OPTIONS": options}


if _database_url:
    DATABASES = {"default": _postgres(_database_url)}
    # Read replicas: reads go there unless the reader just wrote (fanfold.replicas).
    for _number, _replica_url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
        DATABASES[f"replica{_number}"] = {
            **_postgres(_replica_url, connect_timeout=2),
            "TEST": {"MIRROR": "default"},
        }
    if len(DATABASES) > 1:
        DATABASE_ROUTERS = ["fanfold.replicas.routing.ReplicaRouter"]
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_SQLITE_PATH),
            "OPTIONS": {
                # WAL lets readers proceed while one writer commits; IMMEDIATE avoids
                # "database is locked" upgrades from read to write transactions.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else this process's memory. ---
REDIS_URL = env_str("REDIS_URL")
# A Redis that accepts connections but never answers (stalled, swapping) must not hold every page:
# each call gives up after this long and counts as an outage, which every caller survives (the
# page goes on without the cache, rate limits or buffers). Redis answers in well under 1 ms.
REDIS_TIMEOUT_SECONDS = env_int("FANFOLD_REDIS_TIMEOUT_MS", 250) / 1000
if REDIS_TIMEOUT_SECONDS <= 0:  # redis-py reads 0 as "do not wait at all"
    raise ImproperlyConfigured("FANFOLD_REDIS_TIMEOUT_MS must be above 0.")
# Options of every redis-py client: the cache's pool (lib/redisclient.py uses the same).
REDIS_OPTIONS = {
    "connection_class": connection_class_for(REDIS_URL),  # skips a stalled Redis for a while
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    # One immediate retry on a broken connection (a pooled one from before a Redis restart), none
    # on a timeout: redis-py's default of ten with backoff would hold a page for seconds.
    "retry": Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,)),
}
CACHES: dict[str, dict]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "fanfold.caching.backends.OutageTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fanfold",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Guest pages and blurbs stay in each process's memory even with Redis: measured 2.5x as fast
# as fetching them (docs/decisions.md); the content generation keeps them right.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("FANFOLD_PAGE_CACHE_ENTRIES", 5000)},
}
# The rows every signed-in reader of a work page shares (caching.shared), three a work: bounded
# apart from the guest pages, so neither pushes the other out. Process memory even with Redis:
# a page reads all three, measured 0.9-1.2 ms from memory against 2.2-2.4 ms from Redis on
# loopback (docs/decisions.md); Redis would only spare each process its own first read of a
# work in each content generation.
CACHES["shared_rows"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "shared_rows",
    "OPTIONS": {"MAX_ENTRIES": env_int("FANFOLD_SHARED_ROWS_ENTRIES", 3000)},
}
# One switch for everything kept under the content generation (guest pages and shared rows):
# an operator who turns it off to rule out a stale page gets every row from the database.
GUEST_PAGE_CACHE = env_bool("FANFOLD_GUEST_PAGE_CACHE", default=True)
GUEST_PAGE_SECONDS = 600
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A reader who wrote reads from the primary for this long (replicas may not have it yet).
REPLICA_PIN_SECONDS = env_int("FANFOLD_REPLICA_PIN_SECONDS", 10)
REPLICA_MAX_LAG_SECONDS = env_int("FANFOLD_REPLICA_MAX_LAG_SECONDS", 2)

# --- Accounts ---
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "archive:home"
LOGOUT_REDIRECT_URL = "archive:home"
# Lets the sign-in form tell an unconfirmed account why it cannot sign in yet.
AUTHENTICATION_BACKENDS = ["fanfold.accounts.backends.ArchiveBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# --- Email: EMAIL_URL (smtp://user:pass@host:587?tls=True), else printed to the console. ---
_email_url = env_str("EMAIL_URL")
if _email_url:
    _email = dj_email_url.parse(_email_url)
    FANFOLD_EMAIL_DELIVERY = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
else:
    FANFOLD_EMAIL_DELIVERY = "django.core.mail.backends.console.EmailBackend"
# Tasks run again after a crash (archive/taskqueue.py); their e-mails still go out once.
EMAIL_BACKEND = "fanfold.archive.mail.SentOnceFromTasks"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Fanfold <noreply@localhost>")

# --- Files ---
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing directory
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media-files/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security ---
HTTPS = env_bool("HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en"
# The interface's languages; works may be in any language (lib/languages.py).
LANGUAGES = [("en", "English"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The handler filters too: the task worker raises its own loggers to INFO (a line per task).
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# --- Background tasks: Django's task API; the database queue needs no other service. ---
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Archive rules ---
WORKS_PER_PAGE = 20
# E-books embed a work's images from public hosts; off means they are left out with a note.
DOWNLOAD_FETCH_IMAGES = env_bool("FANFOLD_DOWNLOAD_IMAGES", default=True)
# Comments: the spam check (a class with is_spam(submission)); swap for an Akismet-style adapter.
FANFOLD_SPAM_CHECK = env_str("FANFOLD_SPAM_CHECK", "fanfold.feedback.spam.LocalHeuristic")
# Imports: limits per file, per batch (also the most a zip may unpack to) and per archive.
IMPORT_MAX_FILE_BYTES = env_int("FANFOLD_IMPORT_MAX_FILE_MB", 20) * 2**20
IMPORT_MAX_BATCH_BYTES = env_int("FANFOLD_IMPORT_MAX_BATCH_MB", 200) * 2**20
IMPORT_MAX_ZIP_MEMBERS = env_int("FANFOLD_IMPORT_MAX_ZIP_FILES", 1000)
# Hits are buffered (process memory, or Redis) and written in one batch this often.
HITS_FLUSH_SECONDS = env_int("FANFOLD_HITS_FLUSH_SECONDS", 60)
# Hosts archivist imports may fetch from although they are not public (an Open Doors staging server).
IMPORT_FETCH_TRUSTED_HOSTS = env_list("FANFOLD_IMPORT_FETCH_TRUSTED_HOSTS", [])
# How stale a process's filter index may be; a new or changed work shows up within this.
FILTER_INDEX_POLL_SECONDS = 1.0
# The node's filter index snapshot, mapped by every process (one index per node, not per
# process); written by a background task. Empty: each process builds its own index.
FILTER_INDEX_SNAPSHOT = env_str("FANFOLD_INDEX_SNAPSHOT", "")

# --- Load shedding (archive/admission.py): per process, this many requests run at once (one per
# core measured best), this many more wait, none longer than this; the rest get 503 + Retry-After.
CONCURRENT_REQUESTS = env_int("FANFOLD_CONCURRENT_REQUESTS", 1)
REQUEST_QUEUE = env_int("FANFOLD_REQUEST_QUEUE", 16)
REQUEST_QUEUE_SECONDS = env_int("FANFOLD_REQUEST_QUEUE_MS", 2000) / 1000

# --- Rate limits: scope -> (requests, window in seconds), per account or, for guests, address.
# Off only for load tests from one address; production refuses it below.
RATE_LIMITS_ENABLED = env_bool("FANFOLD_RATE_LIMITS", default=True)
if PRODUCTION and not RATE_LIMITS_ENABLED:
    raise ImproperlyConfigured("FANFOLD_ENV=production refuses FANFOLD_RATE_LIMITS=false.")
RATE_LIMITS = {
    "request": (env_int("FANFOLD_REQUESTS_PER_MINUTE", 600), 60),  # every page, per address
    "signup": (5, 3600),
    "invite_request": (3, 3600),
    "comment": (10, 60),
    "guest_comment": (3, 60),
    "kudos": (30, 60),
    "download": (30, 60),
    "search": (120, 60),
    "report": (5, 3600),
    "two_factor": (5, 300),
}
# The largest request body the API reads (a long chapter is ~1 MB of HTML); larger gets a JSON 413.
API_MAX_BODY_BYTES = env_int(
    "FANFOLD_API_MAX_BODY_BYTES", 2_621_440
)  # Django's own request body cap
# The most open abuse reports one URL collects before further reports are turned away.
ABUSE_REPORTS_PER_URL = 5
