"""Every ecosystem workspace URL × every role (403: sees the ecosystem, may not do this; 404: not
theirs to know of; 302 for anonymous: the login page)."""

import pytest
from django.urls import reverse

ROLES = [
    "leader_admin",
    "leader_staff",
    "a_admin",
    "a_staff",
    "b_admin",
    "o_admin",
    "platform_admin",
    "anonymous",
]

EVERYONE = [200, 200, 200, 200, 200, 200, 200, 302]
PARTICIPANTS = [200, 200, 200, 200, 404, 404, 200, 302]
LEADER_GET = [200, 200, 403, 403, 404, 404, 200, 302]
LEADER_POST = [302, 302, 403, 403, 404, 404, 302, 302]
INVITED_ADMIN_POST = [404, 404, 404, 404, 302, 404, 404, 302]
MEMBER_ADMIN_POST = [404, 404, 302, 403, 404, 404, 404, 302]


def _kwargs(w, spec):
    values = {"slug": "eco-test", "joint": w.joint.pk, "b": w.invitation_b.pk, "a": w.membership_a.pk}
    values |= {"org_a": w.org_a.pk, "finances": w.finances.pk}
    names = {"joint": "pk", "b": "pk", "a": "pk", "org_a": "organisation_pk", "finances": "contribution_pk"}
    return {names.get(k, k): values[k] for k in spec}


CASES = [
    ("home", [], "get", {}, EVERYONE),
    ("invitations", [], "get", {}, EVERYONE),
    ("invitation_answer", ["b"], "post", {"action": "decline"}, INVITED_ADMIN_POST),
    ("membership_contact", ["a"], "post", {"contact": ""}, MEMBER_ADMIN_POST),
    ("workspace", ["slug"], "get", {}, PARTICIPANTS),
    ("invite", ["slug"], "get", {}, LEADER_GET),
    ("membership_transition", ["slug", "b"], "post", {"action": "withdraw"}, LEADER_POST),
    ("member_remove", ["slug", "org_a"], "post", {}, LEADER_POST),
    ("joint_create", ["slug"], "get", {}, LEADER_GET),
    ("joint", ["slug", "joint"], "get", {}, [200, 200, 200, 200, 404, 404, 200, 302]),
    ("contribution_add", ["slug", "joint"], "post", {"programme": "", "role": "hosts"}, LEADER_POST),
    ("contribution_remove", ["slug", "joint", "finances"], "post", {}, LEADER_POST),
]


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
@pytest.mark.parametrize(("name", "spec", "method", "data", "statuses"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, web, name, spec, method, data, statuses, role_index):
    role = ROLES[role_index]
    if role != "anonymous":
        client.force_login(getattr(web, role))
    url = reverse(f"ecosystems:{name}", kwargs=_kwargs(web, spec))
    response = getattr(client, method)(url, data)
    assert response.status_code == statuses[role_index], (name, role)
    if statuses[role_index] == 302 and role == "anonymous":
        assert response["Location"].startswith("/compte/connexion/")


WRONG_METHOD = [
    ("invitation_answer", ["b"], "get"),
    ("membership_contact", ["a"], "get"),
    ("membership_transition", ["slug", "b"], "get"),
    ("member_remove", ["slug", "org_a"], "get"),
    ("contribution_add", ["slug", "joint"], "get"),
    ("contribution_remove", ["slug", "joint", "finances"], "get"),
    ("workspace", ["slug"], "post"),
    ("joint", ["slug", "joint"], "post"),
    ("home", [], "post"),
    ("invitations", [], "post"),
    ("invite", ["slug"], "put"),
]


@pytest.mark.parametrize(("name", "spec", "method"), WRONG_METHOD, ids=[c[0] for c in WRONG_METHOD])
def test_wrong_method(client, web, name, spec, method):
    client.force_login(web.leader_admin)
    response = getattr(client, method)(reverse(f"ecosystems:{name}", kwargs=_kwargs(web, spec)))
    assert response.status_code == 405


def test_public_pages_refuse_post(client, web):
    assert client.post(reverse("ecosystems:list")).status_code == 405
    assert client.post(reverse("ecosystems:detail", args=["eco-test"])).status_code == 405
