"""Settings, all read from environment variables (see the README for the list)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{BASE_DIR / 'instance' / 'community.db'}"
    # psycopg 3 is the driver; accept the plain URLs that hosts hand out.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    ENV_NAME = os.environ.get("COMMUNITY_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SITE_NAME = os.environ.get("SITE_NAME", "Community Hub")
    # The operator's colour (hex, such as #0b5cad); darkened if needed for AA contrast.
    BRAND_COLOUR = os.environ.get("BRAND_COLOUR", "#0b5cad")
    # Absolute base for links in e-mails and calendar feeds (no request there).
    SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:5000").rstrip("/")

    SQLALCHEMY_DATABASE_URI = database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = env_bool("SQLALCHEMY_RECORD_QUERIES", False)

    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 2 * 1024 * 1024))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_TIME_LIMIT = 6 * 3600
    # Each FlaskForm checks its own token, so a stale token re-renders the same
    # form with a message and the text kept (tests/test_csrf.py covers every POST).
    WTF_CSRF_CHECK_DEFAULT = False

    # Unconfirmed accounts may read and join but not post (off for the demo).
    REQUIRE_CONFIRMED_EMAIL = env_bool("REQUIRE_CONFIRMED_EMAIL", True)
    CONFIRM_TOKEN_MAX_AGE = 7 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 3600

    REDIS_URL = os.environ.get("REDIS_URL")
    # Counters shared by every process when Redis is there; if Redis stops
    # answering, Flask-Limiter falls back to per-process counters and logs it.
    RATELIMIT_STORAGE_URI = (
        os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    )
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute; 50 per hour")
    POST_RATE_LIMIT = os.environ.get("POST_RATE_LIMIT", "10 per minute")
    # Join-the-effort applications per address (visitors and members alike).
    JOIN_RATE_LIMIT = os.environ.get("JOIN_RATE_LIMIT", "5 per hour; 20 per day")
    NEW_ACCOUNT_POST_RATE_LIMIT = os.environ.get(
        "NEW_ACCOUNT_POST_RATE_LIMIT", "3 per minute"
    )

    # "log" writes mail to the application log; "smtp" sends it.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "log")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Community Hub <no-reply@community.invalid>"
    )

    # Languages the interface is offered in; English is the source language.
    LANGUAGES = ["en", "fr", "es", "pt"]
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "community" / "translations")

    # An editor who wrote a lesson needs another editor to publish it.
    LESSONS_REQUIRE_SECOND_EDITOR = env_bool("LESSONS_REQUIRE_SECOND_EDITOR", True)

    # With a Redis URL, e-mail is sent by RQ workers (`flask worker`); without
    # one, or while Redis is down, it is sent from the request as before.
    MAIL_QUEUE = env_bool("MAIL_QUEUE", True)
    # Mail about one busy thread: at most one per person per this many minutes.
    MAIL_THREAD_INTERVAL_MINUTES = int(
        os.environ.get("MAIL_THREAD_INTERVAL_MINUTES", 15)
    )
    # Reply by e-mail: reply+<token>@ and bounce+<token>@ reach `flask mail-in`.
    MAIL_REPLY_ADDRESS = os.environ.get("MAIL_REPLY_ADDRESS", "reply@community.invalid")
    MAIL_BOUNCE_ADDRESS = os.environ.get(
        "MAIL_BOUNCE_ADDRESS", "bounce@community.invalid"
    )
    MAIL_REPLY_MAX_AGE_DAYS = int(os.environ.get("MAIL_REPLY_MAX_AGE_DAYS", 30))
    MAIL_IN_HOST = os.environ.get("MAIL_IN_HOST", "127.0.0.1")
    MAIL_IN_PORT = int(os.environ.get("MAIL_IN_PORT", 8025))
    # Digests leave at this local hour (each person's time zone), daily or weekly.
    DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", 7))
    MAIL_RETRY_INTERVALS = [10, 60, 300]

    STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", False)
    STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", 30))
    # Data exports with more rows than this are built by the worker (privacy/).
    EXPORT_INLINE_ROWS = int(os.environ.get("EXPORT_INLINE_ROWS", 2000))
    # Trust levels (community/trust/): a new account's first N posts wait for a
    # moderator (0: off, as in the demo); a post hides itself after N flags from
    # established members until a moderator looks (0: never).
    TRUST_HOLD_FIRST_POSTS = int(os.environ.get("TRUST_HOLD_FIRST_POSTS", 0))
    TRUST_FLAGS_TO_HIDE = int(os.environ.get("TRUST_FLAGS_TO_HIDE", 3))
    # Strict-Transport-Security max-age; 0 sends none (development serves http).
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 0))
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/calendar",
        "text/plain",
        "application/json",
        "application/atom+xml",
        "application/javascript",
    ]
    COMPRESS_MIN_SIZE = 500
    COMPRESS_ALGORITHM = ["gzip"]

    # Visitors' pages are cached (community/pagecache): in Redis with REDIS_URL,
    # in process otherwise; any visible write renews them at once, and the
    # lifetime bounds how old a "3 hours ago" can get.
    PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 300))
    PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", 2000))

    # Calendar feeds (community/events/feed_content.py, feed_bodies.py): a
    # personal feed holds the events in this window around today, at most this
    # many of them and this many bytes (the ones the person goes to first, then
    # the nearest), so it never reaches megabytes. Whole bodies are cached by
    # version: in Redis with REDIS_URL (for this long), in each process
    # otherwise (up to this size).
    CALENDAR_FEED_DAYS_BACK = int(os.environ.get("CALENDAR_FEED_DAYS_BACK", 90))
    CALENDAR_FEED_DAYS_AHEAD = int(os.environ.get("CALENDAR_FEED_DAYS_AHEAD", 548))
    CALENDAR_FEED_MAX_EVENTS = int(os.environ.get("CALENDAR_FEED_MAX_EVENTS", 300))
    CALENDAR_FEED_MAX_BYTES = int(os.environ.get("CALENDAR_FEED_MAX_BYTES", 1_000_000))
    FEED_CACHE_SECONDS = int(os.environ.get("FEED_CACHE_SECONDS", 86400))
    FEED_CACHE_MEGABYTES = int(os.environ.get("FEED_CACHE_MEGABYTES", 32))

    # JSON API (community/api/): one budget per token (per address without one).
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")
    API_TITLE = "Community Hub API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    API_SPEC_OPTIONS = {"security": [{"bearerAuth": []}, {}]}
    # Webhooks: tries per delivery (with back-off), failures in a row that
    # disable a hook, and the seconds one attempt may take.
    WEBHOOK_RETRY_INTERVALS = [30, 300, 1800]
    WEBHOOK_DISABLE_AFTER = int(os.environ.get("WEBHOOK_DISABLE_AFTER", 10))
    WEBHOOK_TIMEOUT = 5

    # Benchmark-only switches (bench/, issue 8): an X-Query-Count header and a
    # database-free "ceiling" page. Off unless set; ProductionConfig forces them off.
    BENCH_COUNT_QUERIES = env_bool("BENCH_COUNT_QUERIES", False)
    BENCH_CEILING = env_bool("BENCH_CEILING", False)


class ProductionConfig(Config):
    # Browsers use https only for this long (2 years) once they have seen it.
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 63072000))
    TRUST_HOLD_FIRST_POSTS = int(os.environ.get("TRUST_HOLD_FIRST_POSTS", 2))
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    # Unset in production until the inbound route exists (docs/inbound-mail.md):
    # no Reply-To token and the default envelope sender, rather than .invalid ones.
    MAIL_REPLY_ADDRESS = os.environ.get("MAIL_REPLY_ADDRESS", "")
    MAIL_BOUNCE_ADDRESS = os.environ.get("MAIL_BOUNCE_ADDRESS", "")
    BENCH_COUNT_QUERIES = False
    BENCH_CEILING = False


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or (
        database_url() if os.environ.get("DATABASE_URL") else "sqlite://"
    )
    WTF_CSRF_ENABLED = False
    if SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        # Tests need no durability: skip the flush to disk at every commit.
        SQLALCHEMY_ENGINE_OPTIONS = {
            "pool_pre_ping": True,
            "connect_args": {"options": "-c synchronous_commit=off"},
        }
    # Limits stay on, set high; a test that checks one lowers it and resets.
    LOGIN_RATE_LIMIT = "10000 per minute"
    POST_RATE_LIMIT = "10000 per minute"
    JOIN_RATE_LIMIT = "10000 per minute"
    NEW_ACCOUNT_POST_RATE_LIMIT = "10000 per minute"
    API_RATE_LIMIT = "10000 per minute"
    MAIL_BACKEND = "smtp"
    MAIL_SERVER = "127.0.0.1"
    REDIS_URL = None  # tests that need Redis set it themselves
    RATELIMIT_STORAGE_URI = "memory://"
    SERVER_NAME = None


def config_for_environment() -> type[Config]:
    name = os.environ.get("COMMUNITY_ENV", "development")
    return ProductionConfig if name == "production" else Config
