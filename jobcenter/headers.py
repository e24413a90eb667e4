"""Response headers for every dynamic page (DEP-2, LOG-4; ASVS 5.0 14.3.2).

- `Cache-Control: no-store, private` on every response that has no Cache-Control of its own:
  pages here show personal data (and the public forms show what was typed), so no browser or proxy
  keeps a copy (a shared computer at a unit, the back button after logging out). Static files are
  served before this middleware (WhiteNoise) and keep their long cache lifetimes.
- `Permissions-Policy`: the site uses no camera, microphone, location, payment or sensors.

The Content-Security-Policy comes from django-csp (`CONTENT_SECURITY_POLICY` in settings); HSTS,
nosniff, Referrer-Policy and X-Frame-Options from Django's SecurityMiddleware and clickjacking
middleware.
"""

from __future__ import annotations

from django.conf import settings


class PrivateResponseHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        policy = getattr(settings, "JOBCENTER_PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
