"""Reading the settings' environment variables: the four readers both settings modules use
(`jobcenter/settings.py`, `jobcenter/settings_jobcenter.py`). The test run finds the variables by
these names (tests/settings.py), so a setting read any other way would escape it."""

from __future__ import annotations

import os


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
