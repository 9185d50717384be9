"""Children under a parent's address are fetched through the parent: a check-in, a mobilisation
or a pipeline stage of another project or programme is a 404, even for a platform admin who may
see both parents, and it stays untouched."""

from decimal import Decimal

import pytest
from django.urls import reverse

from essaim.accompaniment.enums import CheckinStatus, MobilisationStatus
from essaim.accompaniment.models import Mobilisation
from essaim.accompaniment.services import project_transition
from tests.factories.accompaniment import CheckinFactory

CHECKIN = {"observed_on": "2025-07-20", "enterprise_status": "active", "headcount": "2"}


@pytest.mark.parametrize("actor", ["platform_admin", "admin_a"])
def test_checkin_of_another_project_is_404(client, world, actor):
    own = CheckinFactory(project=world.project_a)
    other = CheckinFactory(project=world.project_b)
    client.force_login(getattr(world, actor))
    url = reverse("workspace:checkin", args=[world.project_a.pk, other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, CHECKIN).status_code == 404
    other.refresh_from_db()
    assert (other.status, other.headcount) == (CheckinStatus.SCHEDULED, None)
    page = client.get(reverse("workspace:checkin", args=[world.project_a.pk, own.pk]))
    assert (page.status_code, page.context["checkin"].pk, page.context["move"].name) == (
        200,
        own.pk,
        "validate",
    )


@pytest.mark.parametrize("actor", ["platform_admin", "admin_a"])
def test_mobilisation_of_another_project_is_404(client, world, actor):
    expert = world.expert.expert_profile
    accepted = {"expert": expert, "domain": "legal", "message": "x", "status": MobilisationStatus.ACCEPTED}
    own = Mobilisation.objects.create(project=world.project_a, **accepted)
    other = Mobilisation.objects.create(project=world.project_b, **accepted)
    client.force_login(getattr(world, actor))
    data = {"hours": "2", "remuneration": "paid"}
    url = reverse("workspace:mobilisation_hours", args=[world.project_a.pk, other.pk])
    assert client.post(url, data).status_code == 404
    other.refresh_from_db()
    assert (other.hours, other.status) == (Decimal("0.0"), MobilisationStatus.ACCEPTED)
    response = client.post(reverse("workspace:mobilisation_hours", args=[world.project_a.pk, own.pk]), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.pk, own.hours, own.status) == (own.pk, Decimal("2.0"), MobilisationStatus.DONE)


@pytest.mark.parametrize("actor", ["platform_admin", "admin_a"])
def test_stage_of_another_programme_is_404(client, world, actor):
    other = world.project_b.stage.pipeline.stages.get(key="incubation")
    own = world.project_a.stage.pipeline.stages.get(key="incubation")
    client.force_login(getattr(world, actor))
    url = reverse("workspace:stage_edit", args=["incubateur-a", other.pk, "rename"])
    assert client.post(url, {"name": "Détournée"}).status_code == 404
    other.refresh_from_db()
    assert other.name == "Incubation"
    client.post(
        reverse("workspace:stage_edit", args=["incubateur-a", own.pk, "rename"]), {"name": "Couveuse"}
    )
    own.refresh_from_db()
    assert (own.pk, own.name) == (own.pk, "Couveuse")


def test_project_page_shows_the_moves_the_user_may_make(client, world):
    url = reverse("workspace:project", args=[world.project_a.pk])
    client.force_login(world.member_a)
    form = client.get(url).context["transition_form"]
    assert (list(form.moves), [c[0] for c in form.fields["action"].choices]) == (
        ["move", "abandon"],
        ["move", "abandon"],
    )
    client.force_login(world.admin_a)
    html = client.get(url).content.decode()
    assert 'name="override"' in html
    # The carrier reads their own page of the project: no move offered, no form to post one.
    client.force_login(world.carrier)
    page = client.get(url)
    assert [t.name for t in page.templates][0] == "workspace/project_carrier.html"
    assert "transition_form" not in page.context
    assert reverse("workspace:project_transition", args=[world.project_a.pk]) not in page.content.decode()


def test_abandoned_project_offers_reopening_to_admins_only(client, world):
    project_transition(project=world.project_a, by=world.member_a, abandon=True, comment="Arrêt")
    url = reverse("workspace:project", args=[world.project_a.pk])
    client.force_login(world.member_a)
    page = client.get(url)
    assert page.context["transition_form"].moves == {}
    assert reverse("workspace:project_transition", args=[world.project_a.pk]) not in page.content.decode()
    client.force_login(world.admin_a)
    page = client.get(url)
    assert list(page.context["transition_form"].moves) == ["reopen"]
    assert 'name="action" value="reopen"' in page.content.decode()


def test_checkin_links_say_what_can_be_done(client, world):
    scheduled = CheckinFactory(project=world.project_a)
    client.force_login(world.member_a)
    page = client.get(reverse("workspace:project", args=[world.project_a.pk]))
    assert [(c.pk, [m.name for m in moves]) for c, moves in page.context["checkins"]] == [
        (scheduled.pk, ["validate"])
    ]
    # The carrier's page shows no check-in to validate and no link to do so.
    client.force_login(world.carrier)
    page = client.get(reverse("workspace:project", args=[world.project_a.pk]))
    assert "checkins" not in page.context
    assert reverse("workspace:checkin", args=[world.project_a.pk, scheduled.pk]) not in page.content.decode()
