#!/usr/bin/env python
import os
import sys

# Commands that never sign anything (no sessions, no email links) may run without a secret key, so
# that `manage.py makemigrations --check` or `migrate` work in a bare shell. Everything else — the
# server, shell, seed_demo, Celery — still refuses to start without DJANGO_SECRET_KEY when debug is off.
NO_SIGNING_COMMANDS = {
    "collectstatic",
    "compilemessages",
    "help",
    "makemessages",
    "makemigrations",
    "migrate",
    "showmigrations",
    "sqlmigrate",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command in NO_SIGNING_COMMANDS and not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ["DJANGO_SECRET_KEY"] = f"unused-by-{command}-" + "x" * 40
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
