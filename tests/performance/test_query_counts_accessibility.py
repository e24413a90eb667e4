"""The coordinator's accessibility feedback list makes the same number of queries for 2 or 40 messages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobcenter.feedback.services import accessibility_feedback_mark_answered, accessibility_feedback_submit
from tests.factories import CoordinatorFactory
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


def _messages(n: int, coordinator) -> None:
    for number in range(n):
        feedback = accessibility_feedback_submit(message=f"Viesti {number}", email=f"p{number}@example.fi")
        if number % 2:
            accessibility_feedback_mark_answered(feedback_id=feedback.pk, by=coordinator, note="Vastattu")


def test_accessibility_feedback_list__constant_queries(client, django_assert_max_num_queries):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    _messages(2, coordinator)

    assert_constant(
        client,
        reverse("coordinator:accessibility-feedback"),
        lambda: _messages(40, coordinator),
        ceiling=15,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
