"""The translation catalogues hold: every string the code uses is in the Finnish and Swedish
catalogues, translated, not fuzzy, and with the same placeholders as its English source.

`scripts/translations.py --check` reads only the .po files as they are; a string added to the code
without running the script would pass it. So the first test runs `makemessages` on a copy of the
project in a temporary directory (the working tree is never written) and compares.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fi", "sv")
# What scripts/translations.py leaves out of makemessages, plus what a copy does not need.
NOT_COPIED = {".venv", "node_modules", "var", ".git", "tests", "bench", "__pycache__", ".pytest_cache"}
IGNORE = ["--ignore=.venv", "--ignore=node_modules", "--ignore=var", "--ignore=tests", "--ignore=static/vendor"]

# %(name)s, %s, %d (python-format) and {name} (brace-format); "%%" is a literal percent sign.
PERCENT = re.compile(r"%(?:\((\w+)\))?[#0\- +]*\d*(?:\.\d+)?[sdifr]")
BRACE = re.compile(r"\{(\w*)\}")


def catalogue(language: str, root: Path = ROOT) -> polib.POFile:
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str, *, brace: bool) -> list[str]:
    text = text.replace("%%", "")
    found = [f"%({m.group(1)})" if m.group(1) else "%" + m.group(0)[-1] for m in PERCENT.finditer(text)]
    if brace:
        found += ["{" + name + "}" for name in BRACE.findall(text)]
    return sorted(found)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, set[tuple[str | None, str]]]:
    """(context, msgid) of every string in the code, per language, from makemessages run on a copy."""
    copy = tmp_path_factory.mktemp("catalogue") / "project"
    shutil.copytree(ROOT, copy, ignore=lambda _dir, names: [n for n in names if n in NOT_COPIED])
    env = dict(os.environ, DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="jobcenter.settings")
    env.pop("PYTHONPATH", None)
    subprocess.run(  # noqa: S603 - the project's own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "-v0", "--no-obsolete", *[f"-l{lang}" for lang in LANGUAGES]]
        + IGNORE,
        cwd=copy,
        env=env,
        check=True,
    )
    return {lang: {(e.msgctxt, e.msgid) for e in catalogue(lang, copy)} for lang in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue__holds_every_string_of_the_code(extracted, language):
    held = {(e.msgctxt, e.msgid) for e in catalogue(language) if not e.obsolete}
    missing = sorted(extracted[language] - held, key=str)
    assert not missing, (
        f"{len(missing)} strings of the code are not in locale/{language}; run scripts/translations.py: {missing[:20]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue__every_entry_translated_and_not_fuzzy(language):
    po = catalogue(language)
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if not e.obsolete and "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:20]}"


def _placeholder_problems(entry: polib.POEntry) -> list[str]:
    brace = bool(BRACE.search(entry.msgid)) and "python-format" not in entry.flags
    if entry.msgid_plural:
        # A plural form may leave the count out ("Yksi tunti"), never add or rename a placeholder.
        allowed = set(placeholders(entry.msgid, brace=brace)) | set(placeholders(entry.msgid_plural, brace=brace))
        wanted = set(placeholders(entry.msgid_plural, brace=brace))
        problems = []
        for index, text in sorted(entry.msgstr_plural.items()):
            got = set(placeholders(text, brace=brace))
            if not got <= allowed or (index > 0 and got != wanted):
                problems.append(f"{entry.msgid_plural!r} [{index}] -> {text!r}")
        return problems
    if placeholders(entry.msgstr, brace=brace) != placeholders(entry.msgid, brace=brace):
        return [f"{entry.msgid!r} -> {entry.msgstr!r}"]
    return []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue__translations_keep_the_placeholders(language):
    problems = [p for e in catalogue(language) if not e.obsolete and e.translated() for p in _placeholder_problems(e)]
    assert not problems, f"{len(problems)} translations in {language} change the placeholders:\n" + "\n".join(
        problems[:30]
    )
