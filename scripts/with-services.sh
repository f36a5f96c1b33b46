#!/usr/bin/env bash
# Run a command with throwaway PostgreSQL and Redis started for it and stopped after it.
#   scripts/with-services.sh COMMAND...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/services.sh" ensure
dir="$(mktemp -d /tmp/portal-services.XXXXXX)"
cleanup() { "$here/services.sh" stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT
eval "$("$here/services.sh" start "$dir")"
export PORTAL_VAR_DIR="$dir/var"
export PORTAL_MEDIA_ROOT="$dir/var/media"
export METER_STORE_PATH="$dir/var/meterstore"
"$@"
