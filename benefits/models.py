"""Benefit rules, benefits profiles, consents and foresight arrive with the benefits issue."""
