"""The data inventory of the accessibility feedback (see `jobcenter.privacy.inventory`)."""

from jobcenter.privacy.inventory import PERSONAL, PUBLIC, register_inventory

register_inventory(
    {
        "jobcenter.AccessibilityFeedback": {
            "id": PUBLIC,
            "received_at": PUBLIC,
            "name": PERSONAL,
            "email": PERSONAL,
            "page_url": PUBLIC,
            # Free text: a person may write about their disability or assistive technology.
            "message": PERSONAL,
            "language": PUBLIC,
            "answered_at": PUBLIC,
            "answered_by": PERSONAL,
            "answer_note": PERSONAL,
        }
    }
)
