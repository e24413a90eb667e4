"""Technical logs carry no personal identity codes, no bank accounts and no email addresses: logs
are read and kept outside the access controls of the data itself, so personal data must not leak
into them (LOG-4 in docs/security-requirements.md).

`RedactPersonalDataFilter` is attached to every handler in `settings.LOGGING`. It formats the
record's message once, replaces each Finnish personal identity code (henkilötunnus), each IBAN and
each email address with a marker, and does the same to the formatted traceback, so a handler
further on (console, file, the admins' error email subject) only ever sees the redacted text.

The filter is a safety net, not the control: special-category data never goes into a log call or
an exception message in the first place (what a pattern cannot recognise, it cannot redact), and
forms that post it use `sensitive_post_parameters` so Django's error reports hide it.

Named `jobcenter.logging`; inside this package `import logging` still means the standard library
(absolute imports).
"""

from __future__ import annotations

import logging
import re

from django.views.debug import ExceptionReporter

HETU_MARK = "[hetu]"
IBAN_MARK = "[iban]"
EMAIL_MARK = "[email]"

# DDMMYY, the century sign (+, -, A-F for the 2000s, U-Y as the extra signs of 2023), three digits
# and the check character (0-9 and letters without G, I, O, Q, Z). Not anchored to a checksum:
# a near-miss code is still personal data and is redacted too.
HETU_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![0-9A-Za-z])",
    re.IGNORECASE,
)


def _iban_countries() -> str:
    from stdnum import numdb

    return "|".join(sorted({prefix[1] for prefix in numdb.get("iban").prefixes}))


# An IBAN as it is stored (compact, upper case) or typed (in groups of four, any case): a country
# code of the IBAN registry, two check digits, then 11 to 30 letters and digits. Only the registry's
# country codes, so that an RF creditor reference, which has the same shape, stays; the compact
# form only in upper case, so that a random hexadecimal id (a request id) that happens to begin
# with "de12" stays too; and no checksum, as for the identity codes: a mistyped account is still
# someone's account. The City's own account on an invoice is redacted as well, which loses nothing
# a log needs.
_IBAN_COUNTRIES = _iban_countries()
IBAN_RE = re.compile(
    rf"(?<![0-9A-Za-z])(?:(?:{_IBAN_COUNTRIES})[0-9]{{2}}[0-9A-Z]{{11,30}}"
    rf"|(?i:(?:{_IBAN_COUNTRIES})[0-9]{{2}}(?: [0-9A-Z]{{4}}){{2,7}}(?: [0-9A-Z]{{1,4}})?))(?![0-9A-Za-z])"
)
# Any letters (\w is Unicode): "aino.äyräväinen@esimerkki.fi" is an address too.
EMAIL_RE = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def redact(text: str) -> str:
    """The text with identity codes, IBANs and email addresses replaced by markers."""
    if not text:
        return text
    return EMAIL_RE.sub(EMAIL_MARK, IBAN_RE.sub(IBAN_MARK, HETU_RE.sub(HETU_MARK, text)))


class RedactPersonalDataFilter(logging.Filter):
    """Redacts the message, its arguments, the traceback and the stack of every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingExceptionReporter(ExceptionReporter):
    """Django's error report (the admins' error email, the debug page) with identity codes, IBANs and
    email addresses redacted, on top of the settings and `sensitive_*` filtering Django does itself."""

    def get_traceback_html(self):
        return redact(str(super().get_traceback_html()))

    def get_traceback_text(self):
        return redact(str(super().get_traceback_text()))
