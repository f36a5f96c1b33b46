#!/usr/bin/env bash
# Refresh the zh_Hans catalogues: one per app (its own strings and templates) and one for the rest
# (settings, templates/). Needs GNU gettext (apt-get install gettext). English is the source text.
#
#   scripts/makemessages.sh          refresh, then fill in the msgstr of new entries
#   scripts/makemessages.sh --check  refresh and fail if any text of the code has no translation
#                                    (make test runs this: a string missing from a catalogue is shown
#                                    in English on a Chinese page)
#
# Catalogues carry no source locations (--no-location): moving code does not rewrite them, and
# several people's catalogue changes merge cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export DJANGO_SETTINGS_MODULE=portal.settings DJANGO_DEBUG=true PYTHONPATH="$root"
admin="$root/.venv/bin/django-admin"
options=(-l zh_Hans --no-obsolete --no-location)
apps=()
for d in portal/*/ */; do
  d="${d%/}"
  [ -f "$d/apps.py" ] || continue
  apps+=("$d")
  mkdir -p "$d/locale"
  (cd "$d" && "$admin" makemessages "${options[@]}" --ignore 'migrations/*' >/dev/null 2>&1)
done
ignores=(--ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'var/*' --ignore 'staticfiles/*'
         --ignore 'node_modules/*' --ignore 'static/vendor/*')
for d in "${apps[@]}"; do ignores+=(--ignore "$d/*"); done
"$admin" makemessages "${options[@]}" "${ignores[@]}" >/dev/null 2>&1
if [ "${1:-}" = "--check" ]; then
  "$root/.venv/bin/python" manage.py compiletranslations --check
else
  echo "Catalogues refreshed; fill in the msgstr of new entries, then run: .venv/bin/python manage.py compiletranslations --check"
fi
