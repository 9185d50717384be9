"""Every replication URL × every role (403: sees it, may not do this; 404: not theirs to know of;
302 for anonymous: the login page), then the wrong method. Each request runs in a savepoint
rolled back, so that a successful write does not change what the next role meets."""

import pytest
from django.db import transaction
from django.urls import reverse

ROLES = ["m_staff", "c_staff", "c_admin", "o_staff", "viewer", "carrier", "platform_admin", "anonymous"]

READERS = [200, 200, 200, 200, 200, 403, 200, 302]
PUBLISHED = [200, 200, 200, 200, 200, 404, 200, 302]
DRAFT = [200, 404, 404, 404, 404, 404, 200, 302]
OWNERS_GET = [200, 403, 403, 403, 403, 404, 200, 302]
OWNERS_POST = [302, 403, 403, 403, 403, 404, 302, 302]
DRAFT_REPLICATE = [403, 404, 404, 404, 404, 404, 200, 302]
REPLICA_GET = [200, 200, 200, 404, 404, 404, 200, 302]
REPLICA_POST = [403, 302, 302, 404, 404, 404, 302, 302]

CASES = [
    ("kits", None, "get", {}, READERS),
    ("kit_create", None, "get", {}, READERS),
    ("candidates", None, "get", {"territoire": "Aude"}, READERS),
    ("kit", "kit", "get", {}, PUBLISHED),
    ("kit", "draft", "get", {}, DRAFT),
    ("kit_edit", "kit", "get", {}, OWNERS_GET),
    ("kit_edit", "draft", "get", {}, [200, 404, 404, 404, 404, 404, 200, 302]),
    ("kit_transition", "kit", "post", {"action": "retire"}, OWNERS_POST),
    ("kit_transition", "draft", "post", {"action": "publish"}, [302, 404, 404, 404, 404, 404, 302, 302]),
    ("replicate", "kit", "get", {}, PUBLISHED),
    ("replicate", "draft", "get", {}, DRAFT_REPLICATE),
    ("replica", "replica", "get", {}, REPLICA_GET),
    ("replica_take", "replica", "post", {}, REPLICA_POST),
]
WRONG_METHODS = [
    ("kits", None, "post"),
    ("kit", "kit", "post"),
    ("kit_transition", "kit", "get"),
    ("candidates", None, "post"),
    ("replica", "replica", "post"),
    ("replica_take", "replica", "get"),
    ("kit_edit", "kit", "put"),
    ("replicate", "kit", "delete"),
]


def _url(web, name, target):
    return reverse(f"replication:{name}", kwargs={"pk": getattr(web, target).pk} if target else {})


@pytest.mark.parametrize(
    ("name", "target", "method", "data", "statuses"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_permission_matrix(client, web, name, target, method, data, statuses):
    got = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(web, role))
        with transaction.atomic():
            response = getattr(client, method)(_url(web, name, target), data)
            transaction.set_rollback(True)
        got.append(response.status_code)
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith("/compte/connexion/")
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, statuses, strict=True))


@pytest.mark.parametrize(
    ("name", "target", "method"), WRONG_METHODS, ids=[f"{c[0]}-{c[2]}" for c in WRONG_METHODS]
)
def test_wrong_method_is_405(client, web, name, target, method):
    client.force_login(web.platform_admin)
    assert getattr(client, method)(_url(web, name, target)).status_code == 405
