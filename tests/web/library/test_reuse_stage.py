"""The reuse page's second way: a new stage of my pipeline made from the resource. Right actor
(a programme admin), a member of the team, another programme's staff, anonymous, wrong method,
bad input; the author's page counts both ways."""

import pytest
from django.urls import reverse

from essaim.accompaniment.models import PipelineStage
from essaim.library import services
from essaim.library.models import Reuse
from tests.library.factories import CHECKLIST, build_world


@pytest.fixture
def w(db):
    return build_world()


def _url(w):
    return reverse("library:reuse", args=[w.published.pk])


def test_the_form_offers_both_ways_in_a_fieldset(client, w):
    client.force_login(w.b_admin)
    html = client.get(_url(w)).content.decode()
    assert "<legend>Comment la reprendre</legend>" in html
    assert 'value="checklist"' in html and 'value="stage"' in html
    assert 'name="name"' in html and 'maxlength="120"' in html


def test_an_admin_makes_a_new_stage_after_the_chosen_one(client, w):
    client.force_login(w.b_admin)
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk, "name": "Faisabilité reprise"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:pipeline", kwargs={"slug": w.pb.slug})
    reuse = Reuse.objects.get()
    assert (reuse.mode, reuse.programme_id, reuse.stage.name) == ("stage", w.pb.pk, "Faisabilité reprise")
    assert reuse.stage.pipeline_id == w.stage_b.pipeline_id
    assert reuse.stage.position > w.stage_b.position
    assert [i["label"] for i in reuse.stage.checklist] == CHECKLIST["items"]
    w.stage_b.refresh_from_db()
    assert not any(i["key"].startswith("bib-") for i in w.stage_b.checklist)


def test_without_a_name_the_stage_takes_the_resource_title(client, w):
    client.force_login(w.b_admin)
    client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk, "name": ""})
    assert Reuse.objects.get().stage.name == CHECKLIST["title"]


def test_a_team_member_is_told_only_admins_add_a_stage(client, w):
    client.force_login(w.b_staff)
    count = PipelineStage.objects.count()
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk})
    assert response.status_code == 200
    assert "Seuls les administrateurs du dispositif" in response.content.decode()
    assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)


def test_another_programmes_staff_cannot_use_my_stage_nor_see_a_draft(client, w):
    w.o_staff.memberships.update(role="admin")
    client.force_login(w.o_staff)
    count = PipelineStage.objects.count()
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk})
    assert response.status_code == 200  # not among their stages: the form says so
    assert f'value="{w.stage_b.pk}"' not in response.content.decode()
    assert client.post(reverse("library:reuse", args=[w.draft.pk]), {"mode": "stage"}).status_code == 404
    assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)


def test_anonymous_goes_to_login_and_wrong_method_is_405(client, w):
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk})
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
    client.force_login(w.b_admin)
    assert client.put(_url(w)).status_code == 405
    assert Reuse.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "n" * 121}, "120 caractères"),
        ({"mode": "burn"}, "Sélectionnez un choix valide"),
        ({"stage": ""}, "Ce champ est obligatoire"),
    ],
)
def test_bad_input_is_told_and_nothing_is_saved(client, w, data, message):
    client.force_login(w.b_admin)
    count = PipelineStage.objects.count()
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (PipelineStage.objects.count(), Reuse.objects.count()) == (count, 0)


def test_an_empty_name_with_a_title_too_long_for_a_stage_is_told(client, w):
    services.resource_update(resource=w.published, by=w.a_staff, **{**CHECKLIST, "title": "t" * 200})
    client.force_login(w.b_admin)
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk, "name": "  "})
    assert response.status_code == 200
    assert "donnez-lui un nom" in response.content.decode()
    assert Reuse.objects.count() == 0


def test_an_archived_stage_is_not_offered(client, w):
    w.stage_b.is_archived = True
    w.stage_b.save()
    client.force_login(w.b_admin)
    response = client.post(_url(w), {"mode": "stage", "stage": w.stage_b.pk})
    assert response.status_code == 200
    assert Reuse.objects.count() == 0


def test_the_author_sees_both_ways_counted(client, w):
    services.resource_reuse(resource=w.published, stage=w.stage_b, by=w.b_staff)
    w.o_staff.memberships.update(role="admin")
    from tests.factories.financing import pipeline_for

    services.resource_reuse_as_stage(resource=w.published, pipeline=pipeline_for(w.po), by=w.o_staff)
    client.force_login(w.a_staff)
    html = client.get(reverse("library:detail", args=[w.published.pk])).content.decode()
    assert "Reprise par 2 dispositifs." in html
    assert "Nouvelle étape" in html and "Lignes ajoutées à une étape" in html


def test_a_member_adding_lines_comes_back_to_the_resource_an_admin_goes_to_the_pipeline(client, w):
    """The pipeline page is the programme admins' (workspace); a member is not sent to a 403."""
    client.force_login(w.b_staff)
    response = client.post(_url(w), {"mode": "checklist", "stage": w.stage_b.pk})
    assert response["Location"] == reverse("library:detail", args=[w.published.pk])
    assert client.get(response["Location"]).status_code == 200
    Reuse.objects.all().delete()
    client.force_login(w.b_admin)
    response = client.post(_url(w), {"stage": w.stage_b.pk})
    assert response["Location"] == reverse("workspace:pipeline", kwargs={"slug": w.pb.slug})
    assert client.get(response["Location"]).status_code == 200
