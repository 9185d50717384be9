"""Every API error in one place and one shape.

Each 4xx/5xx body is `{"detail": "<message>", "errors": {"<field>": "<message>", ...}}`
(`errors` is empty when no single field is at fault). Messages go through gettext with the
French text as msgid, so `Accept-Language: en` gives English once translated.

Handlers raise `ApiError(status, detail, errors)` (or use `bad_request` / `not_found`);
ninja's own exceptions (validation, authentication, unreadable body, CSRF, throttling) and
Django's `Http404` / `PermissionDenied` are mapped here too. Anything else is logged and
answered with a JSON 500.
"""

import json
import logging

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from essaim.core.errors import PermissionDenied, field_errors, messages_of

logger = logging.getLogger("essaim.api")


class ApiError(Exception):
    """An error answered as JSON with this status, message and per-field messages."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.detail = str(detail)
        self.errors = {key: str(value) for key, value in (errors or {}).items()}
        self.headers = headers or {}
        super().__init__(status, self.detail)


def bad_request(errors: dict[str, str], detail: str | None = None) -> ApiError:
    """A 400 naming each bad field: `raise bad_request({"page": "..."})`."""
    return ApiError(400, detail or _("Paramètres invalides."), errors)


def unprocessable(errors: dict[str, str], detail: str | None = None) -> ApiError:
    """A 422: the request is as the OpenAPI document describes, the domain refuses it (an unknown
    place, a rule of a service). Decision 0021: a 400 means the document itself was not followed."""
    return ApiError(422, detail or (_("Paramètres invalides.") if errors else _("Demande refusée.")), errors)


def not_found(detail: str | None = None) -> ApiError:
    return ApiError(404, detail or _("Ressource introuvable."))


def error_response(
    status: int, detail: str, errors: dict[str, str] | None = None, headers: dict | None = None
) -> JsonResponse:
    response = JsonResponse({"detail": str(detail), "errors": dict(errors or {})}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# --- ninja validation errors → one message per field ---------------------------------

# pydantic error types → French message templates (placeholders from the error's ctx).
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("Ce champ est obligatoire."),
    "int_parsing": gettext_lazy("Un nombre entier est attendu."),
    "int_type": gettext_lazy("Un nombre entier est attendu."),
    "int_from_float": gettext_lazy("Un nombre entier est attendu."),
    "float_parsing": gettext_lazy("Un nombre est attendu."),
    "float_type": gettext_lazy("Un nombre est attendu."),
    "bool_parsing": gettext_lazy("Une valeur booléenne est attendue (true ou false)."),
    "bool_type": gettext_lazy("Une valeur booléenne est attendue (true ou false)."),
    "string_type": gettext_lazy("Une chaîne de caractères est attendue."),
    "string_too_short": gettext_lazy("Au moins %(min_length)s caractère(s)."),
    "string_too_long": gettext_lazy("Au plus %(max_length)s caractères."),
    "greater_than": gettext_lazy("La valeur doit être supérieure à %(gt)s."),
    "greater_than_equal": gettext_lazy("La valeur doit être supérieure ou égale à %(ge)s."),
    "less_than": gettext_lazy("La valeur doit être inférieure à %(lt)s."),
    "less_than_equal": gettext_lazy("La valeur doit être inférieure ou égale à %(le)s."),
    "literal_error": gettext_lazy("Valeur inconnue. Valeurs possibles : %(expected)s."),
    "enum": gettext_lazy("Valeur inconnue. Valeurs possibles : %(expected)s."),
    "dict_type": gettext_lazy("Un objet JSON est attendu."),
    "model_type": gettext_lazy("Un objet JSON est attendu."),
    "model_attributes_type": gettext_lazy("Un objet JSON est attendu."),
    "list_type": gettext_lazy("Une liste est attendue."),
    "json_invalid": gettext_lazy("JSON invalide."),
    "date_parsing": gettext_lazy("Une date AAAA-MM-JJ est attendue."),
    "date_from_datetime_parsing": gettext_lazy("Une date AAAA-MM-JJ est attendue."),
    "datetime_parsing": gettext_lazy("Une date et heure ISO 8601 est attendue."),
    "uuid_parsing": gettext_lazy("Un identifiant UUID est attendu."),
}


def field_name(loc) -> str:
    """ninja's error location → the name the client sent.

    `("query", "page")` → `page`; `("body", "payload", "email")` → `email` (the handler's
    argument name is not something the client knows); nested → `items.0.name`.
    """
    source, *rest = [str(part) for part in loc] or ["body"]
    if source == "body" and len(rest) > 1:
        rest = rest[1:]
    return ".".join(rest) or source


def field_message(error: dict) -> str:
    if error.get("type") == "essaim":  # essaim.api.schemas.types.people_error: already for people
        return str((error.get("ctx") or {}).get("message") or _("Valeur invalide."))
    template = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if template is None:
        return _("Valeur invalide.")
    ctx = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return str(template) % ctx if "%(" in str(template) else str(template)
    except (KeyError, ValueError):
        return _("Valeur invalide.")


def validation_errors(errors: list[dict]) -> dict[str, str]:
    result: dict[str, str] = {}
    for error in errors:
        result.setdefault(field_name(error.get("loc") or ()), field_message(error))
    return result


# --- ninja's English messages → ours --------------------------------------------------

NINJA_MESSAGES = {
    "Cannot parse request body": gettext_lazy("Corps de la requête illisible : un objet JSON est attendu."),
    "CSRF check Failed": gettext_lazy(
        "Vérification CSRF échouée : envoyez l'en-tête X-CSRFToken, ou authentifiez-vous par jeton."
    ),
    "Unauthorized": gettext_lazy(
        "Authentification requise : envoyez l'en-tête « Authorization: Bearer <jeton> »."
    ),
    "Forbidden": gettext_lazy("Accès refusé."),
    "Too many requests.": gettext_lazy("Trop de requêtes. Réessayez dans quelques instants."),
}

STATUS_MESSAGES = {
    400: gettext_lazy("Requête invalide."),
    401: NINJA_MESSAGES["Unauthorized"],
    403: gettext_lazy("Accès refusé."),
    404: gettext_lazy("Ressource introuvable."),
    405: gettext_lazy("Méthode HTTP non autorisée pour cette adresse."),
    422: gettext_lazy("Demande refusée."),
    429: NINJA_MESSAGES["Too many requests."],
}


def _http_error_message(exc: HttpError) -> str:
    message = str(exc)
    for english, french in NINJA_MESSAGES.items():
        if message.startswith(english):
            return str(french)
    return message or str(STATUS_MESSAGES.get(exc.status_code, _("Requête invalide.")))


# --- handlers -------------------------------------------------------------------------


def _on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.detail, exc.errors, exc.headers)


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(400, _("Paramètres invalides."), validation_errors(exc.errors))


def _on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(401, _http_error_message(exc), headers={"WWW-Authenticate": "Bearer"})


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    headers = {}
    wait = getattr(exc, "wait", None)
    if exc.status_code == 429 and wait:
        headers["Retry-After"] = str(int(wait))
    return error_response(exc.status_code, _http_error_message(exc), headers=headers)


def _on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, STATUS_MESSAGES[404])


def _on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, str(exc) or STATUS_MESSAGES[403])


def _on_service_refusal(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service's `ValidationError` (a rule of the domain): 422 (decision 0021)."""
    errors = {k: v for k, v in field_errors(exc).items() if k != NON_FIELD_ERRORS}
    detail = " ".join(messages_of(exc)) if not errors else _("Paramètres invalides.")
    return error_response(422, detail, errors)


def _on_exception(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Erreur inattendue sur %s %s", request.method, request.path, exc_info=exc)
    return error_response(500, _("Erreur interne du serveur. L'incident a été enregistré."))


def install(api: NinjaAPI) -> None:
    """Register every handler on the API (the most specific class wins)."""
    api.add_exception_handler(Exception, _on_exception)
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(AuthenticationError, _on_authentication_error)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(Http404, _on_404)
    api.add_exception_handler(PermissionDenied, _on_permission_denied)
    api.add_exception_handler(DjangoValidationError, _on_service_refusal)


# --- plain Django views for what ninja does not route ------------------------------


def not_found_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any address under /api/v1/ that no endpoint serves."""
    return error_response(404, _("Point d'accès inconnu : %(path)s") % {"path": request.path})


not_found_view.csrf_exempt = True
not_found_view.login_required = False


def method_not_allowed(response: HttpResponse) -> HttpResponse:
    """ninja answers a wrong method with a bare text 405: give it our JSON body."""
    allowed = response.get("Allow", "")
    return error_response(
        405,
        _("Méthode HTTP non autorisée pour cette adresse. Méthodes acceptées : %(methods)s")
        % {"methods": allowed},
        headers={"Allow": allowed},
    )


NUL_MESSAGE = gettext_lazy("Caractère nul (\\x00) non autorisé.")


def nul_character_fields(request: HttpRequest) -> list[str]:
    """Where the request carries a NUL character: query parameters, the path, a JSON body.

    PostgreSQL refuses NUL in text with an exception: such input is a 400 before any query.
    """
    fields = [
        name.replace("\x00", "")
        for name, values in request.GET.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    ]
    if "\x00" in request.path:
        fields.append("path")
    if request.content_type == "application/json" and (b"\\u0000" in request.body or b"\x00" in request.body):
        fields.append("body")
    return fields


SURROGATE_MESSAGE = gettext_lazy("Caractère invalide : demi-paire UTF-16 (\\ud800–\\udfff) isolée.")


def lone_surrogate_fields(request: HttpRequest) -> list[str]:
    """Top-level keys of a JSON body holding a lone surrogate escape (`"\\ud800"`).

    `json.loads` accepts them, but no UTF-8 text can hold them: the database driver would fail
    on them with a UnicodeEncodeError. Such a body is a 400 before the handler runs.
    """
    if request.content_type != "application/json" or b"\\u" not in request.body:
        return []
    try:
        data = json.loads(request.body)
    except ValueError:
        return []  # ninja answers an unreadable body itself
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
        return []
    except UnicodeEncodeError:
        pass
    if not isinstance(data, dict):
        return ["body"]
    bad = [
        key
        for key, value in data.items()
        if _unencodable(key) or _unencodable(json.dumps(value, ensure_ascii=False))
    ]
    return [key.encode("utf-8", "replace").decode("utf-8") for key in bad] or ["body"]


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True
