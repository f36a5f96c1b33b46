#!/usr/bin/env bash
# Refresh the zh_Hans catalogues: one per app (its own strings and templates) and one for the rest
# (settings, templates/). Needs GNU gettext (apt-get install gettext). English is the source text.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export DJANGO_SETTINGS_MODULE=portal.settings DJANGO_DEBUG=true PYTHONPATH="$root"
admin="$root/.venv/bin/django-admin"
apps=()
for d in portal/*/ */; do
  d="${d%/}"
  [ -f "$d/apps.py" ] || continue
  apps+=("$d")
  mkdir -p "$d/locale"
  (cd "$d" && "$admin" makemessages -l zh_Hans --no-obsolete --ignore 'migrations/*' >/dev/null)
done
ignores=(--ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'var/*' --ignore 'staticfiles/*')
for d in "${apps[@]}"; do ignores+=(--ignore "$d/*"); done
"$admin" makemessages -l zh_Hans --no-obsolete "${ignores[@]}" >/dev/null
echo "Catalogues refreshed; fill in the msgstr of new entries, then run: .venv/bin/python manage.py compiletranslations --check"
