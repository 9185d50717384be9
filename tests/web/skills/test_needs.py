"""The recruitment needs page of a check-in: the project's staff list, add and remove; others 404;
bad input a French 400 with nothing saved; wrong method; query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from essaim.accompaniment import services as accompaniment
from essaim.skills.models import RecruitmentNeed
from essaim.skills.sources import demand_rows
from tests.factories.accompaniment import CheckinFactory, ProjectFactory
from tests.replication.factories import build_world


@pytest.fixture
def world(db):
    w = build_world()
    w.checkin = CheckinFactory(project=ProjectFactory(programme=w.pc, commune=w.narbonne))
    w.url = f"/espace/projets/{w.checkin.project_id}/suivis/{w.checkin.pk}/besoins/"
    return w


def test_staff_add_a_need_and_see_it(client, world):
    w = world
    client.force_login(w.c_staff)
    assert client.get(w.url).status_code == 200
    response = client.post(w.url, {"family": "care", "posts": "2", "note": "Auxiliaires de vie"})
    assert response.status_code == 302 and response["Location"] == w.url
    page = client.get(w.url).content.decode()
    assert '<th scope="row">Soin, aide à la personne, petite enfance</th><td class="num">2</td>' in page
    need = RecruitmentNeed.objects.get()
    remove = f"{w.url}{need.pk}/retirer/"
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not RecruitmentNeed.objects.exists()


def test_the_project_page_and_checkin_form_link_to_it(client, world):
    w = world
    client.force_login(w.c_staff)
    assert w.url in client.get(f"/espace/projets/{w.checkin.project_id}/").content.decode()
    assert (
        w.url in client.get(f"/espace/projets/{w.checkin.project_id}/suivis/{w.checkin.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"family": "", "posts": "1"}, "Choisissez une famille de compétences."),
        ({"family": "care", "posts": "0"}, "Indiquez au moins un poste."),
        ({"family": "care", "posts": "501"}, "500 postes au plus."),
        ({"family": "care", "posts": "deux"}, "Indiquez un nombre entier de postes."),
    ],
)
def test_bad_input(client, world, data, message):
    client.force_login(world.c_staff)
    response = client.post(world.url, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not RecruitmentNeed.objects.exists()


@pytest.mark.parametrize("role", ["o_staff", "m_staff", "viewer", "carrier"])
def test_others_get_a_404(client, world, role):
    client.force_login(getattr(world, role))
    assert client.get(world.url).status_code == 404
    assert client.post(world.url, {"family": "care", "posts": "1"}).status_code == 404
    assert not RecruitmentNeed.objects.exists()


def test_anonymous_is_sent_to_login(client, world):
    assert client.get(world.url)["Location"].startswith("/compte/connexion/")


def test_a_checkin_of_another_project_and_a_need_of_another_checkin_are_404(client, world):
    w = world
    client.force_login(w.c_staff)
    other = CheckinFactory(project=ProjectFactory(programme=w.pc, commune=w.narbonne))
    assert client.get(f"/espace/projets/{w.checkin.project_id}/suivis/{other.pk}/besoins/").status_code == 404
    foreign = CheckinFactory(project=ProjectFactory(programme=w.po, commune=w.toulouse))
    need = RecruitmentNeed.objects.create(checkin=foreign, family="food", posts=1)
    assert client.post(f"{w.url}{need.pk}/retirer/").status_code == 404
    assert client.post(f"{w.url}99999999999999/retirer/").status_code == 404
    assert RecruitmentNeed.objects.filter(pk=need.pk).exists()


def test_query_count_does_not_grow_with_needs(client, world, django_assert_max_num_queries):
    w = world
    client.force_login(w.c_staff)
    RecruitmentNeed.objects.create(checkin=w.checkin, family="food", posts=1)
    client.get(w.url)
    with CaptureQueriesContext(connection) as few:
        client.get(w.url)
    RecruitmentNeed.objects.bulk_create(
        RecruitmentNeed(checkin=w.checkin, family="care", posts=2) for _ in range(10)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(w.url)


def test_a_correction_shows_the_needs_said_before_and_they_count_once(client, world):
    w = world
    figures = {"observed_on": dt.date(2025, 7, 20), "enterprise_status": "active", "headcount": 3}
    accompaniment.checkin_validate(checkin=w.checkin, by=w.c_staff, **figures)
    RecruitmentNeed.objects.create(checkin=w.checkin, family="food", posts=2)
    correction = accompaniment.checkin_correct(checkin=w.checkin, by=w.c_staff, **{**figures, "headcount": 4})
    client.force_login(w.c_staff)
    assert client.get(w.url).status_code == 404  # the corrected one is no longer in force
    url = f"/espace/projets/{w.checkin.project_id}/suivis/{correction.pk}/besoins/"
    page = client.get(url).content.decode()
    assert '<th scope="row">Alimentation, restauration, agriculture</th><td class="num">2</td>' in page
    need = RecruitmentNeed.objects.get()
    assert client.post(f"{url}{need.pk}/retirer/").status_code == 302  # removable from the correction
    RecruitmentNeed.objects.create(checkin=w.checkin, family="food", posts=2)
    assert demand_rows("commune", "11262") == [(2025, "food", 2)]
