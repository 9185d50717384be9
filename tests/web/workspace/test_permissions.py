"""Every workspace URL × every role, with the objects of tenant A (staff B is "another tenant").

403: the user sees the object but may not do this; 404: the object is not theirs to know of.
"""

import pytest
from django.urls import reverse

from essaim.accompaniment.enums import ReferralStatus
from essaim.accompaniment.models import Mobilisation
from tests.factories.accompaniment import CheckinFactory, MeetingFactory, ReferralFactory

ROLES = [
    "platform_admin",
    "admin_a",
    "member_a",
    "staff_b",
    "carrier",
    "other_carrier",
    "expert",
    "viewer",
    "anonymous",
]

# status per role, in the order of ROLES
PROJECT_VIEW = [200, 200, 200, 404, 200, 404, 404, 404, 302]
PROJECT_MANAGE_GET = [200, 200, 200, 404, 403, 404, 404, 404, 302]
PROJECT_MANAGE_POST = [302, 302, 302, 404, 403, 404, 404, 404, 302]
PROGRAMME_STAFF = [200, 200, 200, 404, 404, 404, 404, 404, 302]
PROGRAMME_ADMIN_GET = [200, 200, 403, 404, 404, 404, 404, 404, 302]
PROGRAMME_ADMIN_POST = [302, 302, 403, 404, 404, 404, 404, 404, 302]
EVERYONE = [200, 200, 200, 200, 200, 200, 200, 200, 302]
NO_SUCH_MEETING = [404, 404, 404, 404, 403, 404, 404, 404, 302]
RECEIVING_STAFF_GET = [200, 403, 403, 200, 403, 404, 404, 404, 302]

CASES = [
    # (url name, kwargs from world, method, data, statuses)
    ("home", {}, "get", {}, EVERYONE),
    ("board", {"slug": "programme_a"}, "get", {}, PROGRAMME_STAFF),
    ("project_create", {"slug": "programme_a"}, "get", {}, PROGRAMME_STAFF),
    ("referral_list", {"slug": "programme_a"}, "get", {}, PROGRAMME_STAFF),
    ("pipeline", {"slug": "programme_a"}, "get", {}, PROGRAMME_ADMIN_GET),
    ("pipeline_create", {"slug": "programme_a"}, "post", {"model": "generator"}, PROGRAMME_ADMIN_POST),
    (
        "stage_edit",
        {"slug": "programme_a", "stage_pk": "stage_a", "action": "rename"},
        "post",
        {"name": "Tri"},
        PROGRAMME_ADMIN_POST,
    ),
    ("settings", {"slug": "programme_a"}, "get", {}, PROGRAMME_ADMIN_GET),
    ("audit", {"slug": "programme_a"}, "get", {}, PROGRAMME_ADMIN_GET),
    ("project", {"pk": "project_a"}, "get", {}, PROJECT_VIEW),
    ("project_edit", {"pk": "project_a"}, "get", {}, PROJECT_MANAGE_GET),
    (
        "project_transition",
        {"pk": "project_a"},
        "post",
        {"action": "move", "to_stage": "next_a"},
        PROJECT_MANAGE_POST,
    ),
    (
        "checklist_toggle",
        {"pk": "project_a"},
        "post",
        {"stage": "stage_a", "item": "interview", "done": "on"},
        PROJECT_MANAGE_POST,
    ),
    ("meeting_create", {"pk": "project_a"}, "get", {}, PROJECT_MANAGE_GET),
    ("meeting_edit", {"pk": "project_a", "meeting_pk": "meeting_a"}, "get", {}, PROJECT_MANAGE_GET),
    (
        "meeting_edit",
        {"pk": "project_a", "meeting_pk": "meeting_a"},
        "post",
        {"date": "2026-02-03", "duration_minutes": "60", "kind": "individual"},
        PROJECT_MANAGE_POST,
    ),
    ("meeting_delete", {"pk": "project_a", "meeting_pk": "meeting_a"}, "post", {}, PROJECT_MANAGE_POST),
    # a meeting of another project is never reachable through project A's URL
    ("meeting_edit", {"pk": "project_a", "meeting_pk": "meeting_b"}, "get", {}, NO_SUCH_MEETING),
    ("meeting_delete", {"pk": "project_a", "meeting_pk": "meeting_b"}, "post", {}, NO_SUCH_MEETING),
    (
        "mobilisation_create",
        {"pk": "project_a"},
        "post",
        {"expert": "expert_a", "domain": "legal", "message": "x"},
        PROJECT_MANAGE_POST,
    ),
    (
        "mobilisation_hours",
        {"pk": "project_a", "mobilisation_pk": "mobilisation_a"},
        "post",
        {"hours": "2", "remuneration": "paid"},
        PROJECT_MANAGE_POST,
    ),
    ("checkin", {"pk": "project_a", "checkin_pk": "checkin_a"}, "get", {}, PROJECT_MANAGE_GET),
    ("referral_create", {"pk": "project_a"}, "get", {}, PROJECT_MANAGE_GET),
    ("referral", {"pk": "referral_a"}, "get", {}, [200, 200, 200, 200, 200, 404, 404, 404, 302]),
    (
        "referral_action",
        {"pk": "referral_a", "action": "accept"},
        "post",
        {},
        [403, 403, 403, 302, 403, 404, 404, 404, 302],
    ),
    # receiving staff (B) of the accepted referral log meetings; sending staff and the carrier see
    # the referral but may not log meetings for B; a referral only proposed is 403 for B too
    ("referral_meeting", {"pk": "referral_accepted"}, "get", {}, RECEIVING_STAFF_GET),
    (
        "referral_meeting",
        {"pk": "referral_accepted"},
        "post",
        {"date": "2026-02-03", "duration_minutes": "45", "kind": "individual"},
        [302, 403, 403, 302, 403, 404, 404, 404, 302],
    ),
    ("referral_meeting", {"pk": "referral_a"}, "get", {}, [200, 403, 403, 403, 403, 404, 404, 404, 302]),
    ("expert_pool", {}, "get", {}, [200, 200, 200, 200, 403, 403, 403, 403, 302]),
    ("expert_requests", {}, "get", {}, [403, 403, 403, 403, 403, 403, 200, 403, 302]),
    (
        "expert_respond",
        {"pk": "mobilisation_a"},
        "post",
        {"accept": "1"},
        [404, 404, 404, 404, 404, 404, 302, 404, 302],
    ),
    ("data_export", {}, "get", {}, EVERYONE),
    ("account_delete", {}, "get", {}, [403, 403, 403, 403, 200, 200, 200, 200, 302]),
]


@pytest.fixture
def objects(world):
    w = world
    w.stage_a = w.project_a.stage
    w.next_a = w.project_a.stage.pipeline.stages.get(key="opportunite_faisabilite")
    w.checkin_a = CheckinFactory(project=w.project_a)
    w.referral_a = ReferralFactory(
        project=w.project_a,
        to_programme=w.programme_b,
        status=ReferralStatus.PROPOSED,
        shared_fields=["summary"],
    )
    w.referral_accepted = ReferralFactory(
        project=w.project_a,
        to_programme=w.programme_b,
        status=ReferralStatus.ACCEPTED,
        shared_fields=["summary"],
    )
    w.meeting_a = MeetingFactory(project=w.project_a)
    w.meeting_b = MeetingFactory(project=w.project_b)
    w.expert_a = w.expert.expert_profile
    w.mobilisation_a = Mobilisation.objects.create(
        project=w.project_a, expert=w.expert_a, domain="legal", message="x"
    )
    return w


def resolve(world, value):
    return getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value


def url_for(world, name, kwargs):
    resolved = {}
    for key, value in kwargs.items():
        obj = resolve(world, value)
        resolved[key] = obj.slug if key == "slug" else getattr(obj, "pk", obj)
    return reverse(f"workspace:{name}", kwargs=resolved)


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
@pytest.mark.parametrize(("name", "kwargs", "method", "data", "statuses"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, objects, name, kwargs, method, data, statuses, role_index):
    role = ROLES[role_index]
    if role != "anonymous":
        client.force_login(getattr(objects, role))
    url = url_for(objects, name, kwargs)
    payload = {k: getattr(resolve(objects, v), "pk", v) for k, v in data.items()}
    response = getattr(client, method)(url, payload)
    assert response.status_code == statuses[role_index]
    if role == "anonymous":
        assert response.url.startswith(reverse("web:login"))


FORM_VIEWS = {
    "project_create",
    "project_edit",
    "meeting_create",
    "meeting_edit",
    "referral_meeting",
    "checkin",
    "referral_create",
    "settings",
    "account_delete",
}
WRONG_METHOD = [
    (name, kwargs, "put" if name in FORM_VIEWS else "post" if method == "get" else "get")
    for name, kwargs, method, _d, _s in CASES
]


@pytest.mark.parametrize(("name", "kwargs", "method"), WRONG_METHOD, ids=[c[0] for c in WRONG_METHOD])
def test_wrong_method(client, objects, name, kwargs, method):
    client.force_login(objects.platform_admin)
    response = getattr(client, method)(url_for(objects, name, kwargs))
    assert response.status_code == 405


def test_other_tenant_project_ids_are_404_for_staff_a(client, objects):
    client.force_login(objects.admin_a)
    for name in ("project", "project_edit", "meeting_create", "referral_create"):
        assert client.get(reverse(f"workspace:{name}", args=[objects.project_b.pk])).status_code == 404
    assert client.get(reverse("workspace:board", args=[objects.programme_b.slug])).status_code == 404
    assert (
        client.post(
            reverse("workspace:project_transition", args=[objects.project_b.pk]),
            {"action": "abandon", "comment": "x"},
        ).status_code
        == 404
    )
    objects.project_b.refresh_from_db()
    assert objects.project_b.status == "active"
