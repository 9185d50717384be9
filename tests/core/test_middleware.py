"""One mapping of the service errors: a page for the web, JSON for the API."""

import html

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.refusing_urls")]


def test_an_uncaught_refusal_is_a_400_page_with_its_message(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/refused/")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Le plan de financement n'est pas bouclé." in page
    assert "<h1>Action impossible</h1>" in page


def test_permission_denied_is_the_403_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/forbidden/")
    assert response.status_code == 403


def test_api_maps_the_same_pair_to_json(client):
    """A service's refusal is a 422 in the API (decision 0021: the request followed the document,
    the domain refused it); the web shows the 400 page."""
    response = client.get("/api/refused")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Paramètres invalides.",
        "errors": {"amount": "Montant trop grand.", "date": "Date absurde."},
    }
    response = client.get("/api/refused-state")
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "Action impossible dans cet état.", "errors": {}},
    )
    response = client.get("/api/forbidden")
    assert (response.status_code, response.json()["detail"]) == (403, "Pas pour vous.")
