"""The data inventory of the calendar feeds (see `jobcenter.privacy.inventory`)."""

from jobcenter.privacy.inventory import PERSONAL, PUBLIC, SECRET, register_inventory

register_inventory(
    {
        "jobcenter.CalendarFeed": {
            "id": PUBLIC,
            "user": PERSONAL,
            # Whoever has it reads the person's gigs without logging in: an authentication secret.
            "token": SECRET,
            "created_at": PERSONAL,
            "revoked_at": PERSONAL,
        }
    }
)
