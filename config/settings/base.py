"""Settings shared by every environment. Anything that differs between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from search.engines import search_backends
from web.caches import caches_from_url
from web.client import networks

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "web",
    "guides",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its catalogue says "2 秒之前" where Wagtail's admin shows how long ago something happened.
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "web.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "web.sites.SiteMiddleware",  # first: the page cache keeps each site's pages by its own content generation
    "web.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "search.middleware.EngineFallbackNoticeMiddleware",
    "guides.admin.middleware.PublishingRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "web.senior.context_processor",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default random_page_cost (4) prices random reads as a spinning disk's. On SSD or cached
    # storage that makes the planner read the whole search index table rather than its GIN indexes: 45 ms
    # instead of 26 ms for a search matching a third of 10,000 guides (benchmarks/search_speed.py). The
    # value is the usual one for SSDs; DATABASE_RANDOM_PAGE_COST sets another for this site's connections.
    # JIT off: PostgreSQL compiles a statement with LLVM once the planner's estimate passes jit_above_cost, which a
    # search over a province's matches does. The compiling took 27-33 ms of a 50-110 ms search statement at
    # 100,000 guides (EXPLAIN ANALYZE's JIT timing), and nothing this site runs is long enough to win it back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c random_page_cost={os.environ.get('DATABASE_RANDOM_PAGE_COST', '1.1')} -c jit=off"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads and processes write at once (editors saving, citizens posting feedback). By default SQLite
    # answers "database is locked" at once to a transaction that read and then wants to write while another
    # writes, and readers block the writer: WAL lets readers go on beside one writer, IMMEDIATE takes the write
    # lock when a transaction begins (so it waits its turn instead of failing half-way), and the busy timeout is
    # how long it waits. synchronous=NORMAL is the usual companion of WAL (a power cut may lose the last commits,
    # never the file).
    # SQLite keeps 2 MB of the file in memory per connection by default. A search at 10,000 guides reads more
    # than that of index entries and pages, and went back to the file for each: 64 MB (filled only as read)
    # took a fifth off the slowest searches (benchmarks/search_speed.py).
    sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    sqlite_options.setdefault(
        "init_command", "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536"
    )
    sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    sqlite_options.setdefault("timeout", int(os.environ.get("DATABASE_BUSY_TIMEOUT", "20")))
CACHES = caches_from_url(os.environ.get("CACHE_URL", "locmem://"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Rendered search results and answered guide pages (web/pagecache.py's variants), per process: at most this many
# entries and bytes, each kept until the content changes or for PAGE_VARIANT_SECONDS.
PAGE_VARIANT_ENTRIES = int(os.environ.get("PAGE_VARIANT_ENTRIES", "2000"))
PAGE_VARIANT_BYTES = int(os.environ.get("PAGE_VARIANT_BYTES", str(64 * 1024 * 1024)))
PAGE_VARIANT_SECONDS = int(os.environ.get("PAGE_VARIANT_SECONDS", "600"))
# A search counts its matches up to this many and says "more than" it above (search/backends/ranked.py): the
# paginator's reach (search.service.MAX_PAGE × PAGE_SIZE), past which no page can be shown anyway.
SEARCH_COUNT_LIMIT = 10_000
# The same over several sites (scope=province): 100 pages. On PostgreSQL, counting a common word's matches to
# 10,000 over a province of 100,000 guides was most of its search, p50 50 / p95 72 ms against 16 / 25 ms counting
# to 1,000 (benchmarks/province.py). Facets are shown only when the count is not capped (search.service).
SEARCH_PROVINCE_COUNT_LIMIT = 1_000
# The search query log is written by a background thread in batches, off the request path (search/querylog.py).
SEARCH_QUERY_LOG_DEFERRED = env_bool("SEARCH_QUERY_LOG_DEFERRED", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks): the rate limit and the sign-in
# throttle key on the client behind them (web/client.py). Loopback by default, like gunicorn's forwarded_allow_ips.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
networks(tuple(TRUSTED_PROXIES))  # a wrong entry stops the site at start, not at the first request

# Sign-in throttling (django-axes) for the Wagtail admin and Django's admin: after LOGIN_FAILURE_LIMIT wrong
# passwords for one account, or from one client, sign-in is refused for LOGIN_LOCKOUT_MINUTES, even with the right
# password. An administrator lifts it earlier in Django's admin (访问尝试) or with `manage.py axes_reset_username`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each alone: per account and per client
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "web.client.client_address"
AXES_LOCKOUT_TEMPLATE = "web/login_locked.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # in the database: a Redis outage does not lift it

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The admin speaks Wagtail's own zh_Hans catalogue; locale/ adds the strings that catalogue lacks (Wagtail 8 added
# about 400 that it has not caught up with: autosave, "Saved", page counts, ...). LOCALE_PATHS comes first.
LOCALE_PATHS = [BASE_DIR / "locale"]
# One language and one time zone for everyone: the account page offers no others (Wagtail lists 40 and 600).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# Page slugs are pinyin, made from the Chinese title when left empty (guides/models/forms.py): never hanzi in URLs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

STATIC_URL = "/static/"
# deploy/nginx serves <checkout>/staticfiles/; a test that collects static files while other suites run beside it
# collects into its own folder (STATIC_ROOT): collectstatic replaces files that the others' whitenoise is reading.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "指南 · 市政务服务办事指南"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# The dashboard would fetch Wagtail's release feed from the browser: a third-party request, in English.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "ofd"]
WAGTAILSEARCH_BACKENDS = search_backends()
