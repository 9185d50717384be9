"""Registry pages: staff of the programme see the conflicts of their enterprises and settle
them; anonymous goes to the login page; staff of another organisation get a 404 on ids and see
none of the others' conflicts; carriers are refused; wrong methods get a 405; the baseline of a
territory from the shipped Lyon 4e fixtures; the list's queries do not grow with its rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from essaim.core.actors import IMPORT
from essaim.registry import services
from essaim.registry.enums import ConflictState, EssBasis
from essaim.registry.models import Conflict, EssStatus, ImportRun
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.evidence import EnterpriseFactory
from tests.registry.factories import AS_OF, establishment, followed_closed, staff_of
from tests.registry.helpers import import_lyon

pytestmark = pytest.mark.django_db


def _conflict():
    enterprise = followed_closed()
    run = ImportRun.objects.create(kind="historique", file_name="h.zip", fingerprint="x", as_of=AS_OF)
    (conflict,) = services.import_recorded(by=IMPORT, run=run)
    return enterprise, conflict


def _urls(enterprise, conflict):
    return {
        "home": ("get", reverse("registry:home")),
        "baseline": ("get", reverse("registry:baseline")),
        "enterprise": ("get", reverse("registry:enterprise", args=[enterprise.pk])),
        "ess_declare": ("post", reverse("registry:ess_declare", args=[enterprise.pk])),
        "resolve": ("post", reverse("registry:resolve", args=[conflict.pk])),
    }


NAMES = sorted(["baseline", "enterprise", "ess_declare", "home", "resolve"])
ON_IDS = sorted(["enterprise", "ess_declare", "resolve"])


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_goes_to_the_login_page(client, name):
    method, url = _urls(*_conflict())[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))


@pytest.mark.parametrize("name", ON_IDS)
def test_staff_of_another_organisation_get_a_404_on_ids(client, name):
    enterprise, conflict = _conflict()
    client.force_login(MembershipFactory().user)
    method, url = _urls(enterprise, conflict)[name]
    assert getattr(client, method)(url, {"transition": "accept_registry"}).status_code == 404
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.OPEN
    assert not EssStatus.objects.filter(enterprise=enterprise, basis=EssBasis.SELF_DECLARED).exists()


def test_staff_of_another_organisation_see_none_of_the_others_conflicts(client):
    enterprise, conflict = _conflict()
    mine = followed_closed("10281861400012", name="Coopérative voisine")
    services.import_recorded(by=IMPORT, run=ImportRun.objects.get())
    client.force_login(staff_of(mine))
    html = client.get(reverse("registry:home")).content.decode()
    assert "Coopérative voisine" in html and enterprise.name not in html
    assert f'id="ecart-{conflict.pk}"' not in html


@pytest.mark.parametrize("name", ["baseline", "home"])
def test_carriers_are_refused_the_staff_pages(client, name):
    enterprise, conflict = _conflict()
    client.force_login(UserFactory(carrier=True))
    method, url = _urls(enterprise, conflict)[name]
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("name", ON_IDS)
def test_carriers_get_a_404_on_ids(client, name):
    enterprise, conflict = _conflict()
    enterprise.project.carriers.add(carrier := UserFactory(carrier=True))
    client.force_login(carrier)
    method, url = _urls(enterprise, conflict)[name]
    assert getattr(client, method)(url, {"transition": "keep_declared"}).status_code == 404
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.OPEN


@pytest.mark.parametrize("name", NAMES)
def test_wrong_method_is_a_405(client, name):
    enterprise, conflict = _conflict()
    client.force_login(staff_of(enterprise))
    method, url = _urls(enterprise, conflict)[name]
    other = client.post if method == "get" else client.get
    assert other(url).status_code == 405


def test_staff_see_the_conflict_and_settle_it(client):
    enterprise, conflict = _conflict()
    staff = staff_of(enterprise)
    client.force_login(staff)
    html = client.get(reverse("registry:home")).content.decode()
    assert f'id="ecart-{conflict.pk}"' in html
    assert "Déclaré : En activité. Registre : fermé depuis le 01/03/2024" in html
    assert "1\xa0écart à examiner" in html
    response = client.post(
        reverse("registry:resolve", args=[conflict.pk]),
        {"transition": "accept_registry", "note": "Liquidation confirmée"},
    )
    assert response.status_code == 302 and response.url == reverse(
        "registry:enterprise", args=[enterprise.pk]
    )
    conflict.refresh_from_db()
    assert (conflict.state, conflict.resolved_by, conflict.note) == (
        ConflictState.REGISTRY_RIGHT,
        staff,
        "Liquidation confirmée",
    )
    page = client.get(response.url).content.decode()
    assert "Le registre a raison — tranché par" in page and "Liquidation confirmée" in page
    again = client.post(reverse("registry:resolve", args=[conflict.pk]), {"transition": "keep_declared"})
    assert again.status_code == 400
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.REGISTRY_RIGHT


def test_an_unknown_decision_is_a_400(client):
    enterprise, conflict = _conflict()
    client.force_login(staff_of(enterprise))
    assert (
        client.post(reverse("registry:resolve", args=[conflict.pk]), {"transition": "delete"}).status_code
        == 400
    )
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.OPEN


def test_the_enterprise_page_shows_the_status_with_source_and_date_and_takes_a_declaration(client):
    enterprise, _conflict_ = _conflict()
    client.force_login(staff_of(enterprise))
    url = reverse("registry:enterprise", args=[enterprise.pk])
    html = client.get(url).content.decode()
    assert "Fichiers stock SIRENE (INSEE), au 5 novembre 2026" in html
    assert "<dt>Commune</dt><dd>Lyon" in html
    assert "Forme juridique (SCOP, SCIC) : oui (Déclaration de l&#x27;équipe" in html
    response = client.post(
        reverse("registry:ess_declare", args=[enterprise.pk]),
        {"basis": "esus", "is_ess": "oui", "reference": "ESUS-69-2024-12", "as_of": "2024-02-01"},
    )
    assert response.status_code == 302
    status = EssStatus.objects.get(enterprise=enterprise, basis=EssBasis.ESUS)
    assert (status.is_ess, status.reference, status.as_of) == (True, "ESUS-69-2024-12", dt.date(2024, 2, 1))
    bad = client.post(
        reverse("registry:ess_declare", args=[enterprise.pk]),
        {"basis": "insee_flag", "is_ess": "oui", "as_of": "2024-02-01"},
    )
    assert bad.status_code == 400


def test_the_baseline_of_lyon_4e_beside_the_accompanied(client):
    import_lyon()
    viewer = TerritoryScopeFactory(level="departement", code="69").user
    client.force_login(viewer)
    page = client.get(reverse("registry:baseline"))
    assert page.status_code == 200 and 'value="commune:69384"' in page.content.decode()
    response = client.get(
        reverse("registry:baseline"), {"territoire": "commune:69384", "debut": "2015", "fin": "2019"}
    )
    html = response.content.decode()
    assert "créations de 2015 à 2019" in html
    assert "4\u202f551\xa0établissements" in html
    assert "moins de 5" in html  # the viewer follows no enterprise
    assert (
        client.get(
            reverse("registry:baseline"), {"territoire": "commune:69384", "debut": "2019", "fin": "2015"}
        ).status_code
        == 400
    )
    assert (
        client.get(
            reverse("registry:baseline"), {"territoire": "commune:75056", "debut": "2015", "fin": "2019"}
        ).status_code
        == 400
    )


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_conflict_list_queries_do_not_grow_with_its_rows(client):
    enterprise, _c = _conflict()
    staff = staff_of(enterprise)
    client.force_login(staff)
    url = reverse("registry:home")
    before = _count(client, url)
    for i, siret in enumerate(["10281861400012", "10538241000014", "18004301001683", "30137433600057"]):
        other = EnterpriseFactory(
            siret=siret, project__programme=enterprise.project.programme, name=f"Entreprise {i}"
        )
        establishment(other.siret, closed_on=dt.date(2023, 1, 1))
    (first, *_rest) = services.import_recorded(by=IMPORT, run=ImportRun.objects.get())
    services.conflict_resolve(by=staff, conflict=first, transition="keep_declared")
    html = client.get(url).content.decode()
    assert html.count('class="card"') == 5
    assert _count(client, url) == before
