"""DATA-1: the data inventory is executable. Every field of every project model has a class."""

from __future__ import annotations

from jobcenter import data_inventory
from jobcenter.data_inventory import CLASSES, INVENTORY, SECRET, SPECIAL, fields_of_class


def test_data_inventory__every_field_of_every_project_model_is_classified():
    missing = data_inventory.unclassified()

    assert not missing, (
        "These model fields have no class in jobcenter/data_inventory.py (public, personal, special, "
        "financial or secret). Add a line for each in INVENTORY:\n  " + "\n  ".join(missing)
    )


def test_data_inventory__has_no_entries_for_fields_that_are_gone():
    gone = data_inventory.stale()

    assert not gone, "Remove these from jobcenter/data_inventory.py INVENTORY:\n  " + "\n  ".join(gone)


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
    assert ("billing.WorkerTaxInfo", "withholding_percent") not in special | secret
    assert INVENTORY["billing.WorkerTaxInfo"]["withholding_percent"] == "financial"
