#!/usr/bin/env bash
# Print a Python 3.12+ interpreter: pyenv's (per .python-version) first, then python3.x on PATH.
cd "$(dirname "$0")/.." || exit 1
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
if command -v pyenv >/dev/null 2>&1; then
  candidate="$(pyenv which python 2>/dev/null)"
  [ -n "$candidate" ] && ok "$candidate" && { echo "$candidate"; exit 0; }
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])' | sort -V -r); do
    candidate="$(pyenv root)/versions/$v/bin/python"
    ok "$candidate" && { echo "$candidate"; exit 0; }
  done
fi
for name in python3.14 python3.13 python3.12 python3; do
  candidate="$(command -v "$name" 2>/dev/null)"
  [ -n "$candidate" ] && ok "$candidate" && { echo "$candidate"; exit 0; }
done
exit 1
