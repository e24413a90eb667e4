#!/usr/bin/env bash
# Create .venv and install requirements.txt (the pinned lock) when it is missing or the lock changed.
#
# A stamp file (.venv/.requirements.stamp) holds the sha256 of the requirements.txt that was
# installed; when it differs, the requirements are installed again. Python: $PYTHON if set, else the
# first of python3, python3.13, python3.12, python3.11 that is 3.11 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.requirements.stamp"
export PIP_DISABLE_PIP_VERSION_CHECK=1

want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys' 2>/dev/null \
   && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0   # up to date: nothing to do
fi

if ! { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys' 2>/dev/null; }; then
  PY=""
  for c in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$c" >/dev/null 2>&1 \
       && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY="$c"; break
    fi
  done
  if [ -z "$PY" ]; then
    echo "bootstrap-venv: no Python 3.11 or newer found (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  echo "bootstrap-venv: creating $VENV with $("$PY" --version 2>&1)"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

echo "bootstrap-venv: installing requirements.txt into $VENV"
"$VENV/bin/python" -m pip install --quiet --requirement requirements.txt
echo "$want" >"$STAMP"
echo "bootstrap-venv: done"
