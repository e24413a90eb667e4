"""The data inventory of the API tokens (see `jobcenter.privacy.inventory`)."""

from jobcenter.privacy.inventory import PERSONAL, PUBLIC, SECRET, register_inventory

register_inventory(
    {
        "jobcenter.ApiToken": {
            "id": PUBLIC,
            # The reporting system's name, e.g. "City reporting": not a person.
            "name": PUBLIC,
            # Only a hash, yet it is what proves a token: never shown, never exported.
            "secret_hash": SECRET,
            "scope": PUBLIC,
            # Which administrator made the token, and when: about a person.
            "created_by": PERSONAL,
            "created_at": PERSONAL,
            "last_used_at": PUBLIC,
            "revoked_at": PUBLIC,
        }
    }
)
