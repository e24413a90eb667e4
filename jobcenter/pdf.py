"""The one PDF renderer of the ui kit: a template and its context in, A4 PDF bytes out (WeasyPrint).

Every document (invoice, credit note, fee statement, consent form, work certificate, gig CV, the
worker's data export) goes through `render_pdf`, so they share one place for the language, the base
URL of their assets (the project's `static/`, or `PDF_ASSET_BASE_URL`) and the fonts: the system's
DejaVu Sans, which has ä, ö, å and every Latin letter (the Docker image installs it with Pango).
"""

from __future__ import annotations

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def asset_base_url() -> str:
    """Where a PDF template's relative URLs (stylesheets, the logo) are resolved."""
    return getattr(settings, "PDF_ASSET_BASE_URL", None) or str(settings.BASE_DIR / "static")


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    """Render `template` with `context` (in `language` when given) and return the PDF's bytes."""
    if language:
        with translation.override(language):
            html = render_to_string(template, context)
    else:
        html = render_to_string(template, context)
    return weasyprint.HTML(string=html, base_url=asset_base_url()).write_pdf()
