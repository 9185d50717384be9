"""The skills balance page: who reads what (viewer: suppressed aggregates of their territory;
staff: their programmes exactly), CSV and XLSX, wrong method, query count."""

import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from essaim.territories.models import Commune
from tests.factories.calls import JobOfferFactory
from tests.replication.factories import build_world
from tests.skills.sources_world import populate

URL = "/espace/competences/"


def _offers(w, n, programme, commune_code="11262", profile="Comptabilité"):
    commune = Commune.objects.get(code=commune_code)
    at = timezone.make_aware(dt.datetime(2025, 5, 1))
    offers = [
        JobOfferFactory(
            programme=programme, commune=commune, title="Poste", skills_profile=profile, published_at=at
        )
        for _ in range(n)
    ]
    return offers


def test_who_reads_the_balance(client, db):
    w = build_world()
    _offers(w, 6, w.pc)
    _offers(w, 2, w.po, profile="Numérique")
    params = {"territoire": "Aude", "annee": "2025"}
    statuses = {}
    for role in ("viewer", "c_staff", "o_staff", "carrier", "platform_admin"):
        client.force_login(getattr(w, role))
        statuses[role] = client.get(URL, params).status_code
    assert statuses == {"viewer": 200, "c_staff": 200, "o_staff": 200, "carrier": 403, "platform_admin": 200}
    client.logout()
    assert client.get(URL, params)["Location"].startswith("/compte/connexion/")
    w.viewer.refresh_from_db()
    client.force_login(w.viewer)
    page = client.get(URL, params).content.decode()
    assert '<th scope="row">Finance, comptabilité, gestion</th><td>6</td>' in page
    assert '<th scope="row">Numérique</th><td>&lt; 5</td>' in page
    client.force_login(w.o_staff)  # staff of the other programme: their own rows, exact
    page = client.get(URL, params).content.decode()
    assert '<th scope="row">Numérique</th><td>2</td>' in page and "Finance" not in page
    client.force_login(w.c_staff)
    assert "Numérique" not in client.get(URL, params).content.decode()


def test_a_viewer_outside_their_territory_reads_nothing(client, db):
    w = build_world()
    client.force_login(w.viewer)
    assert client.get(URL, {"territoire": "Haute-Garonne", "annee": "2025"}).status_code == 403


def test_csv_and_xlsx(client, db):
    w = build_world()
    _offers(w, 6, w.pc, profile="=HYPERLINK(1) comptabilité")
    client.force_login(w.viewer)
    response = client.get(URL, {"territoire": "Aude", "annee": "2025", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="competences-departement-11-2025.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Famille de compétences;Demande;Offre;Écart;Évolution de l'écart",
        "Finance, comptabilité, gestion;6;0;6;",
    ]
    response = client.get(URL, {"territoire": "Aude", "annee": "2025", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["Finance, comptabilité, gestion", 6, 0, 6, None]


def test_wrong_method_and_bad_territory(client, db):
    w = build_world()
    client.force_login(w.viewer)
    assert client.post(URL, {"territoire": "Aude"}).status_code == 405
    page = client.get(URL, {"territoire": "Nullepart-sur-Rien"}).content.decode()
    assert 'id="errors-territoire">' in page and "<table" not in page


def test_query_count_does_not_grow_with_offers(client, db):
    w = build_world()
    _offers(w, 2, w.pc)
    client.force_login(w.viewer)
    params = {"territoire": "Aude", "annee": "2025"}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as before:
        client.get(URL, params)
    _offers(w, 8, w.pc, profile="Numérique, cuisine")
    with CaptureQueriesContext(connection) as after:
        client.get(URL, params)
    assert len(before.captured_queries) == len(after.captured_queries)


def test_the_new_sources_on_the_page_in_csv_and_xlsx(client, db, django_assert_max_num_queries):
    w = build_world()
    populate(w.pc, 1)
    client.force_login(w.viewer)
    params = {"territoire": "Aude", "annee": "2025"}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params)
    populate(w.pc, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL, params).content.decode()
    assert '<th scope="row">Mobilité et logistique</th><td>12</td>' in page  # needs: 6 × 2 posts
    lines = client.get(URL, {**params, "format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert lines[1:] == [
        "Finance, comptabilité, gestion;6;0;6;",  # offers / nothing
        "Droit et gouvernance coopérative;6;0;6;",  # mobilisations
        "Commerce, vente et marketing;0;6;-6;",  # experts
        "Alimentation, restauration, agriculture;0;6;-6;",  # carriers
        "Soin, aide à la personne, petite enfance;0;6;-6;",  # candidacies
        "Numérique;0;24;-24;",  # training places
        "Mobilité et logistique;12;0;12;",  # needs at check-ins
    ]
    sheet = load_workbook(io.BytesIO(client.get(URL, {**params, "format": "xlsx"}).content)).active
    assert [c.value for c in sheet[7]] == ["Numérique", 0, 24, -24, None]
    assert [c.value for c in sheet[8]] == ["Mobilité et logistique", 12, 0, 12, None]
