"""Every workspace URL of calls × every role, including staff of another organisation.

Removing a scoping filter (managed_by, carrier=…, reviewer=…) makes one of these fail.
"""

import pytest
from django.urls import reverse

ROLES = [
    "anonymous",
    "staff",
    "other_staff",
    "carrier",
    "other_carrier",
    "reviewer",
    "other_expert",
    "candidate",
]
STAFF_ANY = {"staff": 200, "other_staff": 200}  # pages of one's own organisations (lists, creation forms)

# url name, object attribute of `world` (None for no argument), expected status per role (default 404
# for objects, 403 for staff-only pages without object).
GET_ROUTES = [
    ("calls:index", None, dict.fromkeys(ROLES[1:], 200), None),
    ("calls:call_create", None, STAFF_ANY, 403),
    ("calls:call", "call", {"staff": 200}, 404),
    ("calls:call_edit", "call", {"staff": 200}, 404),
    ("calls:committee", "call", {"staff": 200}, 404),
    ("calls:instruction", "application", {"staff": 200}, 404),
    ("calls:application", "application", {"carrier": 200}, 404),
    ("calls:review", "review", {"reviewer": 200}, 404),
    ("calls:needs", None, STAFF_ANY, 403),
    ("calls:need_create", None, STAFF_ANY, 403),
    ("calls:need", "need", {"staff": 200}, 404),
    ("calls:offers", None, STAFF_ANY, 403),
    ("calls:offer_create", None, STAFF_ANY, 403),
    ("calls:offer", "offer", {"staff": 200}, 404),
    ("calls:offer_edit", "offer", {"staff": 200}, 404),
    ("calls:candidacy", "candidacy", {"staff": 200}, 404),
    ("calls:my_candidacy", "candidacy", {"candidate": 200}, 404),
]

POST_ROUTES = [
    ("calls:call_transition", "call", {"name": "decide"}),
    ("calls:criterion_add", "call", {"label": "X", "weight": 1}),
    ("calls:question_add", "call", {"label": "X", "kind": "text"}),
    ("calls:review_assign", "application", {}),
    ("calls:decide", "application", {"decision": "accept", "feedback": "Bravo"}),
    ("calls:application_withdraw", "application", {}),
    ("calls:review_conflict", "review", {"conflict_reason": "Je connais"}),
    ("calls:need_transition", "need", {"name": "drop"}),
    ("calls:offer_transition", "offer", {"name": "close"}),
    ("calls:candidacy_transition", "candidacy", {"name": "reject"}),
    ("calls:my_candidacy_withdraw", "candidacy", {}),
]
# Who may POST to each route (they get a redirect; everyone else a 404).
POST_ALLOWED = {
    "calls:application_withdraw": "carrier",
    "calls:review_conflict": "reviewer",
    "calls:my_candidacy_withdraw": "candidate",
}


def _client(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _url(world, name, attr):
    return reverse(name, args=[getattr(world, attr).pk]) if attr else reverse(name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "attr", "expected", "default"), GET_ROUTES, ids=[r[0] for r in GET_ROUTES])
def test_get_matrix(client, world, role, name, attr, expected, default):
    url = _url(world, name, attr)
    response = _client(client, world, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/compte/connexion/?next={url}"
    else:
        assert response.status_code == expected.get(role, default)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "attr", "data"), POST_ROUTES, ids=[r[0] for r in POST_ROUTES])
def test_post_matrix(client, world, role, name, attr, data):
    url = _url(world, name, attr)
    response = _client(client, world, role).post(url, data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/connexion/")
    elif POST_ALLOWED.get(name, "staff") == role:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("name", "attr", "data"), POST_ROUTES, ids=[r[0] for r in POST_ROUTES])
def test_post_only_routes_refuse_get(client, world, name, attr, data):
    client.force_login(world.staff)
    assert client.get(_url(world, name, attr)).status_code == 405


@pytest.mark.parametrize(("name", "attr", "expected", "default"), GET_ROUTES, ids=[r[0] for r in GET_ROUTES])
def test_wrong_method(client, world, name, attr, expected, default):
    client.force_login(world.staff)
    assert client.delete(_url(world, name, attr)).status_code == 405
