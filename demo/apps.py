from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo and city-scale seed data (`manage.py seed_demo`, `manage.py seed_cityscale`). No models."""

    name = "demo"
    verbose_name = "Demo data"
