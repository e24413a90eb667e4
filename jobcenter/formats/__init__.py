"""Date, time and number formats of the three languages, as a Helsinki service writes them.

Django's own Swedish formats are Sweden's (2026-12-02) and its English ones American (12/02/2026,
"10 a.m."). Helsinki writes Swedish as Finland-Swedes do (2.12.2026, kl. 10.00) and its English
pages day-first (2.12.2026, 10:00). FORMAT_MODULE_PATH points here; a name that a module leaves
out falls back to Django's module of the language.

Besides Django's names, each module has the clock of the language (read with
`django.utils.formats.get_format`, see jobcenter/clock.py):
CLOCK_FORMAT (a time with minutes), CLOCK_HOUR_FORMAT (a full hour in a span, "10–13") and
CLOCK_PREFIX ("klo {}").
"""
