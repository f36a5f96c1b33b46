#!/usr/bin/env bash
# The benchmarks in bench/, run inside scripts/with-services.sh (PostgreSQL and Redis are up).
#   scripts/run-bench.sh           every bench/<name>.py (files starting with "_" are helpers)
#   scripts/run-bench.sh ingest    bench/ingest.py only
# Each benchmark prints one JSON object as its last line of standard output.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-use-0123456789"
export DJANGO_HTTPS=false
export JOBS_BACKEND="${JOBS_BACKEND:-inprocess}"
bin=.venv/bin

"$bin/python" manage.py compiletranslations >/dev/null
"$bin/python" manage.py migrate --noinput >/dev/null

if [ -n "${1:-}" ]; then
  [ -f "bench/$1.py" ] || { echo "No benchmark bench/$1.py" >&2; exit 2; }
  names=("$1")
else
  names=()
  for file in bench/*.py; do
    name="$(basename "$file" .py)"
    [[ "$name" == _* ]] || names+=("$name")
  done
fi

status=0
for name in "${names[@]}"; do
  echo "== bench $name" >&2
  "$bin/python" "bench/$name.py" || { echo "bench $name failed" >&2; status=1; }
done
exit "$status"
