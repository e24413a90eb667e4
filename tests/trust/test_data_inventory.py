"""The data inventory is executable: every field of every project model has a class.

The classes are declared by each app in its `privacy.py` and merged by `jobcenter.privacy`."""

from __future__ import annotations

from jobcenter import privacy
from jobcenter.privacy import CLASSES, INVENTORY, SECRET, SPECIAL, fields_of_class


def test_data_inventory__every_field_of_every_project_model_is_classified():
    missing = privacy.unclassified()

    assert not missing, (
        "These model fields have no class (public, personal, special, financial or secret). Add a line "
        "for each to the inventory in the privacy.py of the model's app:\n  " + "\n  ".join(missing)
    )


def test_data_inventory__has_no_entries_for_fields_that_are_gone():
    gone = privacy.stale()

    assert not gone, "Remove these from the inventory in the privacy.py of their app:\n  " + "\n  ".join(gone)


def test_data_inventory__uses_only_the_five_classes():
    wrong = [
        f"{label}.{name}={cls}"
        for label, fields in INVENTORY.items()
        for name, cls in fields.items()
        if cls not in CLASSES
    ]
    assert not wrong


def test_data_inventory__the_known_sensitive_fields_have_the_right_class():
    special = set(fields_of_class(SPECIAL))
    secret = set(fields_of_class(SECRET))

    assert ("workers.Worker", "support_needs") in special
    assert ("jobcenter.User", "password") in secret
    assert ("workers.AccessLogEntry", "reason") in fields_of_class("personal")
    assert ("billing.WorkerTaxInfo", "withholding_percent") not in special | secret
    assert INVENTORY["billing.WorkerTaxInfo"]["withholding_percent"] == "financial"


def test_data_inventory__a_field_nobody_classified_is_reported(monkeypatch):
    """The check bites: drop one field's line, and a whole model's entry, and both are reported."""
    without_support_needs = {k: v for k, v in INVENTORY["workers.Worker"].items() if k != "support_needs"}
    monkeypatch.setitem(INVENTORY, "workers.Worker", without_support_needs)
    monkeypatch.delitem(INVENTORY, "units.UnitMembership")

    missing = privacy.unclassified()

    assert "workers.Worker.support_needs" in missing
    assert {"units.UnitMembership.user", "units.UnitMembership.role"} <= set(missing)
    assert "workers.Worker.home_unit" not in missing


def test_data_inventory__covers_every_app_of_the_project_whether_or_not_it_registers():
    """Project apps are found by where they live, not from a list: a new app's models are checked too."""
    labels = {model._meta.app_label for model in privacy.project_models()}

    assert {"jobcenter", "units", "workers", "orders", "billing", "benefits"} <= labels
    assert not {"auth", "account", "mfa", "sessions", "contenttypes", "admin"} & labels


def test_data_inventory__a_stale_entry_is_reported(monkeypatch):
    monkeypatch.setitem(INVENTORY, "workers.Worker", INVENTORY["workers.Worker"] | {"shoe_size": "personal"})
    monkeypatch.setitem(INVENTORY, "workers.Gone", {"id": "public"})

    assert {"workers.Worker.shoe_size", "workers.Gone"} <= set(privacy.stale())
