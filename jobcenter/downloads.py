"""Downloads of personal documents: always an attachment, never cached, never content-sniffed."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file_attachment(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file (a FileField's file) as an attachment."""
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
