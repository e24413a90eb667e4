"""Checks for a product's photo: the type from the content (its first bytes, then the image decoder),
never from the name or the browser's word, and the size limit of every upload.

The photo is stored under a random name outside any public URL and served only through a view
that checks the user is staff of the product's unit or the coordinator."""

from __future__ import annotations

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from jobcenter.errors import DomainError

# The first bytes of each accepted image type, its content type, suffix and Pillow's format name.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png", "PNG"),
)
# Pillow refuses to open images larger than this (a "decompression bomb": a small file of huge size).
MAX_PIXELS = 40_000_000


def check_photo(upload) -> tuple[str, str]:
    """(content type, file suffix) of an acceptable photo; `DomainError` with the reason otherwise."""
    limit = int(settings.JOBCENTER_UPLOAD_MAX_BYTES)
    if upload.size is None or upload.size == 0:
        raise DomainError(_("The photo file is empty. Choose the photo again."))
    if upload.size > limit:
        raise DomainError(
            _("The photo is too large (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, suffix, pillow_format in SIGNATURES:
        if head.startswith(signature):
            _decodes(upload, pillow_format)
            return content_type, suffix
    raise DomainError(_("The photo must be a JPEG or PNG image."))


def _decodes(upload, pillow_format: str) -> None:
    """The whole file is an image of the type its first bytes say (not, say, a script after a JPEG header)."""
    try:
        with Image.open(upload) as image:
            if image.format != pillow_format or image.width * image.height > MAX_PIXELS:
                raise DomainError(_("The photo must be a JPEG or PNG image."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise DomainError(_("The photo could not be read. Save it again as JPEG or PNG and choose it again.")) from None
    finally:
        upload.seek(0)
