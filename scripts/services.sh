#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for tests and benchmarks, from the binaries on this machine.
#
#   scripts/services.sh ensure          install what is missing (apt-get, when root) or say what to install
#   scripts/services.sh start DIR       start both under DIR; prints the environment to export
#   scripts/services.sh stop DIR        stop both
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the "postgres" system user
# (created by Debian's package, or here if missing).
set -euo pipefail

PG_PORT="${PORTAL_TEST_PG_PORT:-55432}"
REDIS_PORT="${PORTAL_TEST_REDIS_PORT:-56379}"

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: $*. Install them (e.g. 'sudo apt-get install $*') and run again." >&2
    exit 1
  fi
  echo "Installing $* with apt-get ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "$@" >&2
}

ensure() {
  local missing=()
  find_pg_bin >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  # makemessages (the translation completeness check of make test) runs GNU gettext's xgettext.
  command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
  if [ "${PORTAL_SKIP_BROWSER:-0}" != "1" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    # Chinese pages need a CJK font to render (and to be screenshot) in headless Chromium.
    # (grep reads everything: with -q it would stop early, fc-list would die of SIGPIPE, and pipefail
    # would report the font missing.)
    fc-list 2>/dev/null | grep -i "cjk" >/dev/null || missing+=(fonts-noto-cjk)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  local bin
  bin="$(find_pg_bin)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$dir"
    chmod 755 "$dir"
  fi
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    as_pg_user "$bin/initdb" -D "$dir/pg" -U portal --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  as_pg_user "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/pg.log" >&2; exit 1; }
  as_pg_user "$bin/createdb" -h "$dir" -p "$PG_PORT" -U portal portal 2>/dev/null || true
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  cat <<ENV
export DATABASE_URL=postgres://portal@127.0.0.1:$PG_PORT/portal
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
ENV
}

stop() {
  local dir="$1"
  local bin
  bin="$(find_pg_bin)"
  [ -f "$dir/pg/postmaster.pid" ] && as_pg_user "$bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
  if [ -f "$dir/redis.pid" ]; then
    kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  fi
}

case "${1:-}" in
  ensure) ensure ;;
  start) start "${2:?directory}" ;;
  stop) stop "${2:?directory}" ;;
  *) echo "usage: $0 ensure | start DIR | stop DIR" >&2; exit 2 ;;
esac
