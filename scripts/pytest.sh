#!/usr/bin/env bash
# pytest with the test environment; run inside scripts/with-services.sh (PostgreSQL, Redis up).
#   scripts/with-services.sh scripts/pytest.sh tests/tickets -x
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SECRET_KEY="test-only-secret-key-not-for-production-use-0123456789"
export DJANGO_HTTPS=false
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
export JOBS_BACKEND=celery
# Serve static files as they are (no collectstatic manifest), from the app folders, as `make run` does.
export DJANGO_STATIC_MANIFEST=false WHITENOISE_USE_FINDERS=true
# The suite files many requests from one address; the rate-limit test sets its own tight rate.
export PORTAL_PUBLIC_FORM_RATE=10000/hour
# Playwright's sync API runs an event loop in the test thread; Django's guard would refuse the ORM.
export DJANGO_ALLOW_ASYNC_UNSAFE=true
.venv/bin/python manage.py compiletranslations >/dev/null
exec .venv/bin/python -m pytest "$@"
