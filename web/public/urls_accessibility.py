"""The accessibility statement and its feedback form (public, no login)."""

from django.urls import path

from web.public import accessibility

app_name = "accessibility"

urlpatterns = [
    path("", accessibility.statement, name="statement"),
    path("feedback/", accessibility.feedback, name="feedback"),
    path("feedback/sent/", accessibility.feedback_sent, name="feedback-sent"),
]
