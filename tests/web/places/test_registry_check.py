"""The registry check of a domiciliation (issue 13 §2): the domiciled establishment as the
business registry places it, against the place's commune, on the staff's page."""

import datetime as dt

import pytest
from django.urls import reverse

from essaim.places.models import Domiciliation
from essaim.places.registry_check import registry_check
from essaim.registry.models import Establishment
from tests.places.factories import PlaceFactory, staff_of

pytestmark = pytest.mark.django_db

SIRET = "73282932000074"


@pytest.fixture
def domiciliation():
    place = PlaceFactory()
    place.organisation.commune_id = "34172"  # Montpellier
    place.organisation.save()
    return Domiciliation.objects.create(
        place=place, name="Cocagne", siret=SIRET, starts_on=dt.date(2026, 1, 1)
    )


def registered(commune: str, *, closed_on=None):
    return Establishment.objects.create(
        siret=SIRET,
        siren=SIRET[:9],
        commune=commune,
        departement=commune[:2],
        state="F" if closed_on else "A",
        closed_on=closed_on,
        source="stock",
        as_of=dt.date(2026, 11, 1),
    )


def page(client, domiciliation) -> str:
    client.force_login(staff_of(domiciliation.place))
    url = reverse("places:staff_domiciliation", args=[domiciliation.place.pk, domiciliation.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="registry"') :].split("</dd>")[0]


def test_not_in_the_registry(client, domiciliation):
    assert registry_check(domiciliation).status == "unknown"
    assert "pas dans le registre importé" in page(client, domiciliation)


def test_in_the_place_s_commune(client, domiciliation):
    registered("34172")
    assert registry_check(domiciliation).status == "match"
    shown = page(client, domiciliation)
    assert "Établissement ouvert à Montpellier, la commune du lieu." in shown
    assert "Fichiers stock SIRENE (INSEE), au 1 novembre 2026" in shown


def test_in_another_commune(client, domiciliation):
    registered("11069")  # Carcassonne
    assert registry_check(domiciliation).status == "elsewhere"
    assert "situé à Carcassonne selon le registre, pas dans la commune du lieu" in page(client, domiciliation)


def test_closed(client, domiciliation):
    registered("34172", closed_on=dt.date(2025, 6, 30))
    check = registry_check(domiciliation)
    assert (check.status, check.closed_on) == ("closed", dt.date(2025, 6, 30))
    assert "Établissement fermé le 30 juin 2025 selon le registre." in page(client, domiciliation)
