"""DEP-2 / LOG-4: security headers on every kind of response, a strict Content-Security-Policy that
the pages really keep (no inline script, no inline style, no event-handler attributes, no other
origin), and no cache for dynamic pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import AdministratorFactory, CoordinatorFactory, UnitStaffFactory, WorkerFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_csp(response) -> None:
    d = csp_directives(response)
    assert d["default-src"] == ["'self'"]
    assert d["script-src"] == ["'self'"]
    assert d["style-src"] == ["'self'"]
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'none'"]
    assert d["frame-ancestors"] == ["'none'"]
    assert set(d["img-src"]) <= {"'self'", "data:"}
    assert d["connect-src"] == ["'self'"] and d["font-src"] == ["'self'"]
    everything = " ".join(" ".join(v) for v in d.values())
    assert "unsafe-inline" not in everything and "unsafe-eval" not in everything
    assert "http:" not in everything and "https:" not in everything and "*" not in everything


def assert_security_headers(response, *, dynamic: bool = True) -> None:
    assert_strict_csp(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    if dynamic:
        assert "no-store" in response["Cache-Control"], response["Cache-Control"]


class _InlineFinder(HTMLParser):
    """Collects what a strict CSP would block: inline <script>, <style>, style= and on*= attributes."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name.lower() for name, _ in attrs}
        if tag == "script":
            # A JSON data block (Django's json_script, allauth's passkey options) is never executed,
            # so a strict CSP has nothing to block there; anything else without src is inline code.
            is_data = (dict(attrs).get("type") or "").strip().lower() == "application/json"
            if "src" not in names and not is_data:
                self.problems.append("inline <script>")
            self._in_script = not is_data
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in names:
            self.problems.append(f"style= on <{tag}>")
        self.problems += [f"{name}= on <{tag}>" for name in names if name.startswith("on")]
        for name, value in attrs:
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")
            if (
                name in {"src", "href"}
                and tag in {"script", "link", "img", "iframe"}
                and re.match(r"(https?:)?//", value or "")
            ):
                self.problems.append(f"third-party {name} on <{tag}>: {value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("script with inline code")


def inline_problems(html: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(html)
    return finder.problems


# --- Pages ----------------------------------------------------------------------------------------
@pytest.fixture
def pages(client):
    """(client, url) for a sample of pages of every role, logged in as that role."""
    worker = WorkerFactory()
    return {
        "home": (None, reverse("home")),
        "login": (None, reverse("account_login")),
        "order form": (None, reverse("orders:request")),
        "worker: my gigs": (worker.user, reverse("workers:my-gigs")),
        "worker: my data": (worker.user, reverse("workers:my-data")),
        "coordinator: dashboard": (CoordinatorFactory(), reverse("coordinator:dashboard")),
        "coordinator: workers": (CoordinatorFactory(), reverse("worker_certificates:workers")),
        "unit staff": (UnitStaffFactory(), reverse("units:needs")),
        "admin": (AdministratorFactory(), reverse("admin:index")),
    }


def test_pages__headers_and_no_inline_script_or_style(client, pages):
    for name, (user, url) in pages.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        assert_security_headers(response)
        assert inline_problems(response.content.decode()) == [], name


def test_not_found_page_has_the_headers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_file_download_has_the_headers(client):
    worker = WorkerFactory()
    client.force_login(worker.user)
    response = client.get(reverse("workers:my-data-json"))
    assert response.status_code == 200
    assert_security_headers(response)
    assert response["Content-Disposition"].startswith("attachment;")


def test_hsts_on_https(client):
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_static_files_keep_their_cache(client):
    """The no-store rule is for dynamic pages; static files are served before it."""
    response = client.get(settings.STATIC_URL + "js/jobcenter.js")
    if response.status_code == 200:  # served by WhiteNoise's finders in tests
        assert "no-store" not in response.get("Cache-Control", "")


def test_session_cookie_is_httponly_and_samesite(client):
    """A response that starts a session (the login-code request keeps its state in the session)."""
    WorkerFactory(user__email="cookie@example.org")
    response = client.post(reverse("account_request_login_code"), {"email": "cookie@example.org"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_production_cookies_are_secure_host_only():
    """With HTTPS (production settings) the cookies are Secure and carry the __Host- prefix."""
    import json

    from tests.support.processes import production_env, run

    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_DOMAIN, s.SECURE_HSTS_SECONDS]))"
    )
    result = run(["-c", script], production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == ["__Host-sessionid", "__Host-csrftoken", True, True, True, None, 31536000]


# --- Templates: nothing a strict CSP would block ---------------------------------------------------
def _web_templates() -> list[Path]:
    """Templates served as web pages: not emails (mail clients need inline styles) and not the PDFs
    (WeasyPrint renders them on the server; no browser applies the CSP)."""
    roots = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
    found = []
    for root in roots:
        for path in root.rglob("*.html"):
            relative = path.relative_to(root).as_posix()
            if relative.startswith("emails/") or "_pdf" in path.name or relative.endswith("pdf_style.html"):
                continue
            found.append(path)
    return found


def test_templates_have_no_inline_script_style_or_handlers():
    templates = _web_templates()
    assert len(templates) > 40
    problems = {}
    for path in templates:
        # Template tags removed, so `{% if %}` inside a tag doesn't confuse the parser.
        text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", "x", path.read_text(encoding="utf-8"), flags=re.S)
        found = inline_problems(text)
        if found:
            problems[str(path.relative_to(ROOT))] = found
    assert problems == {}


def test_scripts_live_in_static_js():
    scripts = set(
        re.findall(r"""<script[^>]*src="{% static '([^']+)' %}""", (ROOT / "templates/base.html").read_text())
    )
    assert scripts == {"vendor/htmx.min.js", "js/jobcenter.js"}
    for script in scripts:
        assert (ROOT / "static" / script).is_file() or script.startswith("vendor/")


def test_htmx_is_configured_for_the_csp():
    """htmx would inject an inline <style> for its indicators and evaluate hx-on code."""
    html = (ROOT / "templates/base.html").read_text()
    assert '"includeIndicatorStyles":false' in html.replace(" ", "")
    assert '"allowEval":false' in html.replace(" ", "")
