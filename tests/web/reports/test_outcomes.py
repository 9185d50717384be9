import datetime as dt

import pytest
from django.urls import reverse

from essaim.core.actors import SYSTEM
from essaim.evidence.models import Enterprise, Measurement, ProgrammeIndicator
from essaim.evidence.services import indicator_follow
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.evidence import IndicatorFactory, created_project
from tests.factories.financing import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return created_project(
        created_on=dt.date(2021, 4, 1), observations=[(dt.date(2022, 4, 3), "active", "2")]
    )


def _staff(client, project, role="member"):
    user = MembershipFactory(organisation=project.programme.organisation, role=role).user
    client.force_login(user)
    return user


def test_outcomes_page_shows_checkins(client, project):
    _staff(client, project)
    response = client.get(reverse("reports:outcomes", args=[project.pk]))
    assert response.status_code == 200
    assert [c.fte for c in response.context["checkins"]] == [project.checkins.get().fte]
    assert "Enregistrer l'entreprise" in response.content.decode()


def test_register_enterprise_and_duplicate_siret(client, project):
    _staff(client, project)
    url = reverse("reports:enterprise_save", args=[project.pk])
    ok = client.post(url, {"ent-name": "La Coop", "ent-legal_form": "scic", "ent-siret": "73282932000074"})
    assert ok.status_code == 302
    other = created_project()
    _staff(client, other)
    response = client.post(
        reverse("reports:enterprise_save", args=[other.pk]),
        {"ent-name": "Autre", "ent-legal_form": "scop", "ent-siret": "732 829 320 00074"},
    )
    assert response.status_code == 400
    assert "Ce SIRET est déjà enregistré pour l&#x27;entreprise « La Coop »." in response.content.decode()
    bad = client.post(
        reverse("reports:enterprise_save", args=[other.pk]),
        {"ent-name": "Autre", "ent-legal_form": "scop", "ent-siret": "12345678901234"},
    )
    assert bad.status_code == 400
    assert list(Enterprise.objects.values_list("name", flat=True)) == ["La Coop"]


def test_measurement_bad_value_saves_nothing(client, project):
    _staff(client, project)
    indicator = IndicatorFactory(name="Personnes bénéficiaires")
    indicator_follow(programme=project.programme, indicator=indicator, by=SYSTEM)
    url = reverse("reports:measurement_add", args=[project.pk])
    data = {"mes-indicator": indicator.pk, "mes-measured_on": "2023-01-10", "mes-value": "douze"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "« douze » n&#x27;est pas un nombre." in response.content.decode()
    assert Measurement.objects.count() == 0
    assert client.post(url, {**data, "mes-value": "12"}).status_code == 302
    assert Measurement.objects.get().value == 12


def test_outcomes_permissions(client, project):
    url = reverse("reports:outcomes", args=[project.pk])
    save = reverse("reports:enterprise_save", args=[project.pk])
    carrier = UserFactory(carrier=True)
    project.carriers.add(carrier)
    client.force_login(carrier)
    assert client.get(url).status_code == 200
    assert client.post(save, {"ent-name": "X", "ent-legal_form": "scic"}).status_code == 403
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 405
    client.logout()
    assert client.get(url).status_code == 302


def test_programme_admin_chooses_indicators(client):
    project = ProjectFactory()
    a, b = IndicatorFactory(), IndicatorFactory()
    url = reverse("reports:programme_indicators", args=[project.programme.slug])
    _staff(client, project, role="member")
    assert client.get(url).status_code == 200
    assert client.post(url, {"indicators": [a.pk]}).status_code == 403
    _staff(client, project, role="admin")
    assert client.post(url, {"indicators": [a.pk, b.pk]}).status_code == 302
    assert client.post(url, {"indicators": [b.pk]}).status_code == 302
    assert list(ProgrammeIndicator.objects.values_list("indicator_id", flat=True)) == [b.pk]
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 403


def test_outcomes_page_query_count_does_not_grow(client, project, django_assert_num_queries):
    _staff(client, project)
    indicator = IndicatorFactory()
    indicator_follow(programme=project.programme, indicator=indicator, by=SYSTEM)
    url = reverse("reports:outcomes", args=[project.pk])
    Measurement.objects.create(project=project, indicator=indicator, measured_on=dt.date(2022, 1, 1), value=1)
    with django_assert_num_queries(11) as ctx:  # with the targets form's indicator choices
        client.get(url)
    count = len(ctx.captured_queries)
    for year in range(2023, 2029):
        Measurement.objects.create(
            project=project, indicator=indicator, measured_on=dt.date(year, 1, 1), value=1
        )
    with django_assert_num_queries(count):
        client.get(url)
