"""The figures API's one NinjaAPI instance: token authentication on every operation, the error
handlers, and the OpenAPI document at `openapi.json` (no interactive docs page: see `web.api`)."""

from __future__ import annotations

from ninja import NinjaAPI

from web.api.auth import FiguresToken
from web.api.errors import install_error_handlers
from web.api.figures import router
from web.api.outcomes import router as outcomes_router

api = NinjaAPI(
    title="Jobcenter figures",
    version="1",
    description=(
        "Read-only aggregate figures of the Jobcenter for the city's reporting. No personal data; groups of "
        "fewer than five people are suppressed. Send a token from the administrator as "
        "`Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
    docs_url=None,
    auth=FiguresToken(),
)
install_error_handlers(api)
api.add_router("", router)
api.add_router("", outcomes_router)
