"""Every URL pattern of the project, and the third-party ones the URL matrix leaves out (each with
its reason): the matrix's test fails on a pattern that is in neither."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns not in the matrix, each with the reason. Prefixes of URL names (namespace included).
ALLOWLIST: dict[str, str] = {
    "admin:": "Django admin internals: every admin page needs is_staff plus the second factor "
    "(jobcenter.middleware); the admin's own permission checks are Django's; tests/admin covers our ModelAdmins.",
    "<unnamed admin>": "Django admin's catch-all and redirect patterns (no name).",
    "account_": "allauth's own login, logout, password, email and code pages (third party, tested upstream; "
    "our settings are tested in tests/trust/test_auth_*.py).",
    "mfa_": "allauth's own second-factor pages (third party, tested upstream).",
    "set_language": "Django's language switch (i18n): a POST that sets a cookie, the same for everyone.",
}


def _name(prefix_ns: str | None, pattern: URLPattern) -> str | None:
    if pattern.name is None:
        return None
    return f"{prefix_ns}:{pattern.name}" if prefix_ns else pattern.name


def all_url_patterns(patterns=None, namespace=None, prefix=""):
    """(name or None, route) of every pattern of the project."""
    for item in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(item, URLResolver):
            ns = namespace
            if item.namespace:
                ns = f"{namespace}:{item.namespace}" if namespace else item.namespace
            yield from all_url_patterns(item.url_patterns, ns, prefix + str(item.pattern))
        else:
            yield _name(namespace, item), prefix + str(item.pattern)


def allowlisted(name: str | None, route: str) -> bool:
    if name is None:
        return route.startswith("admin/")
    return any(name.startswith(prefix) or name == prefix for prefix in ALLOWLIST if prefix != "<unnamed admin>")
