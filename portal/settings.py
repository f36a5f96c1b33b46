"""Settings for every environment, read from environment variables (see ``.env.example``).

With no variables set, the portal runs embedded: SQLite in ``var/``, the meter store in a local
folder and background jobs executed in-process. Production and CI set ``DATABASE_URL`` (PostgreSQL)
and ``REDIS_URL`` (broker and cache) and run a Celery worker and beat.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core.discovery import beat_schedule, discover_programmes, setting_values
from portal.env import env_bool, env_choice, env_int, env_list, env_str, env_url_template, installation_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

# Debug is never on unless asked for: `make run` asks, a deployment does not.
DEBUG = env_bool("DJANGO_DEBUG", False)
# Without DJANGO_SECRET_KEY, each installation makes its own random key once and keeps it in var/:
# never a known default, and a fresh checkout still runs its management commands. Several hosts
# serving one portal must share the key through the variable.
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or installation_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS hardening is on wherever debug is off; a test run over plain http turns it off explicitly.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of the portal that append to X-Forwarded-For; the client's address is the one
# the outermost of them recorded (portal.core.client). 0: the portal faces the network itself.
TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0, minimum=0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 8 * 3600)

# The programme apps: every top-level folder with a ``programme.py`` (see portal/core/contract.py);
# a deployment may run fewer by naming them in PORTAL_PROGRAMMES.
PROGRAMME_APPS = discover_programmes(BASE_DIR, env_list("PORTAL_PROGRAMMES"))

INSTALLED_APPS = [
    # Our apps first: for a text that several catalogues translate, the first app listed wins.
    "portal.core",
    "portal.tenancy",
    "portal.accounts",
    "portal.audit",
    "portal.stakeholders",
    "portal.tickets",
    "portal.calendars",
    "portal.notifications",
    "portal.activities",
    "portal.meters",
    "portal.imports",
    "portal.jobs",
    "portal.api",
    "portal.indicators",
    "portal.web",
    "portal.demo",
    *(app.code for app in PROGRAMME_APPS),
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.tenancy.middleware.TenantMiddleware",
    # Last, so a lock-out answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.tenancy.context_processors.tenancy",
                "portal.web.context_processors.navigation",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the in-process job threads write while pages read; IMMEDIATE avoids lock upgrades.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker and background jobs ----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# "celery": jobs go to the Redis broker and a worker runs them; "inprocess": a thread pool in the
# web process runs them (embedded mode only).
JOBS_BACKEND = env_choice("JOBS_BACKEND", ("celery", "inprocess"), "celery" if REDIS_URL else "inprocess")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None  # outcomes are recorded on JobRun rows, not in a result backend
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
# Every chunk of a job must end well inside this, or the broker hands it to another worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT}
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "portal")
# The core's periodic work; each programme app adds its own entries in its ``programme.py``.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "jobs-mark-stale-runs": {"task": "portal.jobs.tasks.mark_stale_runs", "schedule": 15 * 60.0},
    "jobs-purge-runs": {"task": "portal.jobs.tasks.purge_scheduled_runs", "schedule": crontab(hour=3, minute=10)},
    "audit-purge-access-log": {"task": "portal.audit.tasks.purge_access_logs", "schedule": crontab(hour=3, minute=20)},
    "tickets-sla-sweep": {"task": "portal.tickets.tasks.enqueue_sla_sweeps", "schedule": 10 * 60.0},
    "notifications-send-due": {"task": "portal.notifications.tasks.send_due", "schedule": 60.0},
    "meters-drop-folder": {"task": "portal.meters.tasks.enqueue_drop_folder_imports", "schedule": 24 * 60 * 60.0},
    "meters-reconcile-store": {"task": "portal.meters.tasks.reconcile_meter_store", "schedule": 10 * 60.0},
    **beat_schedule(PROGRAMME_APPS),
}

# --- Files --------------------------------------------------------------------------------------
MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
METER_STORE_PATH = Path(env_str("METER_STORE_PATH", str(VAR_DIR / "meterstore")))
METER_DROP_PATH = Path(env_str("METER_DROP_PATH", str(VAR_DIR / "meterdrop")))  # <tenant slug>/<files>
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env_int("PORTAL_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# Record imports (portal/imports): the largest file accepted, the most data rows one file may hold
# (registers are read row by row into memory), and up to how many rows an upload is imported while
# the browser waits — a bigger file goes to the worker as a job.
IMPORTS_MAX_BYTES = env_int("PORTAL_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORTS_MAX_ROWS = env_int("PORTAL_IMPORT_MAX_ROWS", 100_000)
IMPORTS_INLINE_MAX_ROWS = env_int("PORTAL_IMPORT_INLINE_ROWS", 2_000)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names need `collectstatic` (the Docker image runs it); the embedded portal and the
        # test suite serve the files as they are.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the app folders when nothing was collected (embedded mode and tests).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
WHITENOISE_MANIFEST_STRICT = False

# --- Housekeeping: how long records the schedule writes are kept ---------------------------------
# Runs the beat schedule started (SLA sweeps, nightly jobs), purged nightly by portal.jobs.retention;
# runs a person asked for are kept. Failed scheduled runs are kept longer, for whoever looks into them.
JOBS_SCHEDULED_RUNS_KEEP_DAYS = env_int("PORTAL_SCHEDULED_RUNS_KEEP_DAYS", 7)
JOBS_FAILED_RUNS_KEEP_DAYS = env_int("PORTAL_FAILED_RUNS_KEEP_DAYS", 30)
# The personal-data access log, purged nightly per unit (at least 30 days: portal.audit.retention).
ACCESS_LOG_KEEP_DAYS = env_int("PORTAL_ACCESS_LOG_KEEP_DAYS", 365)

# --- Charts and maps ----------------------------------------------------------------------------
# Map tiles from a tile server the portal's users can reach (an intranet has its own), with {z}, {x}
# and {y} in the URL. Without one, maps draw their points and shapes on a plain background: nothing
# is ever fetched from a public tile service.
MAP_TILE_URL = env_url_template("PORTAL_MAP_TILE_URL", ("{z}", "{x}", "{y}"))
MAP_TILE_ATTRIBUTION = env_str("PORTAL_MAP_TILE_ATTRIBUTION")

# --- Accounts, login lock-out, object permissions -----------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AXES_FAILURE_LIMIT = env_int("PORTAL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("PORTAL_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The lock-out counts failures per client address found as everywhere else, behind trusted proxies.
AXES_CLIENT_IP_CALLABLE = "portal.core.client.client_address"
AXES_VERBOSE = False  # no "AXES: BEGIN version …" banner on every manage.py command and worker start
ANONYMOUS_USER_NAME = None  # django-guardian: no anonymous object permissions
GUARDIAN_MONKEY_PATCH_USER = False

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- REST API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.IsTenantMember"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.ApiClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": env_str("PORTAL_API_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
# django-filter's choice lists start with "All" rather than a row of dashes.
FILTERS_EMPTY_CHOICE_LABEL = _("All")
FILTERS_NULL_CHOICE_LABEL = _("None")

# Requests residents may file from one address through the public (no-login) forms.
PUBLIC_FORM_RATE = env_str("PORTAL_PUBLIC_FORM_RATE", "10/hour")

SPECTACULAR_SETTINGS = {
    "TITLE": "Stakeholder alliance portal API",
    "DESCRIPTION": "Partner API of the stakeholder alliance portal (State Grid Tianjin).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "APPEND_COMPONENTS": {
        "securitySchemes": {"ApiKey": {"type": "http", "scheme": "bearer", "description": "Partner API key"}}
    },
    "SECURITY": [{"ApiKey": []}],
    # Several models have a "kind" or "status" with their own choices: name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "portal.stakeholders.models.Organisation.Kind",
        "PersonKindEnum": "portal.stakeholders.models.Person.Kind",
        "MeetingKindEnum": "portal.stakeholders.models.Meeting.Kind",
        "ActivityKindEnum": "portal.activities.models.Activity.Kind",
        "TicketKindEnum": "portal.tickets.models.Kind",
        "TicketEventKindEnum": "portal.tickets.models.TicketEvent.Kind",
        "TicketStatusEnum": "portal.tickets.workflow.Status",
        "JobRunStatusEnum": "portal.jobs.models.JobRun.Status",
        "MeterStatusEnum": "portal.meters.models.Meter.Status",
        "ImportBatchStatusEnum": "portal.meters.models.ImportBatch.Status",
        "RecordImportBatchStatusEnum": "portal.imports.models.RecordImportBatch.Status",
        "RecordImportOnErrorEnum": "portal.imports.models.RecordImportBatch.OnError",
        "RecordImportSourceEnum": "portal.imports.models.RecordImportBatch.Source",
        "VillageKindEnum": "portal.meters.models.Village.Kind",
    },
}

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("PORTAL_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver prints "Watching for file changes" itself; the logged copy is the same line twice.
        "django.utils.autoreload": {"level": "WARNING"},
        # django-axes says "Deleted 0 failed login attempts" at every log-in; lock-outs are warnings.
        "axes": {"level": "WARNING"},
    },
}

# --- Notifications (requester updates, alerts) --------------------------------------------------
EMAIL_BACKEND_PATH = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 25),
        "username": env_str("DJANGO_EMAIL_USER"),
        "password": env_str("DJANGO_EMAIL_PASSWORD"),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")
# SMS and WeChat go to the operator's HTTP gateways; a channel without a URL writes to the log (masked).
NOTIFY_GATEWAYS: dict[str, dict[str, object]] = {
    "sms": {
        "url": env_str("PORTAL_SMS_GATEWAY_URL"),
        "token": env_str("PORTAL_SMS_GATEWAY_TOKEN"),
        "timeout": env_int("PORTAL_SMS_GATEWAY_TIMEOUT", 10),
    },
    "wechat": {
        "url": env_str("PORTAL_WECHAT_GATEWAY_URL"),
        "token": env_str("PORTAL_WECHAT_GATEWAY_TOKEN"),
        "timeout": env_int("PORTAL_WECHAT_GATEWAY_TIMEOUT", 10),
    },
}
# A failed delivery is retried after NOTIFY_RETRY_SECONDS, then twice as long each time (at most an
# hour), until NOTIFY_MAX_ATTEMPTS attempts have failed: 60 s and 8 attempts try for about two hours.
NOTIFY_RETRY_SECONDS = env_int("PORTAL_NOTIFY_RETRY_SECONDS", 60)
NOTIFY_MAX_ATTEMPTS = env_int("PORTAL_NOTIFY_MAX_ATTEMPTS", 8)

# --- Programme apps' own settings ---------------------------------------------------------------
# Each declared ``Setting`` with its default or its environment variable; a value set above wins.
for _name, _value in setting_values(PROGRAMME_APPS).items():
    globals().setdefault(_name, _value)
