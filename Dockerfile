# Jobcenter: one image for web (gunicorn), worker and beat (celery). See docs/operations.md.

# Front-end packages (Helsinki Design System CSS, htmx) from package-lock.json, as in `make assets`.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
COPY scripts/bootstrap-assets.sh scripts/
RUN mkdir -p static && scripts/bootstrap-assets.sh

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint's native libraries and a font with Finnish and Swedish letters; gettext for compilemessages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

# The pinned lock first, so a code change does not reinstall the packages.
COPY requirements.txt /tmp/requirements.txt
RUN python -m venv "$VIRTUAL_ENV" \
 && pip install --requirement /tmp/requirements.txt \
 && rm /tmp/requirements.txt

WORKDIR /app
COPY --chown=app:app . /app
COPY --from=assets --chown=app:app /build/static/vendor /app/static/vendor

# Translations are compiled into the image; static files are collected when `web` starts
# (docker-compose.yml), into /app/var/static, which the app user owns.
RUN PY=python DJANGO_DEBUG=1 scripts/compilemessages.sh \
 && mkdir -p /app/var/static /app/var/media \
 && chown -R app:app /app/var

USER app
EXPOSE 8000
CMD ["gunicorn", "jobcenter.wsgi", "--workers", "2", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
