#!/usr/bin/env bash
# Compile the project's .po files to .mo, if there are any and GNU gettext (msgfmt) is installed.
# Used by `make run` and the Dockerfile. Never looks inside .venv or node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"

if ! find . \( -path ./.venv -o -path ./node_modules -o -path ./var -o -path ./.git \) -prune \
       -o -type d -name locale -print | grep -q .; then
  echo "compilemessages: no locale directory yet, skipped."
  exit 0
fi
if ! command -v msgfmt >/dev/null 2>&1; then
  echo "compilemessages: msgfmt not found, skipped (install GNU gettext: apt-get install gettext)."
  echo "compilemessages: the UI falls back to the untranslated strings."
  exit 0
fi
"$PY" manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var --ignore=.git
