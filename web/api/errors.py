"""The API's errors: one JSON shape for all of them, `{"detail": ..., "code": ..., "errors": [...]}`.

`detail` is for a person, in the language of the request's Accept-Language (Finnish by default: the
site's LocaleMiddleware gives every address without a language prefix Finnish, so the messages stay
lazy until `respond` renders them in the request's language); `code` is for the reporting system's
program and never changes with the language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    code: str
    errors: list[FieldError] = []


class Message:
    """A translatable message with its parameters, rendered only in `respond`."""

    def __init__(self, text, **params):
        self.text, self.params = text, params

    def __str__(self) -> str:
        return str(self.text) % self.params if self.params else str(self.text)


class ApiError(Exception):
    """`errors` are {"field": name, "message": a lazy string or a `Message`}."""

    def __init__(self, status: int, code: str, detail, errors: list[dict] | None = None, headers=None):
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail
        self.errors = errors or []
        self.headers = headers or {}


def _field_message(field: str):
    if field in ("start", "end"):
        return Message(_("Give %(field)s as a date YYYY-MM-DD."), field=field)
    if field == "service":
        return _("Give service as a whole number: an id from /api/v1/services/.")
    if field == "unit":
        return _("Give unit as a whole number: an id from /api/v1/units/.")
    return _("This value is not valid.")


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, error: ApiError) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request, check_path=False)):
            errors = [{"field": e["field"], "message": str(e["message"])} for e in error.errors]
            body = {"detail": str(error.detail), "code": error.code, "errors": errors}
        response = api.create_response(request, body, status=error.status)
        for name, value in error.headers.items():
            response[name] = value
        return response

    def on_api_error(request, exc: ApiError):
        return respond(request, exc)

    def on_missing_token(request, exc: AuthenticationError):
        # ninja raises this when the Authorization header is missing or is not "Bearer ...".
        return respond(
            request,
            ApiError(
                401,
                "token_missing",
                _("Send the API token in the header Authorization: Bearer <token>."),
                headers={"WWW-Authenticate": 'Bearer realm="figures"'},
            ),
        )

    def on_invalid_parameters(request, exc: ValidationError):
        fields = []
        for error in exc.errors:
            field = str(error.get("loc", ["", "?"])[-1])
            if field not in {f["field"] for f in fields}:
                fields.append({"field": field, "message": _field_message(field)})
        return respond(request, ApiError(400, "invalid_parameters", _("Check the parameters."), fields))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(AuthenticationError, on_missing_token)
    api.add_exception_handler(ValidationError, on_invalid_parameters)
