"""Django settings for Pilothouse, read from the environment.

Everything a deployment may change comes from an environment variable through
the typed readers in ``visual.lib.env``; the defaults give the embedded
single-process setup that ``make run`` serves.
"""

from __future__ import annotations

from pathlib import Path

from visual.lib.env import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_path,
    env_str,
)
from visual.lib.layers import memory_layer, redis_layer

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# The default is for a laptop or a classroom machine; `manage.py check --deploy`
# flags it, and a deployment sets its own.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-pilothouse-local-only")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    # First, so that `runserver` is Daphne's and serves websockets too.
    "daphne",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "visual.simhost",
    "visual.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "visual.urls"
ASGI_APPLICATION = "visual.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_path("DB_PATH", BASE_DIR / "db.sqlite3"),
        "OPTIONS": {
            # Several processes (Daphne, simhost workers) share the file.
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The session only remembers which sandbox cluster is yours; no table needed.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "var" / "static")
# No separate web server in front by default: the ASGI app serves static files.
SERVE_STATIC = env_bool("SERVE_STATIC", True)

REDIS_URL = env_str("REDIS_URL", "")
CHANNEL_LAYERS = {"default": redis_layer(REDIS_URL) if REDIS_URL else memory_layer()}

# The simulation host. Embedded (inside the web process) unless Redis is used,
# where `manage.py simhost` workers run the clusters instead.
SIMHOST_EMBEDDED = env_bool("SIMHOST_EMBEDDED", not REDIS_URL)
SIMHOST_TICK = env_float("SIMHOST_TICK", 0.1)
SIMHOST_LEASE_TTL = env_float("SIMHOST_LEASE_TTL", 10.0)
SIMHOST_IDLE = env_float("SIMHOST_IDLE", 120.0)
SIMHOST_BACKLOG = env_int("SIMHOST_BACKLOG", 1000)
SIMHOST_SAVE_EVERY = env_float("SIMHOST_SAVE_EVERY", 2.0)
SIMHOST_REDIS_PREFIX = env_str("SIMHOST_REDIS_PREFIX", "pilothouse")
# Caps on what one cluster may hold, so one user cannot exhaust the host.
SIMHOST_MAX_PODS = env_int("SIMHOST_MAX_PODS", 5000)
SIMHOST_MAX_OBJECTS = env_int("SIMHOST_MAX_OBJECTS", 100_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "visual": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    },
}
