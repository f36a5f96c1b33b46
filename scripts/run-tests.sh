#!/usr/bin/env bash
# The test suite, run by `make test` inside scripts/with-services.sh (PostgreSQL and Redis are up).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SECRET_KEY="test-only-secret-key-$(date +%s)-not-for-production-use"
export DJANGO_HTTPS=false
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
export JOBS_BACKEND=celery
# Playwright's sync API runs an event loop in the test thread; Django's guard would refuse the ORM.
export DJANGO_ALLOW_ASYNC_UNSAFE=true
bin=.venv/bin

echo "== ruff"
"$bin/ruff" check .
"$bin/ruff" format --check .
echo "== mypy"
"$bin/mypy"
echo "== django checks"
"$bin/python" manage.py check --fail-level WARNING
"$bin/python" manage.py makemigrations --check --dry-run
"$bin/python" manage.py compiletranslations --check
echo "== pytest"
"$bin/python" -m pytest "$@"
