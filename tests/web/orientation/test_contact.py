"""/orientation/contact/<slug>/ (POST stores a request and e-mails the programme) and /orientation/demandes/."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from essaim.orientation.models import ContactRequest
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

REQUESTS = reverse("workspace:contact_requests")
VALID = {
    "name": "Camille Martin",
    "email": "camille@example.org",
    "phone": "",
    "message": "Je prépare une épicerie solidaire à Montpellier.",
    "consent": "on",
}


@pytest.fixture
def programme():
    organisation = OrganisationFactory(email="contact@incubateur.example")
    return ProgrammeFactory(
        slug="incubateur-34",
        name="Incubateur héraultais",
        organisation=organisation,
        contact_email="accueil@incubateur.example",
    )


def url(programme) -> str:
    return (
        reverse("orientation:contact", args=[programme.slug]) + "?place=34172&stage=emergence&need=financing"
    )


def test_form_is_shown(client, programme):
    response = client.get(url(programme))
    assert response.status_code == 200
    assert b'name="consent"' in response.content


def test_sending_stores_the_request_and_notifies_the_programme(client, programme):
    staff = MembershipFactory(
        organisation=programme.organisation, user__email="equipe@incubateur.example"
    ).user
    response = client.post(url(programme), VALID)
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("orientation:results") + "?place=34172&stage=emergence&need=financing"
    )
    request = ContactRequest.objects.get()
    assert (request.programme, request.name, request.email, request.commune_id, request.stage) == (
        programme,
        "Camille Martin",
        "camille@example.org",
        "34172",
        "emergence",
    )
    assert tuple(request.needs) == ("financing",)
    assert request.consent_at is not None
    assert request.notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["accueil@incubateur.example", staff.email]
    assert message.reply_to == ["camille@example.org"]
    assert message.subject == "Demande de contact pour Incubateur héraultais"
    assert "Je prépare une épicerie solidaire à Montpellier." in message.body
    assert "Commune : Montpellier" in message.body


def test_consent_is_required(client, programme):
    response = client.post(url(programme), {**VALID, "consent": ""})
    assert response.status_code == 400
    assert "Votre accord est nécessaire pour transmettre votre message." in response.content.decode()
    assert ContactRequest.objects.count() == 0
    assert mail.outbox == []


def test_invalid_email(client, programme):
    response = client.post(url(programme), {**VALID, "email": "pas-une-adresse"})
    assert response.status_code == 400
    assert b'aria-invalid="true"' in response.content
    assert ContactRequest.objects.count() == 0


def test_unpublished_or_unknown_programme_is_404(client, programme):
    hidden = ProgrammeFactory(is_published=False)
    assert client.post(url(hidden), VALID).status_code == 404
    assert client.get(reverse("orientation:contact", args=["inconnu"])).status_code == 404


def test_wrong_method(client, programme):
    assert client.put(url(programme)).status_code == 405


# --- the list, for the programme's organisation staff only ------------------------------


def _request(programme, name="Camille"):
    from essaim.orientation.services import contact_request_create

    return contact_request_create(
        programme=programme,
        name=name,
        email="c@example.org",
        message="Bonjour",
        consent=True,
        by=AnonymousUser(),
    )


def test_staff_see_their_organisation_requests_only(client, programme):
    other = ProgrammeFactory(slug="autre")
    mine = _request(programme)
    theirs = _request(other, name="Dominique")
    staff = MembershipFactory(organisation=programme.organisation).user
    client.force_login(staff)
    response = client.get(REQUESTS)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [mine.pk]
    assert f'id="demande-{theirs.pk}"'.encode() not in response.content


def test_anonymous_is_sent_to_login(client):
    response = client.get(REQUESTS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_user_without_organisation_is_refused(client, programme):
    _request(programme)
    client.force_login(UserFactory(carrier=True))
    assert client.get(REQUESTS).status_code == 403


def test_requests_wrong_method(client, programme):
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    assert client.post(REQUESTS).status_code == 405


@pytest.mark.parametrize("count", [1, 8])
def test_requests_query_count_is_constant(client, programme, count, django_assert_num_queries):
    for i in range(count):
        _request(programme, name=f"Porteur {i}")
    client.force_login(MembershipFactory(organisation=programme.organisation).user)
    client.get(REQUESTS)  # the navigation's count, kept a minute in the session
    # session, user, memberships (rule), count, page of requests with what a card shows, counts by state
    with django_assert_num_queries(6):
        response = client.get(REQUESTS)
    assert len(response.context["page"].object_list) == count


def test_an_address_sending_too_many_requests_is_slowed_down(client, programme, settings):
    settings.ORIENTATION_CONTACT_RATE_LIMIT = 2
    assert client.post(url(programme), VALID).status_code == 302
    assert client.post(url(programme), VALID).status_code == 302
    response = client.post(url(programme), VALID)
    assert response.status_code == 429
    assert "Trop de demandes envoyées depuis cette connexion." in response.content.decode()
    assert ContactRequest.objects.count() == 2
