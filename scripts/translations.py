#!/usr/bin/env python
"""Update the translation catalogues: extract strings, fill them from locale/pending/*.json, compile.

    .venv/bin/python scripts/translations.py            # makemessages + fill + compilemessages
    .venv/bin/python scripts/translations.py --check    # exit 1 if a Finnish or Swedish msgid is untranslated

locale/pending/<name>.json holds translations written next to new code, as a list of objects:
    {"msgid": "Accept the gig", "fi": "Otan keikan", "sv": "Jag tar jobbet"}
    {"context": "order status", "msgid": "Done", "fi": "Tehty", "sv": "Klar"}
    {"msgid": "%(n)s hour", "plural": "%(n)s hours", "fi": ["%(n)s tunti", "%(n)s tuntia"], "sv": [...]}
Existing translations in the .po files win only when the JSON has none for that language.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fi", "sv")
IGNORE = ["--ignore=.venv", "--ignore=node_modules", "--ignore=var", "--ignore=tests", "--ignore=static/vendor"]


def manage(*args: str) -> None:
    env = dict(os.environ, DJANGO_DEBUG="1")
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 - our manage.py, fixed args


def pending() -> dict[tuple[str | None, str], dict]:
    found = {}
    for path in sorted((ROOT / "locale" / "pending").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            found[(item.get("context"), item["msgid"])] = item
    return found


def fill(language: str, wanted: dict) -> list[str]:
    po_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path), wrapwidth=100)
    for entry in po:
        item = wanted.get((entry.msgctxt, entry.msgid))
        if not item or not item.get(language):
            continue
        value = item[language]
        if entry.msgid_plural:
            values = value if isinstance(value, list) else [value, value]
            entry.msgstr_plural = {i: v for i, v in enumerate(values)}
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    po.save()
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def main() -> int:
    check_only = "--check" in sys.argv
    lock = open("/tmp/jobcenter-translations.lock", "w")  # noqa: S108 - only a lock between local runs, no data
    fcntl.flock(lock, fcntl.LOCK_EX)
    if not check_only:
        manage("makemessages", "-v0", "--no-obsolete", *[f"-l{lang}" for lang in LANGUAGES], *IGNORE)
    wanted = pending()
    missing = {}
    for language in LANGUAGES:
        missing[language] = (
            fill(language, wanted)
            if not check_only
            else [
                e.msgid
                for e in polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
                if not e.translated() or "fuzzy" in e.flags
            ]
        )
    if not check_only:
        manage("compilemessages", "-v0", *IGNORE)
    for language, msgids in missing.items():
        print(f"{language}: {len(msgids)} untranslated")
        for msgid in msgids[:50]:
            print(f"  - {msgid!r}")
    return 1 if missing["fi"] or missing["sv"] else 0  # Swedish must be complete too


if __name__ == "__main__":
    sys.exit(main())
