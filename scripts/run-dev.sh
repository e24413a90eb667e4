#!/usr/bin/env bash
# `make run`: migrate, compile translations, seed the demo data, serve on http://127.0.0.1:8000.
# Embedded default (no DATABASE_URL / REDIS_URL): SQLite, Celery eager, email to the console.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
PY=.venv/bin/python
ADDR="${RUNSERVER_ADDR:-127.0.0.1:8000}"

"$PY" manage.py migrate --noinput
PY="$PY" scripts/compilemessages.sh
# The demo needs freezegun, the optional extra `demo` (requirements.txt, which `make venv`
# installs, pins it).
"$PY" manage.py seed_demo
echo "run: serving on http://$ADDR (Ctrl-C stops)"
exec "$PY" manage.py runserver "$ADDR"
