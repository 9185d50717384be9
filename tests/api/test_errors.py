"""One shape for every error: unknown addresses, wrong methods, bad input, failures, languages."""

import logging

import pytest
from django.test import Client
from django.utils import translation
from pydantic import ValidationError as PydanticValidationError

from essaim.api.errors import field_name, validation_errors
from essaim.api.schemas.types import Body, Date, StrictBool, bounded_int, text
from essaim.core.dates import latest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/", "/api/v1/nulle-part", "/api/v1/programmes/a/b/c", "/api/v1/territories/region", "/api/v2/x"],
)
def test_unknown_address_is_json_404(client, path):
    response = client.get(path)
    if path.startswith("/api/v2"):
        assert response.status_code == 404  # outside the API: the site's own page
        return
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f"Point d'accès inconnu : {path}", "errors": {}}


def test_unknown_address_unsafe_method_is_json_404_not_csrf_or_login(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/api/v1/nulle-part")
    assert response.status_code == 404
    assert response.json()["detail"] == "Point d'accès inconnu : /api/v1/nulle-part"


def test_public_endpoint_is_not_redirected_to_login(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_wrong_method_is_json_405(client):
    response = client.patch("/api/v1/health")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {
        "detail": "Méthode HTTP non autorisée pour cette adresse. Méthodes acceptées : GET",
        "errors": {},
    }


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/programmes?q=a%00b", "q"),
        ("/api/v1/programmes?territory=departement:34%00", "territory"),
        ("/api/v1/territories?q=%00", "q"),
        ("/api/v1/programmes/abc%00", "path"),
        ("/api/v1/territories/departement/3%004", "path"),
    ],
)
def test_nul_character_is_400(client, url, field):
    # PostgreSQL refuses NUL in text: it must never reach a query.
    response = client.get(url)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Requête invalide.",
        "errors": {field: "Caractère nul (\\x00) non autorisé."},
    }


@pytest.mark.urls("tests.api.broken_urls")
def test_unexpected_exception_is_json_500_and_logged(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="essaim.api"):
        response = client.get("/broken/boom")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Erreur interne du serveur. L'incident a été enregistré.",
        "errors": {},
    }
    [record] = [r for r in caplog.records if r.name == "essaim.api"]
    assert record.getMessage() == "Erreur inattendue sur GET /broken/boom"
    assert record.exc_info[1].args == ("panne simulée",)


def test_french_by_default_english_on_request(client):
    french = client.get("/api/v1/nulle-part")
    assert french["Content-Language"] == "fr"
    assert french.json()["detail"] == "Point d'accès inconnu : /api/v1/nulle-part"
    english = client.get("/api/v1/nulle-part", headers={"Accept-Language": "en"})
    assert english["Content-Language"] == "en"
    assert english.json() == {"detail": "Unknown endpoint: /api/v1/nulle-part", "errors": {}}


def test_field_errors_in_english(client):
    response = client.get("/api/v1/programmes", {"page": "0", "kind": "x"}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid parameters."
    assert body["errors"]["page"] == "Page number expected: an integer greater than or equal to 1."


@pytest.mark.parametrize(
    ("loc", "name"),
    [
        (("query", "page"), "page"),
        (("path", "token_id"), "token_id"),
        (("body", "payload", "email"), "email"),
        (("body", "payload", "items", 0, "name"), "items.0.name"),
        (("body", "payload"), "payload"),
        ((), "body"),
    ],
)
def test_field_name(loc, name):
    assert field_name(loc) == name


def test_validation_errors_messages():
    errors = [
        {"loc": ("query", "a"), "type": "missing"},
        {"loc": ("query", "b"), "type": "less_than_equal", "ctx": {"le": 100}},
        {"loc": ("query", "c"), "type": "something_new"},
        {"loc": ("query", "a"), "type": "int_parsing"},  # the first message per field is kept
    ]
    with translation.override("fr"):
        messages = validation_errors(errors)
    assert messages == {
        "a": "Ce champ est obligatoire.",
        "b": "La valeur doit être inférieure ou égale à 100.",
        "c": "Valeur invalide.",
    }


# --- Input that once answered 500 or was accepted against the OpenAPI document ---------------


@pytest.fixture
def meetings(db):
    from essaim.accounts.services import token_create
    from tests.factories.accompaniment import build_world

    world = build_world()
    _token, clear = token_create(user=world.member_a, name="test")
    return f"/api/v1/projects/{world.project_a.pk}/meetings", {"Authorization": f"Bearer {clear}"}


def test_lone_surrogate_in_json_is_400_and_saves_nothing(client, meetings):
    from essaim.accompaniment.models import Meeting

    url, headers = meetings
    body = b'{"date": "2024-01-02", "duration_minutes": 30, "topics": "Prix \\ud800"}'
    response = client.post(url, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Requête invalide.",
        "errors": {"topics": "Caractère invalide : demi-paire UTF-16 (\\ud800–\\udfff) isolée."},
    }
    # A valid pair (an emoji written as two escapes) is text like any other.
    body = b'{"date": "2024-01-02", "duration_minutes": 30, "topics": "Prix \\ud83d\\ude00"}'
    response = client.post(url, body, content_type="application/json", headers=headers)
    assert response.status_code == 201
    assert list(Meeting.objects.values_list("topics", flat=True)) == ["Prix \U0001f600"]


def test_lone_surrogate_in_a_key_or_a_list(client, meetings):
    url, headers = meetings
    response = client.post(url, b'["\\udc00"]', content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]
    response = client.post(url, b'{"\\udc00": 1}', content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["?"]


class _Typed(Body):
    day: Date
    minutes: bounded_int(1, 1440, "La durée doit être comprise entre 1 minute et 24 heures.")
    flag: StrictBool = False
    name: text(required=True) = "x"


def _errors(**data) -> dict[str, str]:
    try:
        _Typed.model_validate({"day": "2024-01-02", "minutes": 30, **data})
    except PydanticValidationError as exc:
        with translation.override("fr"):
            return validation_errors([{**e, "loc": ("body", "payload", *e["loc"])} for e in exc.errors()])
    return {}


# The last plausible date is ten years from today (essaim.core.dates.latest).
IMPLAUSIBLE = f"Date invraisemblable : elle doit être comprise entre le 01/01/1900 et le {latest():%d/%m/%Y}."


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {}),
        ({"day": "0001-01-01"}, {"day": IMPLAUSIBLE}),
        ({"day": "9999-12-31"}, {"day": IMPLAUSIBLE}),
        ({"day": "1899-12-31"}, {"day": IMPLAUSIBLE}),
        ({"day": 0}, {"day": "Une date AAAA-MM-JJ est attendue."}),  # lax pydantic: 1970-01-01
        ({"minutes": "30"}, {"minutes": "Un nombre entier est attendu."}),
        ({"minutes": 30.5}, {"minutes": "Un nombre entier est attendu."}),
        ({"minutes": 30.0}, {}),  # JSON Schema's integer: no fractional part
        ({"minutes": True}, {"minutes": "Un nombre entier est attendu."}),
        ({"minutes": 10**27}, {"minutes": "La durée doit être comprise entre 1 minute et 24 heures."}),
        ({"flag": 0}, {"flag": "Une valeur booléenne est attendue (true ou false)."}),
        ({"name": "   "}, {"name": "Ce champ ne peut pas être vide."}),
    ],
)
def test_strict_types_refuse_what_openapi_refuses(data, errors):
    assert _errors(**data) == errors


@pytest.mark.parametrize("body", [[None, None], "texte", 3, None])
def test_a_body_is_a_json_object(body):
    with pytest.raises(PydanticValidationError) as exc:
        _Typed.model_validate(body)
    assert exc.value.errors()[0]["ctx"] == {"message": "Un objet JSON est attendu."}


def test_strict_types_in_openapi():
    from essaim.core.dates import DATE_PATTERN

    properties = _Typed.model_json_schema()["properties"]
    assert properties["day"] == {"type": "string", "format": "date", "pattern": DATE_PATTERN, "title": "Day"}
    assert properties["minutes"] == {"type": "integer", "minimum": 1, "maximum": 1440, "title": "Minutes"}
    assert properties["flag"] == {"default": False, "title": "Flag", "type": "boolean"}
    assert properties["name"] == {"default": "x", "pattern": "\\S", "title": "Name", "type": "string"}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_absurd_meeting_dates_are_400(client, meetings, day):
    from essaim.accompaniment.models import Meeting

    url, headers = meetings
    for payload, field in (
        ({"date": day, "duration_minutes": 30}, "date"),
        ({"date": "2024-01-02", "duration_minutes": 30, "next_meeting_on": day}, "next_meeting_on"),
    ):
        response = client.post(url, payload, content_type="application/json", headers=headers)
        assert (response.status_code, response.json()["errors"]) == (400, {field: IMPLAUSIBLE})
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        (
            {"duration_minutes": 10**27},
            {"duration_minutes": "La durée doit être comprise entre 1 minute et 24 heures."},
        ),
        ({"duration_minutes": "30"}, {"duration_minutes": "Un nombre entier est attendu."}),
        ({"date": 1700000000}, {"date": "Une date AAAA-MM-JJ est attendue."}),
    ],
)
def test_meeting_body_is_checked_as_openapi_says(client, meetings, payload, errors):
    url, headers = meetings
    body = {"date": "2024-01-02", "duration_minutes": 30, **payload}
    response = client.post(url, body, content_type="application/json", headers=headers)
    assert (response.status_code, response.json()["errors"]) == (400, errors)
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["MeetingIn"]["properties"]
    assert (schema["duration_minutes"]["minimum"], schema["duration_minutes"]["maximum"]) == (1, 1440)


def test_optional_fields_that_refuse_null_are_not_nullable_in_openapi(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    patch = schemas["MeetingPatch"]["properties"]
    assert patch["topics"] == {"title": "Topics", "type": "string"}
    minutes = {"title": "Duration Minutes", "type": "integer", "minimum": 1, "maximum": 1440}
    assert patch["duration_minutes"] == minutes
    assert patch["next_meeting_on"]["anyOf"][1] == {"type": "null"}  # this one may be cleared
