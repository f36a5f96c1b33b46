#!/usr/bin/env bash
# Everything `make test` checks, run inside scripts/with-services.sh (PostgreSQL and Redis are up).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SECRET_KEY="test-only-secret-key-not-for-production-use-0123456789"
export DJANGO_HTTPS=false
bin=.venv/bin

echo "== ruff"
"$bin/ruff" check .
"$bin/ruff" format --check .
echo "== mypy"
"$bin/mypy"
echo "== django checks"
# The catalogues first: checks read translated labels (a fresh clone has no compiled .mo files).
"$bin/python" manage.py compiletranslations >/dev/null
"$bin/python" manage.py check --fail-level WARNING
"$bin/python" manage.py makemigrations --check --dry-run
# Every text of the code and templates must be in a catalogue, translated (needs GNU gettext).
scripts/makemessages.sh --check
echo "== pytest"
scripts/pytest.sh "$@"
