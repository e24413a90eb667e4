"""AUTHZ-1/2: every URL of the project x every role gets the response that tests/support/url_matrix.py
(`MATRIX`) says.

`test_every_url_pattern_has_a_matrix_entry` walks `get_resolver()` and fails on a pattern without
an entry: add the new URL to MATRIX (or, for third-party pages only, to ALLOWLIST with a reason).
Each cell (URL x role) is its own test id: `test_url_matrix[units:worker-staff_y]`.

Staff log in with the second factor done (`tests.factories.auth.login_staff`), workers and client
contacts with a plain session (as after an emailed code).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.auth import login_staff
from tests.support.url_matrix import (
    LOGIN,
    MATRIX,
    ROLES,
    STAFF_ROLES,
    all_url_patterns,
    allowlisted,
    world,  # noqa: F401 - the fixture
)


def test_every_url_pattern_has_a_matrix_entry():
    missing = sorted(
        {f"{name or '(no name)'}  ({route})" for name, route in all_url_patterns() if not allowlisted(name, route)}
        - {f"{name}  ({route})" for name, route in all_url_patterns() if name in MATRIX}
    )
    assert not missing, (
        "These URL patterns have no entry in tests/support/url_matrix.py MATRIX. Add one per URL: the "
        "method, the side-A objects it needs and the expected response of every role (AUTHZ-1/2):\n  "
        + "\n  ".join(missing)
    )


def test_matrix_has_no_entries_for_urls_that_are_gone():
    names = {name for name, _route in all_url_patterns()}
    assert not sorted(set(MATRIX) - names)


def test_matrix_size():
    """The number of cells, printed for the report (pytest -s)."""
    count = len(MATRIX) * len(ROLES)
    print(f"\nURL matrix: {len(MATRIX)} URLs x {len(ROLES)} roles = {count} cells")
    assert count >= 9 * 70


def _cases():
    for name in MATRIX:
        for role in ROLES:
            yield pytest.param(name, role, id=f"{name}-{role}")


def _outcome(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        return LOGIN if location.split("?")[0].endswith(reverse("account_login")) else 302
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), list(_cases()))
def test_url_matrix(world, client, name, role):  # noqa: F811 - `world` is the imported fixture
    entry = MATRIX[name]
    user = world.users[role]
    if user is not None:
        if role in STAFF_ROLES:
            login_staff(client, user)
        else:
            client.force_login(user)
    url = reverse(name, kwargs=entry.kwargs(world))

    response = getattr(client, entry.method.lower())(url, entry.data(world))

    expected = entry.expected[role]
    got = _outcome(response)
    assert got == expected, f"{entry.method} {url} as {role}: expected {expected}, got {got}" + (
        f" -> {response['Location']}" if response.status_code == 302 else ""
    )


# --- The other method: a visitor never gets past the gate with it either (AUTHZ-1) ----------------
PUBLIC_NAMES = {name for name, entry in MATRIX.items() if entry.expected["anon"] != LOGIN}


def _other_method_cases():
    for name, entry in MATRIX.items():
        if name not in PUBLIC_NAMES:
            yield pytest.param(name, id=f"{name}-anon-{'GET' if entry.method == 'POST' else 'POST'}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_other_method_cases()))
def test_url_matrix__a_visitor_with_the_other_method_goes_to_login_or_is_refused(world, client, name):  # noqa: F811
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world))

    response = client.get(url) if entry.method == "POST" else client.post(url, {})

    assert _outcome(response) in {LOGIN, 403, 404, 405}, f"{url}: {_outcome(response)}"


# --- Static check: views never fetch an object by id without the user's scope (AUTHZ-2) ----------
import re  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
UNSCOPED = [
    re.compile(r"get_object_or_404\(\s*[A-Z]\w*\s*(,|\.objects)"),  # get_object_or_404(Model, pk=...)
    re.compile(r"\b[A-Z]\w*\.objects\b.*\.(get|filter)\((pk|id)="),  # Model.objects....get(pk=...)
]
# (file, a piece of the line): why the lookup is scoped although it reads like it is not.
UNSCOPED_ALLOWLIST = {
    ("web/coordinator/payouts.py", "get_object_or_404(Payout, pk=pk)"): "coordinator-only page; coordinators see "
    "every payout (coordinator_required gate)",
    ("web/coordinator/payouts.py", "get_object_or_404(Worker.objects"): "coordinator-only tax page; coordinators "
    "see every worker (CoordinatorRequiredMixin)",
    ("web/me/views.py", ".get(pk=gig.assignment_id, worker=request.worker)"): "scoped by worker=request.worker",
    ("web/public/views.py", ".filter(pk=pk).first()"): "after the check that this browser session sent the order",
    ("web/public/views.py", ".filter(pk=link.order_id).first()"): "the id comes from a signed feedback link",
    ("web/public/terms.py", ".filter(pk=link.order_id).first()"): "the id comes from a signed terms link",
    ("web/public/client_orders.py", ".filter(pk=order_id).first()"): "the id comes from the order's signed client link",
}


def _view_modules():
    """Every module of the pages (web/) and the kernel's own views: the domain apps have no pages."""
    yield from sorted((ROOT / "web").rglob("*.py"))
    yield from sorted((ROOT / "jobcenter").glob("views*.py"))


def test_views_never_fetch_objects_by_id_without_a_scope():
    found = []
    for path in _view_modules():
        relative = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not any(pattern.search(line) for pattern in UNSCOPED):
                continue
            if any(file == relative and piece in line for file, piece in UNSCOPED_ALLOWLIST):
                continue
            found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, (
        "Views must read objects through a selector scoped to the user (out of scope -> 404), not by id "
        "alone. Use a `<entity>_get_for(user=..., pk=...)` selector, or add the line to "
        "UNSCOPED_ALLOWLIST in tests/trust/test_url_matrix.py with the reason it is safe:\n  " + "\n  ".join(found)
    )


def test_views_static_check__allowlist_has_no_stale_entries():
    lines = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in _view_modules()}
    stale = [f"{file}: {piece}" for file, piece in UNSCOPED_ALLOWLIST if piece not in lines.get(file, "")]
    assert not stale, "Remove from UNSCOPED_ALLOWLIST (the line is gone):\n  " + "\n  ".join(stale)
