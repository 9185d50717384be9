"""Staff pages of shared places (resources, members, entitlements, domiciliations, usage report):
the place's staff read and write; anonymous goes to the login page; a member of the place and the
staff of another organisation get a 404 on ids; wrong methods get a 405; a child read through
another place's URL is a 404; list pages' queries do not grow with their rows."""

import datetime as dt

import pytest
from django.urls import reverse

from essaim.places.models import Domiciliation, Entitlement, MailItem, OpeningHours, PlaceMembership, Resource
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory as StaffFactory
from tests.factories.accounts import UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.places.factories import MembershipFactory, PlaceFactory, ResourceFactory, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    resource = ResourceFactory(name="Salle Jaurès")
    place = resource.programme
    domiciliation = Domiciliation.objects.create(
        place=place, name="Cocagne", siret="73282932000074", starts_on=dt.date(2026, 1, 1)
    )
    mail = MailItem.objects.create(domiciliation=domiciliation, received_on=dt.date(2026, 3, 1))
    membership = MembershipFactory(programme=place)
    project = ProjectFactory(programme=ProgrammeFactory(organisation=place.organisation))
    entitlement = Entitlement.objects.create(
        place=place, project=project, kind="credits", monthly_minutes=60, starts_on=dt.date(2026, 1, 1)
    )
    return {
        "place": place,
        "resource": resource,
        "domiciliation": domiciliation,
        "mail": mail,
        "membership": membership,
        "project": project,
        "entitlement": entitlement,
        "staff": staff_of(place),
    }


def _urls(w):
    p, d = w["place"].pk, w["domiciliation"].pk
    return {
        "resource_new": ("get", reverse("places:staff_resource_new", args=[p])),
        "resource_edit": ("get", reverse("places:staff_resource_edit", args=[w["resource"].pk])),
        "members": ("get", reverse("places:staff_members", args=[p])),
        "member": ("get", reverse("places:staff_member", args=[p, w["membership"].pk])),
        "entitlements": ("get", reverse("places:staff_entitlements", args=[p])),
        "entitlement_end": ("post", reverse("places:staff_entitlement_end", args=[p, w["entitlement"].pk])),
        "domiciliations": ("get", reverse("places:staff_domiciliations", args=[p])),
        "domiciliation": ("get", reverse("places:staff_domiciliation", args=[p, d])),
        "mail_receive": ("post", reverse("places:staff_mail_receive", args=[p, d])),
        "mail_hand_over": ("post", reverse("places:staff_mail_hand_over", args=[p, d, w["mail"].pk])),
        "domiciliation_end": ("post", reverse("places:staff_domiciliation_end", args=[p, d])),
        "report": ("get", reverse("places:staff_report", args=[p])),
    }


NAMES = sorted(
    [
        "domiciliation",
        "domiciliation_end",
        "domiciliations",
        "entitlement_end",
        "entitlements",
        "mail_hand_over",
        "mail_receive",
        "member",
        "members",
        "report",
        "resource_edit",
        "resource_new",
    ]
)


def _unchanged(w):
    assert Domiciliation.objects.get(pk=w["domiciliation"].pk).state == "active"
    assert MailItem.objects.get(pk=w["mail"].pk).handed_over_on is None
    assert MailItem.objects.count() == 1
    assert Entitlement.objects.get(pk=w["entitlement"].pk).ends_on is None


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_goes_to_the_login_page(client, world, name):
    method, url = _urls(world)[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login"))
    _unchanged(world)


@pytest.mark.parametrize("who", ["outsider", "member"])
@pytest.mark.parametrize("name", NAMES)
def test_other_people_get_a_404(client, world, name, who):
    user = StaffFactory().user if who == "outsider" else world["membership"].user
    client.force_login(user)
    method, url = _urls(world)[name]
    # resource_edit reads the resource the member may book (visible: 403), others' places are 404
    expected = 403 if (name == "resource_edit" and who == "member") else 404
    assert getattr(client, method)(url).status_code == expected
    _unchanged(world)


@pytest.mark.parametrize("name", NAMES)
def test_wrong_method_is_a_405(client, world, name):
    client.force_login(world["staff"])
    method, url = _urls(world)[name]
    assert (client.put if method == "get" else client.get)(url).status_code == 405
    _unchanged(world)


def test_children_of_another_place_are_404_under_this_place(client, world):
    other = PlaceFactory(organisation=world["place"].organisation)  # same team, another place
    client.force_login(world["staff"])
    for name in ("member", "domiciliation", "mail_hand_over", "domiciliation_end", "entitlement_end"):
        method, url = _urls(world)[name]
        url = url.replace(f"/lieux/{world['place'].pk}/", f"/lieux/{other.pk}/")
        assert getattr(client, method)(url).status_code == 404, name
    _unchanged(world)


def _hours(**days):
    data = {}
    for day in range(7):
        data[f"opens_{day}"], data[f"closes_{day}"] = days.get(f"d{day}", ("", ""))
    return data


def test_the_staff_adds_a_resource_with_its_hours(client, world):
    client.force_login(world["staff"])
    data = {
        "kind": "desk",
        "name": "Poste fenêtre",
        "capacity": "1",
        "policy": "members",
        "max_duration_minutes": "480",
        "max_days_ahead": "30",
        "is_active": "on",
        **_hours(d0=("09:00", "18:00"), d2=("09:00", "12:00")),
    }
    response = client.post(reverse("places:staff_resource_new", args=[world["place"].pk]), data)
    assert response.status_code == 302
    resource = Resource.objects.get(name="Poste fenêtre")
    assert (resource.kind, resource.programme_id, resource.max_duration_minutes) == (
        "desk",
        world["place"].pk,
        480,
    )
    assert list(
        OpeningHours.objects.filter(resource=resource).values_list("weekday", "opens_at", "closes_at")
    ) == [
        (0, dt.time(9), dt.time(18)),
        (2, dt.time(9), dt.time(12)),
    ]


def test_bad_resource_input_is_a_400_and_writes_nothing(client, world):
    client.force_login(world["staff"])
    data = {"kind": "room", "name": "X", "capacity": "0", "policy": "members", "max_duration_minutes": "60"}
    data.update(max_days_ahead="10", **_hours(d1=("18:00", "09:00"), d3=("09:00", "")))
    response = client.post(reverse("places:staff_resource_new", args=[world["place"].pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez l&#x27;ouverture et la fermeture, ou aucune des deux." in html
    assert Resource.objects.count() == 1


def test_the_staff_edits_a_resource_and_closes_a_day(client, world):
    client.force_login(world["staff"])
    url = reverse("places:staff_resource_edit", args=[world["resource"].pk])
    page = client.get(url).content.decode()
    assert 'value="Salle Jaurès"' in page and 'name="opens_6" value="08:00"' in page
    data = {"kind": "room", "name": "Salle Jean Jaurès", "capacity": "12", "policy": "signed_in"}
    data.update(max_duration_minutes="120", max_days_ahead="90", **_hours(d0=("08:00", "20:00")))
    assert client.post(url, data).status_code == 302
    resource = Resource.objects.get(pk=world["resource"].pk)
    assert (resource.name, resource.capacity, resource.policy, resource.is_active) == (
        "Salle Jean Jaurès",
        12,
        "signed_in",
        False,
    )
    assert list(resource.hours.values_list("weekday", flat=True)) == [0]


def test_the_staff_adds_and_edits_a_member(client, world):
    person = UserFactory(email="camille@example.org")
    client.force_login(world["staff"])
    url = reverse("places:staff_members", args=[world["place"].pk])
    data = {
        "email": "Camille@example.org",
        "kind": "resident",
        "allowance_hours": "10",
        "starts_on": "2026-01-05",
    }
    assert client.post(url, data).status_code == 302
    membership = PlaceMembership.objects.get(user=person)
    assert (membership.kind, membership.monthly_allowance_minutes, membership.starts_on) == (
        "resident",
        600,
        dt.date(2026, 1, 5),
    )
    assert "Crédit mensuel de salles : 10 h" in client.get(url).content.decode()
    edit = reverse("places:staff_member", args=[world["place"].pk, membership.pk])
    data.update(allowance_hours="", ends_on="2026-12-31")
    assert client.post(edit, data).status_code == 302
    membership.refresh_from_db()
    assert (membership.monthly_allowance_minutes, membership.ends_on) == (None, dt.date(2026, 12, 31))
    bad = client.post(url, {**data, "email": "personne@nulle.part"})
    assert bad.status_code == 400 and "Aucun compte actif" in bad.content.decode()
    assert PlaceMembership.objects.count() == 2


def test_the_staff_grants_and_ends_an_entitlement(client, world):
    desk = ResourceFactory(programme=world["place"], kind="desk", name="Poste 3")
    client.force_login(world["staff"])
    url = reverse("places:staff_entitlements", args=[world["place"].pk])
    data = {"project": world["project"].pk, "kind": "desk", "resource": desk.pk, "starts_on": "2026-02-01"}
    assert client.post(url, data).status_code == 302
    granted = Entitlement.objects.get(resource=desk)
    assert (granted.project_id, granted.kind) == (world["project"].pk, "desk")
    foreign = ProjectFactory()  # another organisation's project is not a choice
    response = client.post(url, {**data, "project": foreign.pk})
    assert response.status_code == 400
    assert Entitlement.objects.count() == 2
    assert (
        client.post(reverse("places:staff_entitlement_end", args=[world["place"].pk, granted.pk])).status_code
        == 302
    )
    assert Entitlement.objects.get(pk=granted.pk).ends_on is not None


def test_the_staff_keeps_the_domiciliation_register(client, world):
    client.force_login(world["staff"])
    url = reverse("places:staff_domiciliations", args=[world["place"].pk])
    bad = client.post(url, {"name": "Scop", "siret": "12345678901234", "starts_on": "2026-01-01"})
    assert bad.status_code == 400 and "n&#x27;est pas un numéro SIRET valide" in bad.content.decode()
    data = {
        "name": "Scop Tisserands",
        "siret": "356 000 000 00048",
        "starts_on": "2026-04-01",
        "project": world["project"].pk,
    }
    response = client.post(url, data)
    made = Domiciliation.objects.get(name="Scop Tisserands")
    assert response.url == reverse("places:staff_domiciliation", args=[world["place"].pk, made.pk])
    assert (made.siret, made.project_id) == ("35600000000048", world["project"].pk)
    detail = reverse("places:staff_domiciliation", args=[world["place"].pk, made.pk])
    receive = reverse("places:staff_mail_receive", args=[world["place"].pk, made.pk])
    assert (
        client.post(
            receive, {"kind": "parcel", "sender": "La Poste", "received_on": "2026-04-02"}
        ).status_code
        == 302
    )
    item = MailItem.objects.get(domiciliation=made)
    assert (
        client.post(
            reverse("places:staff_mail_hand_over", args=[world["place"].pk, made.pk, item.pk])
        ).status_code
        == 302
    )
    assert MailItem.objects.get(pk=item.pk).handed_over_on is not None
    assert "Remis le" in client.get(detail).content.decode()
    assert (
        client.post(reverse("places:staff_domiciliation_end", args=[world["place"].pk, made.pk])).status_code
        == 302
    )
    page = client.get(detail).content.decode()
    assert "Terminée" in page and "Mettre fin au contrat" not in page and 'name="received_on"' not in page


def test_the_report_shows_occupancy_members_and_domiciliations(client, world):
    client.force_login(world["staff"])
    page = client.get(
        reverse("places:staff_report", args=[world["place"].pk]), {"annee": "2026"}
    ).content.decode()
    assert "Taux d'occupation (%) en 2026" in page
    assert "Salle Jaurès" in page
    assert "1\xa0entreprise domiciliée" in page
    # one accompanied project, no enterprise created yet: nothing to mask, zero in both columns
    assert '<th scope="row">Entreprises</th><td>0</td><td>0</td>' in page


@pytest.mark.parametrize("n", [1, 5])
def test_list_pages_do_not_grow_with_their_rows(client, world, django_assert_max_num_queries, n):
    place = world["place"]
    for i in range(n):
        MembershipFactory(programme=place)
        ResourceFactory(programme=place)
        item = Domiciliation.objects.create(
            place=place, name=f"E{i}", siret="35600000000048", starts_on=dt.date(2026, 1, 1), state="ended"
        )
        MailItem.objects.create(domiciliation=item, received_on=dt.date(2026, 2, 1))
        Entitlement.objects.create(
            place=place,
            project=world["project"],
            kind="credits",
            monthly_minutes=60,
            starts_on=dt.date(2026, 1, 1),
        )
    client.force_login(world["staff"])
    for name in ("members", "entitlements", "domiciliations", "report", "domiciliation"):
        with django_assert_max_num_queries(16):
            assert client.get(_urls(world)[name][1]).status_code == 200, name
    with django_assert_max_num_queries(16):
        assert client.get(reverse("places:staff_list")).status_code == 200
