"""`/api/v1/` (included by the root URLconf): the figures API's operations and its OpenAPI document.

URL names: `api:figures`, `api:services`, `api:units`, `api:openapi-json`."""

from django.urls import path

from web.api.api import api

urlpatterns = [path("", api.urls)]
