"""The demo holds paths for a few workers and the follow-up items of its recent gigs (the issue's
"the follow-up items appear after a demo gig"), made through the services, and a second run adds none."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from orders.models import FollowUpKind, GigFollowUp
from workers.models_paths import WorkerPathStep

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path):
    """As in test_seed_demo.py: DEBUG on (the command refuses otherwise), a fast hasher, media in tmp."""
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "incomes-register-outbox"


def test_demo_has_follow_up_items_and_paths():
    call_command("seed_demo", stdout=StringIO())
    reviews = GigFollowUp.objects.filter(kind=FollowUpKind.REVIEW)
    assert reviews.exists()
    assert reviews.filter(done_at__isnull=False).exclude(note="").count() == 1
    assert GigFollowUp.objects.filter(kind=FollowUpKind.PREPARE).exists()
    assert WorkerPathStep.objects.filter(kind__is_outcome=True).exists()
    counts = (GigFollowUp.objects.count(), WorkerPathStep.objects.count())

    call_command("seed_demo", stdout=StringIO())
    assert (GigFollowUp.objects.count(), WorkerPathStep.objects.count()) == counts
