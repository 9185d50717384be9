import pytest


@pytest.mark.django_db
def test_ping_is_public_and_tiny(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_ping_refuses_post(client):
    assert client.post("/ping").status_code == 405


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/ping")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
