#!/usr/bin/env python3
"""Container health check of `web`: GET /healthz must answer 200 {"status": "ok"}.

Sends the first ALLOWED_HOSTS name as Host (Django refuses unknown hosts) and X-Forwarded-Proto:
https (with DJANGO_BEHIND_PROXY=1 the app then needs no HTTPS redirect). Redirects are not followed:
a 301 here means SSL redirect is on without DJANGO_BEHIND_PROXY=1, which the check reports.
Standard library only. URL: $HEALTHCHECK_URL, default http://127.0.0.1:8000/healthz.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})  # noqa: S310 - the operator's own health URL
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        print(f"unhealthy: {url} (Host: {host}) answered {exc.code} {exc.reason}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1
    try:
        ok = status == 200 and json.loads(body).get("status") == "ok"
    except ValueError:
        ok = False
    if not ok:
        print(f"unhealthy: {url} answered {status}: {body[:200]!r}", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
