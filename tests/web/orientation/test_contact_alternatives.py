"""/orientation/coordonnees/: few programmes here, the carrier leaves their details once for the
nearest alternatives, the ecosystems and the local authorities of their territory; and who then
reads which request on /orientation/demandes/."""

import pytest
from django.core import mail
from django.urls import reverse

from essaim.accounts.models import TerritoryScope
from essaim.orientation.models import ContactRequest, Recipient
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import EcosystemFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

AUBUSSON = "23008"  # Creuse: no ESS programme; the nearest are in the Haute-Vienne (same région)
URL = reverse("orientation:contact_alternatives") + f"?place={AUBUSSON}&stage=emergence"
REQUESTS = reverse("workspace:contact_requests")
VALID = {
    "name": "Camille Martin",
    "email": "camille@example.org",
    "phone": "",
    "message": "Je prépare une recyclerie à Aubusson.",
    "consent": "on",
}
LOCAL_AUTHORITY = TerritoryScope.Kind.LOCAL_AUTHORITY


@pytest.fixture
def creuse():
    """One alternative programme next door, an ecosystem over the Creuse, a département viewer."""
    nearest = ProgrammeFactory(
        slug="incubateur-87",
        name="Incubateur limousin",
        organisation=OrganisationFactory(name="Limousin Actif", email="contact@limousin.example"),
        contact_email="incubateur@limousin.example",
        zone=["departement:87"],
        stages=["emergence"],
    )
    leader = OrganisationFactory(name="Réseau creusois", email="reseau@creuse.example")
    ecosystem = EcosystemFactory(
        slug="creuse-ess", name="Creuse solidaire", leader=leader, territory_refs=["departement:23"]
    )
    EcosystemFactory(slug="ailleurs", leader=OrganisationFactory(), territory_refs=["departement:34"])
    viewer = TerritoryScopeFactory(
        user__email="elu@creuse.example", kind=LOCAL_AUTHORITY, level="departement", code="23"
    ).user
    return {"nearest": nearest, "ecosystem": ecosystem, "leader": leader, "viewer": viewer}


def test_anonymous_carrier_sees_every_recipient_in_words(client, creuse):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Votre message sera transmis, une seule fois, à ces 3 destinataires" in text
    assert "Incubateur limousin" in text
    assert "L'écosystème Creuse solidaire" in text
    assert "animé par Réseau creusois" in text
    assert "Les collectivités qui suivent votre territoire sur Essaim" in text
    assert "(Creuse)" in text
    assert "ailleurs" not in text


def test_sending_stores_one_request_per_recipient_and_notifies_each(client, creuse):
    staff = MembershipFactory(organisation=creuse["leader"], user__email="equipe@creuse.example").user
    response = client.post(URL, VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("orientation:results") + f"?place={AUBUSSON}&stage=emergence"
    rows = ContactRequest.objects.order_by("pk")
    assert [(r.recipient, r.programme_id, r.ecosystem_id) for r in rows] == [
        (Recipient.PROGRAMME, creuse["nearest"].pk, None),
        (Recipient.ECOSYSTEM, None, creuse["ecosystem"].pk),
        (Recipient.TERRITORY, None, None),
    ]
    assert {(r.email, r.commune_id, r.stage) for r in rows} == {
        ("camille@example.org", AUBUSSON, "emergence")
    }
    assert len({r.consent_at for r in rows}) == 1
    assert sorted((m.subject, tuple(m.to)) for m in mail.outbox) == [
        ("Demande de contact d'un porteur de projet à Aubusson", ("elu@creuse.example",)),
        ("Demande de contact pour Incubateur limousin", ("incubateur@limousin.example",)),
        ("Demande de contact pour l'écosystème Creuse solidaire", (staff.email, "reseau@creuse.example")),
    ]
    assert all(m.reply_to == ["camille@example.org"] for m in mail.outbox)
    followed = client.get(response["Location"])
    assert "Vos coordonnées ont été transmises aux destinataires indiqués." in followed.content.decode()


def test_a_second_submission_is_not_duplicated(client, creuse):
    assert client.post(URL, VALID).status_code == 302
    response = client.post(URL, {**VALID, "email": "Camille@Example.org"}, follow=True)
    assert ContactRequest.objects.count() == 3
    assert len(mail.outbox) == 3
    assert "Vos coordonnées avaient déjà été transmises à ces destinataires" in response.content.decode()


def test_without_a_viewer_or_an_ecosystem_only_the_programmes(client, creuse):
    creuse["ecosystem"].delete()
    TerritoryScope.objects.filter(user=creuse["viewer"]).update(kind=TerritoryScope.Kind.FUNDER)
    assert client.post(URL, VALID).status_code == 302
    assert [(r.recipient, r.programme_id) for r in ContactRequest.objects.all()] == [
        (Recipient.PROGRAMME, creuse["nearest"].pk)
    ]


def test_consent_is_required(client, creuse):
    response = client.post(URL, {**VALID, "consent": ""})
    assert response.status_code == 400
    assert "Votre accord est nécessaire pour transmettre votre message." in response.content.decode()
    assert ContactRequest.objects.count() == 0
    assert mail.outbox == []


def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, creuse):
    response = client.post(URL, {**VALID, "email": "pas-une-adresse", "message": ""})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Le formulaire contient des erreurs : corrigez les champs signalés." in text
    assert "Saisissez une adresse de courriel valide." in text
    assert "Ce champ est obligatoire." in text
    assert 'value="Camille Martin"' in text
    assert ContactRequest.objects.count() == 0


def test_unknown_place_or_enough_programmes_is_404(client, creuse):
    bad = reverse("orientation:contact_alternatives") + "?place=zzzzqqq&stage=emergence"
    assert client.get(bad).status_code == 404
    for i in range(3):
        ProgrammeFactory(slug=f"creusois-{i}", zone=["departement:23"], stages=["emergence"])
    assert client.get(URL).status_code == 404
    assert client.post(URL, VALID).status_code == 404
    assert ContactRequest.objects.count() == 0


def test_nobody_to_send_to_is_404(client):
    # No ESS programme anywhere, no ecosystem, no viewer.
    assert client.get(URL).status_code == 404


def test_wrong_method(client, creuse):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


# --- who reads which request ------------------------------------------------------------


@pytest.fixture
def sent(client, creuse):
    assert client.post(URL, VALID).status_code == 302
    client.logout()
    return {r.recipient: r for r in ContactRequest.objects.all()}


def shown(client, user) -> list[int]:
    client.force_login(user)
    response = client.get(REQUESTS)
    assert response.status_code == 200
    return [r.pk for r in response.context["page"].object_list]


def test_each_recipient_reads_its_own_request(client, creuse, sent):
    programme_staff = MembershipFactory(organisation=creuse["nearest"].organisation).user
    ecosystem_staff = MembershipFactory(organisation=creuse["leader"]).user
    assert shown(client, programme_staff) == [sent[Recipient.PROGRAMME].pk]
    assert shown(client, ecosystem_staff) == [sent[Recipient.ECOSYSTEM].pk]
    assert shown(client, creuse["viewer"]) == [sent[Recipient.TERRITORY].pk]
    response = client.get(REQUESTS)
    assert "Collectivités du territoire" in response.content.decode()
    assert "Camille Martin" in response.content.decode()


@pytest.mark.parametrize(
    ("level", "code"),
    [("commune", AUBUSSON), ("epci", "200044014"), ("region", "75"), ("national", "FR")],
)
def test_a_viewer_whose_scope_contains_the_commune_reads_it(client, creuse, sent, level, code):
    viewer = TerritoryScopeFactory(kind=LOCAL_AUTHORITY, level=level, code=code).user
    assert shown(client, viewer) == [sent[Recipient.TERRITORY].pk]


def test_other_actors_do_not_read_it(client, creuse, sent):
    elsewhere = TerritoryScopeFactory(kind=LOCAL_AUTHORITY, level="departement", code="34").user
    assert shown(client, elsewhere) == []
    other_staff = MembershipFactory().user
    assert shown(client, other_staff) == []
    # The staff of the ecosystem or the programme do not read each other's, nor the territory's.
    programme_staff = MembershipFactory(organisation=creuse["nearest"].organisation).user
    assert sent[Recipient.TERRITORY].pk not in shown(client, programme_staff)
    admin = UserFactory(admin=True)
    assert sorted(shown(client, admin)) == sorted(r.pk for r in sent.values())


def test_a_funder_or_a_carrier_is_refused(client, creuse, sent):
    funder = TerritoryScopeFactory(kind=TerritoryScope.Kind.FUNDER, level="departement", code="23").user
    client.force_login(funder)
    response = client.get(REQUESTS)
    assert response.status_code == 403
    assert f'id="demande-{sent[Recipient.TERRITORY].pk}"'.encode() not in response.content
    client.force_login(UserFactory(carrier=True))
    assert client.get(REQUESTS).status_code == 403


def test_anonymous_is_sent_to_login(client, sent):
    response = client.get(REQUESTS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_requests_wrong_method(client, creuse):
    client.force_login(creuse["viewer"])
    assert client.post(REQUESTS).status_code == 405


@pytest.mark.parametrize("count", [1, 6])
def test_a_viewers_list_costs_the_same_queries(client, creuse, count, django_assert_num_queries):
    for i in range(count):
        assert client.post(URL, {**VALID, "email": f"porteur{i}@example.org"}).status_code == 302
    client.force_login(creuse["viewer"])
    client.get(REQUESTS)  # the navigation's count, kept a minute in the session
    # session, user, memberships and scopes (rules), count, page with programme/ecosystem/commune,
    # counts by state
    with django_assert_num_queries(7):
        response = client.get(REQUESTS)
    assert len(response.context["page"].object_list) == count
