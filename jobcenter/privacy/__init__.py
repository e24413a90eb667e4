"""The privacy registry: what personal data each app holds, how it is exported and how it is retained.

The kernel knows no domain app, so each app declares its own part in its `privacy.py`, registered
from its `AppConfig.ready()`:

- its data inventory (`register_inventory`): the class of every field of its models;
- its sections of a worker's data export (`register_section`);
- its retention subjects and steps (`register_retention_subject`, `register_retention_step`, and
  the activity and holds that decide when a person is due).

This package merges them: `inventory` answers for the inventory test, `export` assembles the
export and renders it, `retention` runs the nightly anonymisation.
"""

from jobcenter.privacy.export import (
    COMMON_LABELS,
    DATA_EXPORT,
    EXPORT_FORMAT,
    SECTIONS,
    WITHHELD_REASON,
    ExportSection,
    build_worker_export,
    export_filename,
    export_for_display,
    export_json,
    register_section,
    render_export_pdf,
    sections,
)
from jobcenter.privacy.inventory import (
    CLASSES,
    FINANCIAL,
    INVENTORY,
    PERSONAL,
    PUBLIC,
    SECRET,
    SPECIAL,
    classification,
    fields_of_class,
    model_fields,
    project_models,
    register_inventory,
    stale,
    unclassified,
)
from jobcenter.privacy.retention import (
    ANONYMISED_DOMAIN,
    Anonymisation,
    RetentionReport,
    activity_expressions,
    anonymise,
    close_account,
    delete_files_on_commit,
    forget_emails_to,
    hold_conditions,
    latest,
    register_retention_activity,
    register_retention_hold,
    register_retention_step,
    register_retention_subject,
    retention_plan,
    retention_run,
    years_before,
)

__all__ = [
    "ANONYMISED_DOMAIN",
    "CLASSES",
    "COMMON_LABELS",
    "DATA_EXPORT",
    "EXPORT_FORMAT",
    "FINANCIAL",
    "INVENTORY",
    "PERSONAL",
    "PUBLIC",
    "SECRET",
    "SECTIONS",
    "SPECIAL",
    "WITHHELD_REASON",
    "Anonymisation",
    "ExportSection",
    "RetentionReport",
    "activity_expressions",
    "anonymise",
    "build_worker_export",
    "classification",
    "close_account",
    "delete_files_on_commit",
    "export_filename",
    "export_for_display",
    "export_json",
    "fields_of_class",
    "forget_emails_to",
    "hold_conditions",
    "latest",
    "model_fields",
    "project_models",
    "register_inventory",
    "register_retention_activity",
    "register_retention_hold",
    "register_retention_step",
    "register_retention_subject",
    "register_section",
    "render_export_pdf",
    "retention_plan",
    "retention_run",
    "sections",
    "stale",
    "unclassified",
    "years_before",
]
