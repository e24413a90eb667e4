"""The failed emails for the coordinator's "Today" page: how many, and the newest few (two queries at
most). Bodies are never read; coordinators only, anyone else gets nothing."""

from __future__ import annotations

from jobcenter.models import OutboundEmail, OutboundEmailStatus
from jobcenter.roles import is_coordinator


def emails_failed_for(*, user, limit: int) -> tuple[int, list[OutboundEmail]]:
    if not is_coordinator(user):
        return 0, []
    failed = OutboundEmail.objects.filter(status=OutboundEmailStatus.FAILED)
    rows = list(failed.defer("body_text", "body_html").order_by("-created_at", "-pk")[:limit])
    count = failed.order_by().count()
    return count, rows
