"""POST /api/v1/library/resources/{id}/reuses with `mode` stage: a new stage of the caller's
pipeline made from the resource. Right actor (a programme admin), a member, another
programme's staff, anonymous, bad input; the detail counts both ways."""

import pytest

from essaim.accompaniment.models import PipelineStage
from essaim.accounts.services import token_create
from essaim.library import services
from essaim.library.models import Reuse
from tests.factories.financing import pipeline_for
from tests.library.factories import CHECKLIST, build_world

BASE = "/api/v1/library"


@pytest.fixture
def w(db):
    return build_world()


def _headers(w, role):
    if role == "anonymous":
        return {}
    _token, clear = token_create(user=getattr(w, role), name="test")
    return {"Authorization": f"Bearer {clear}"}


def _post(client, w, role, body, resource=None):
    return client.post(
        f"{BASE}/resources/{(resource or w.published).pk}/reuses",
        body,
        content_type="application/json",
        headers=_headers(w, role),
    )


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 401), ("o_staff", 403), ("b_staff", 403), ("b_admin", 201)]
)
def test_a_new_stage_at_the_end_of_a_pipeline(client, w, role, status):
    count = PipelineStage.objects.count()
    response = _post(client, w, role, {"mode": "stage", "pipeline": w.stage_b.pipeline_id})
    assert response.status_code == status
    if status != 201:
        assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)
        return
    body = response.json()
    reuse = Reuse.objects.get()
    assert (body["mode"], body["stage"], body["stage_name"], body["programme"]) == (
        "stage",
        reuse.stage_id,
        CHECKLIST["title"],
        "prog-b",
    )
    last = w.stage_b.pipeline.stages.filter(is_archived=False).order_by("position").last()
    assert last.pk == reuse.stage_id
    assert [i["label"] for i in last.checklist] == CHECKLIST["items"]


def test_a_new_stage_after_a_stage_with_a_name(client, w):
    response = _post(client, w, "b_admin", {"mode": "stage", "stage": w.stage_b.pk, "name": "Reprise"})
    assert response.status_code == 201
    stage = Reuse.objects.get().stage
    assert (stage.name, stage.pipeline_id) == ("Reprise", w.stage_b.pipeline_id)
    assert stage.position > w.stage_b.position


def test_another_programmes_ids(client, w):
    w.o_staff.memberships.update(role="admin")
    assert _post(client, w, "o_staff", {"mode": "stage", "stage": w.stage_b.pk}).status_code == 403
    assert _post(client, w, "o_staff", {"mode": "stage", "pipeline": 999999}).status_code == 404
    assert _post(client, w, "b_admin", {"mode": "stage", "pipeline": 1}, resource=w.draft).status_code == 404
    assert Reuse.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"mode": "stage"}, 400),
        ({"mode": "burn", "pipeline": 1}, 400),
        ({"mode": "checklist"}, 400),
        ({"mode": "stage", "name": "n" * 121}, 400),
        ({"mode": "stage", "name": "  "}, 422),
    ],
)
def test_bad_input(client, w, body, status):
    if "name" in body:
        body = {**body, "pipeline": w.stage_b.pipeline_id}
    count = PipelineStage.objects.count()
    response = _post(client, w, "b_admin", body)
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)


def test_an_archived_stage_or_another_pipelines_stage_as_position_is_422(client, w):
    pipeline = w.stage_b.pipeline
    archived = pipeline.stages.order_by("position")[1]
    archived.is_archived = True
    archived.save()
    for body in (
        {"mode": "stage", "stage": archived.pk},
        {"mode": "stage", "pipeline": pipeline.pk, "stage": w.stage_a.pk},
    ):
        assert _post(client, w, "b_admin", body).status_code == 422
    assert Reuse.objects.count() == 0


def test_the_detail_counts_both_ways(client, w):
    services.resource_reuse(resource=w.published, stage=w.stage_b, by=w.b_staff)
    w.o_staff.memberships.update(role="admin")
    services.resource_reuse_as_stage(resource=w.published, pipeline=pipeline_for(w.po), by=w.o_staff)
    body = client.get(f"{BASE}/resources/{w.published.pk}", headers=_headers(w, "a_staff")).json()
    assert body["reusers"] == 2
    assert sorted((u["programme"], u["mode"]) for u in body["reuses"]) == [
        ("prog-b", "checklist"),
        ("prog-o", "stage"),
    ]
