"""Every workspace URL of calls × every role, including staff of another organisation.

Removing a scoping filter (managed_by, carrier=…, reviewer=…) or a predicate makes one of these
fail: a refused actor gets a 404 (or a 403 when they may see the object) and changes nothing.
"""

import pytest
from django.contrib.messages import get_messages
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
    # those who see the application (its carrier, its reviewer) may not instruct it: 403
    ("calls:instruction", "application", {"staff": 200, "carrier": 403, "reviewer": 403}, 404),
    ("calls:application", "application", {"carrier": 200}, 404),
    ("calls:review", "review", {"reviewer": 200}, 404),
    ("calls:needs", None, STAFF_ANY, 403),
    ("calls:need_create", None, STAFF_ANY, 403),
    ("calls:need", "need", {"staff": 200}, 404),
    ("calls:offers", None, STAFF_ANY, 403),
    ("calls:offer_create", None, STAFF_ANY, 403),
    # a published offer is public: everyone sees it, only its staff manage it (403)
    ("calls:offer", "offer", {"staff": 200}, 403),
    ("calls:offer_edit", "offer", {"staff": 200}, 403),
    ("calls:candidacy", "candidacy", {"staff": 200, "candidate": 403}, 404),
    ("calls:my_candidacy", "candidacy", {"candidate": 200}, 404),
]


def _state(attr):
    return lambda world: type(getattr(world, attr)).objects.get(pk=getattr(world, attr).pk).state


# url name, object, data, the role allowed (a redirect), the roles that see the object but may
# not act (403; everyone else 404), what the POST changes, its value after the allowed POST, the
# message flashed to the allowed actor when a rule of the domain refuses the action.
POST_ROUTES = [
    (
        "calls:call_transition",
        "call",
        {"name": "decide"},
        "staff",
        (),
        _state("call"),
        "review",
        "Des candidatures déposées attendent encore une décision.",
    ),
    (
        "calls:criterion_add",
        "call",
        {"label": "X", "weight": 1},
        "staff",
        (),
        lambda w: w.call.criteria.count(),
        1,
        "Les critères et les questions se modifient seulement en brouillon.",
    ),
    (
        "calls:question_add",
        "call",
        {"label": "X", "kind": "text"},
        "staff",
        (),
        lambda w: w.call.questions.count(),
        1,
        "Les critères et les questions se modifient seulement en brouillon.",
    ),
    (
        "calls:review_assign",
        "application",
        {},
        "staff",
        ("carrier", "reviewer"),
        lambda w: w.application.reviews.count(),
        1,
        "Choisissez un évaluateur dans la liste.",
    ),
    (
        "calls:decide",
        "application",
        {"decision": "accept", "feedback": "Bravo"},
        "staff",
        ("carrier", "reviewer"),
        _state("application"),
        "accepted",
        None,
    ),
    (
        "calls:application_withdraw",
        "application",
        {},
        "carrier",
        (),
        _state("application"),
        "withdrawn",
        None,
    ),
    (
        "calls:review_conflict",
        "review",
        {"conflict_reason": "Je connais"},
        "reviewer",
        (),
        lambda w: type(w.review).objects.get(pk=w.review.pk).conflict_of_interest,
        True,
        None,
    ),
    ("calls:need_transition", "need", {"name": "drop"}, "staff", (), _state("need"), "dropped", None),
    (
        "calls:offer_transition",
        "offer",
        {"name": "close"},
        "staff",
        tuple(r for r in ROLES[2:]),
        _state("offer"),
        "closed",
        None,
    ),
    (
        "calls:candidacy_transition",
        "candidacy",
        {"name": "reject"},
        "staff",
        ("candidate",),
        _state("candidacy"),
        "rejected",
        None,
    ),
    ("calls:my_candidacy_withdraw", "candidacy", {}, "candidate", (), _state("candidacy"), "withdrawn", None),
]
POST_IDS = [r[0] for r in POST_ROUTES]


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
@pytest.mark.parametrize(
    ("name", "attr", "data", "allowed", "forbidden", "observe", "after", "refusal"), POST_ROUTES, ids=POST_IDS
)
def test_post_matrix(client, world, role, name, attr, data, allowed, forbidden, observe, after, refusal):
    url = _url(world, name, attr)
    before = observe(world)
    response = _client(client, world, role).post(url, data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/connexion/")
        assert observe(world) == before
    elif role == allowed:
        assert response.status_code == 302
        assert observe(world) == after
        flashed = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert flashed == ([refusal] if refusal else [])
    else:
        assert response.status_code == (403 if role in forbidden else 404)
        assert observe(world) == before


@pytest.mark.parametrize(("name", "attr"), [r[:2] for r in POST_ROUTES], ids=POST_IDS)
def test_post_only_routes_refuse_get(client, world, name, attr):
    client.force_login(world.staff)
    assert client.get(_url(world, name, attr)).status_code == 405


@pytest.mark.parametrize(("name", "attr", "expected", "default"), GET_ROUTES, ids=[r[0] for r in GET_ROUTES])
def test_wrong_method(client, world, name, attr, expected, default):
    client.force_login(world.staff)
    assert client.delete(_url(world, name, attr)).status_code == 405
