"""Checks for uploaded scans of signed consent forms: the type from the content, never from the name
or the browser's word, and a size limit (IN-3). Files are stored under random names
outside any public URL and served only through a permission-checked view."""

from __future__ import annotations

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError

# The first bytes of each accepted file type.
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def max_upload_bytes() -> int:
    return int(settings.JOBCENTER_UPLOAD_MAX_BYTES)


def check_scan(upload) -> tuple[str, str]:
    """(content type, file suffix) of an acceptable scan; `DomainError` with the reason otherwise."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size == 0:
        raise DomainError(_("The file is empty. Choose the scanned form again."))
    if upload.size > limit:
        raise DomainError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, suffix in SIGNATURES:
        if head.startswith(signature):
            return content_type, suffix
    raise DomainError(_("The file must be a PDF, JPEG or PNG. Scan the signed form again or take a photo of it."))
