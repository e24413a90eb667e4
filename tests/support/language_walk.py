"""Finnish words left on a Swedish or English page: the list, the data that may be Finnish, and the
pages to walk.

The pages come from the URL x role matrix (tests/support/url_matrix.py): every GET entry that some
role gets with 200 is walked as that role, so a page added to MATRIX joins the walk by itself. The
front page is walked as every role (each role has its own panels); the login pages and the admin's
index are in EXTRA_PAGES.

Data is not text of the UI: a client's name, a street, a task's free-text description may well be
Finnish. Every string stored in the database is cut out of the page's text before the words are
compared (`strip_data`), so only the words the code and the templates wrote are left.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.db import models

from tests.support.url_matrix import MATRIX, ROLES

# Common words of this UI in Finnish that are not Swedish or English words ("ja" is Swedish, "on"
# English: not here). Stems take their inflections: "keikk" finds keikka, keikat, keikalla.
FINNISH_STEMS = """
    keikk keikal tilau tilaaj tilaus tunti tuntia työ yksikk yksikö lasku hyväks tallenn peruut
    perut tehtäv palaut ohjaaj koordinaattor asiakas asiakk sähköpost puhelin palkkio etuu hinnast
    kirjaudu kirjautu ylläpi vahvist lähetä lähetet valitse tarkist takaisin seuraav edellin
    yhteensä päivämäärä maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai tammikuu
    helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu
    kaupungin etusivu näytä lisää poista muokkaa tiedot tietoj ehdot ehdota henkilö
""".split()
FINNISH_WORDS = """
    tai ei kyllä sinun sinä sinulle olet ole että kun jos mitä missä milloin kuka tila nimi hae
    kiitos hei vero klo kello sivu sivulle tästä tässä tämä nyt vielä myös eikä joka jotka
""".split()
FINNISH = re.compile(
    r"(?<!\w)(?:(?:" + "|".join(FINNISH_STEMS) + r")\w*|(?:" + "|".join(FINNISH_WORDS) + r"))(?!\w)",
    re.IGNORECASE,
)

# The walk's preference when several roles see a page: the page's own audience first.
PREFERRED_ROLES = ("worker_a", "staff_x", "client_p", "payer", "coord", "admin", "anon")
assert set(PREFERRED_ROLES) <= set(ROLES)

# Pages outside MATRIX (third-party views): (URL name, role).
EXTRA_PAGES = [
    ("account_login", "anon"),
    ("account_request_login_code", "anon"),
    ("account_reset_password", "anon"),
    ("admin:index", "admin"),
]

# Everything a person reads on the page: the visible text, the title, the labels a screen reader
# reads (aria-label, title, alt, placeholder), the buttons' values and the choices of every list.
PAGE_TEXT_JS = """() => {
  const parts = [document.title, document.body.innerText];
  const labelled = '[aria-label], [title], [alt], [placeholder], input[type=submit], input[type=button], option';
  for (const el of document.querySelectorAll(labelled)) {
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
    if (el.tagName === 'INPUT') parts.push(el.value);
    if (el.tagName === 'OPTION') parts.push(el.textContent);
  }
  return parts.join('\\n');
}"""


def pages_to_walk() -> list[tuple[str, str]]:
    """(URL name, role) for every page of MATRIX a role gets with 200, the front page as every role."""
    found = []
    for name, entry in MATRIX.items():
        if entry.method != "GET":
            continue
        if name == "home":
            found += [(name, role) for role in ROLES if entry.expected[role] == 200]
            continue
        role = next((r for r in PREFERRED_ROLES if entry.expected.get(r) == 200), None)
        if role is not None:
            found.append((name, role))
    return found + EXTRA_PAGES


def stored_strings() -> list[str]:
    """Every text value in the database (names, addresses, descriptions, emails), longest first, and
    each line of a value on several lines (a template may render the lines apart)."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    values.add(str(value).strip())
                    values.update(line.strip() for line in str(value).splitlines())
    return sorted((v for v in values if len(v) >= 2), key=len, reverse=True)


def strip_data(text: str, data: list[str]) -> str:
    """`text` without the stored values, each cut only as whole words ("ty" in a code field must not
    cut "työ" out of a sentence)."""
    present = [value for value in data if value in text]
    if not present:
        return text
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, present)) + r")(?!\w)")
    return pattern.sub(" ", text)


def finnish_words(text: str, data: list[str]) -> list[str]:
    """The Finnish words of `text` once the stored data is cut out, each once, in order."""
    seen: dict[str, None] = {}
    for match in FINNISH.finditer(strip_data(text, data)):
        seen.setdefault(match.group(0).lower())
    return list(seen)


def context_of(text: str, word: str, width: int = 60) -> str:
    match = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE)
    if not match:
        return ""
    start = max(0, match.start() - width)
    return " ".join(text[start : match.end() + width].split())
