"""Reads for the front page. Each panel lists what the user's role may see."""

from __future__ import annotations


def home_panels_for(*, user, roles) -> list[dict]:
    return []
