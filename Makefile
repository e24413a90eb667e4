# Jobcenter. The two commands of the README: `make run` and `make test`.
# The shell logic lives in scripts/; this file only names the steps.

VENV := .venv
PY   := $(VENV)/bin/python

.DEFAULT_GOAL := help
.PHONY: help venv assets messages run test lint check migrations-check ci bench

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

venv:  ## Create .venv and install requirements.txt (again when it changed)
	@scripts/bootstrap-venv.sh

messages: venv  ## Compile the translations (.po -> .mo) when gettext is installed
	@DJANGO_DEBUG=1 scripts/compilemessages.sh

assets:  ## Install the front-end packages (hds-core, htmx) with npm and copy them to static/vendor/
	@scripts/bootstrap-assets.sh

run: venv assets  ## Migrate, seed the demo data and serve on http://127.0.0.1:8000 (SQLite, eager Celery)
	@DJANGO_DEBUG=1 scripts/run-dev.sh

# The suite chooses its own environment (tests/settings.py): DEBUG off and the embedded SQLite, memory
# cache and eager Celery, whatever the shell exports. JOBCENTER_TEST_SERVICES=1 makes it use the shell's
# DATABASE_URL / REDIS_URL (as .ci/run does with JOBCENTER_REQUIRE_ALL_SERVICES=1, which also fails on a skip).
test: messages assets  ## Run the whole test suite (extra pytest arguments: make test ARGS="-k gig")
	$(VENV)/bin/pytest $(ARGS)

lint: venv  ## ruff check, and the layer contracts (import-linter, pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

check: venv  ## Django system checks
	DJANGO_DEBUG=1 $(PY) manage.py check

migrations-check: venv  ## Fail when a model change has no migration
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

ci:  ## What CI runs: PostgreSQL + Redis + Chromium, no skipped tests (installs Debian packages)
	.ci/run

bench: venv  ## City-scale benchmark on PostgreSQL (gunicorn + locust, month-end run); writes bench/results/ (ARGS="--reuse")
	$(PY) bench/run.py $(ARGS)
