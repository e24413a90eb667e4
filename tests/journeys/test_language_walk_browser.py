"""Every page in Swedish and in English, in Chromium, has no Finnish words left in it.

The pages are the GET pages of the URL x role matrix (tests/support/url_matrix.py), walked on its
world of objects as a role that gets the page, plus the login pages and the admin's index
(tests/support/language_walk.py says how they are chosen). A page joins the walk when it joins
MATRIX. Stored data (names, addresses, task descriptions) is cut out of the text first, so only the
words of templates and code are compared with the list of Finnish words.
"""

from __future__ import annotations

import html
import re

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tests.support.browser import log_in
from tests.support.language_walk import (
    PAGE_TEXT_JS,
    context_of,
    finnish_words,
    pages_to_walk,
    stored_strings,
)
from tests.support.url_matrix import MATRIX, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(name: str, world, language: str) -> str:
    kwargs = MATRIX[name].kwargs(world) if name in MATRIX else {}
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _walk(browser, live_server, world, language: str) -> tuple[list[str], int]:
    data = stored_strings()
    contexts: dict[str, object] = {}
    problems: list[str] = []
    walked = 0
    try:
        for name, role in pages_to_walk():
            if role not in contexts:
                context = browser.new_context(locale="sv-FI" if language == "sv" else "en-GB")
                context.set_default_timeout(15_000)
                if world.users[role] is not None:
                    # A client of its own per role: logging another user in on the same client
                    # would end the earlier session.
                    log_in(context.new_page(), Client(), live_server, world.users[role])
                contexts[role] = context
            context = contexts[role]
            url = live_server.url + _url(name, world, language)
            # A download (PDF, CSV, JSON) or a refusal is not a page to read here.
            head = context.request.get(url, max_redirects=0)
            if head.status != 200 or not head.headers.get("content-type", "").startswith("text/html"):
                continue
            walked += 1
            if "<html" not in head.text():
                # A fragment (the order form's price, fetched into its page): read as it came.
                text = html.unescape(re.sub(r"<[^>]+>", " ", head.text()))
            else:
                page = context.pages[0] if context.pages else context.new_page()
                page.goto(url)
                html_lang = page.evaluate("() => document.documentElement.lang")
                if html_lang != language:
                    problems.append(f"{name} as {role}: <html lang={html_lang!r}>, not {language!r} ({url})")
                text = page.evaluate(PAGE_TEXT_JS)
            for word in finnish_words(text, data):
                problems.append(f"{name} as {role}: {word!r} in “…{context_of(text, word)}…” ({url})")
    finally:
        for context in contexts.values():
            context.close()
    return problems, walked


@pytest.mark.parametrize("language", ["sv", "en"])
def test_language_walk__no_finnish_words_on_any_page(browser, live_server, tmp_path, language):
    with override_settings(MEDIA_ROOT=tmp_path):
        # As in the matrix: the world is made in one transaction (what it queues runs afterwards).
        with transaction.atomic():
            world = build_world()
        problems, walked = _walk(browser, live_server, world, language)

    assert walked >= 60, f"only {walked} pages were walked: the world or the matrix lost its pages"
    assert not problems, f"{len(problems)} Finnish words on the {language} pages:\n" + "\n".join(problems)


def test_language_walk__finds_the_finnish_of_the_finnish_front_page(page, live_server):
    """The check itself: on the Finnish front page it finds Finnish (the data cut-out leaves the UI)."""
    page.goto(live_server.url + "/")
    words = finnish_words(page.evaluate(PAGE_TEXT_JS), stored_strings())
    assert {"kirjaudu", "keikkoja"} <= set(words)
