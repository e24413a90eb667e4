from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages, grouped by audience (public, coordinator, unit, me, portal). No models."""

    name = "web"
    verbose_name = "Pages"
