"""The demo's "Courriels envoyés" pages (essaim/web/outbox/views.py): platform admins, demo only."""

import pytest
from django.urls import reverse

from essaim.outbox.models import SentEmail
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.web.html import assert_strict_csp_page

pytestmark = pytest.mark.django_db
LIST = reverse("web:sent_emails")


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    return settings


def _email(subject="Nouvelle demande de contact", to=("equipe@incubateur.example",)):
    return SentEmail.objects.create(
        from_email="Essaim <ne-pas-repondre@essaim.localhost>",
        recipients=list(to),
        subject=subject,
        body="Bonjour",
    )


def test_admin_sees_the_emails_newest_first(client, demo):
    older, newer = _email("Premier"), _email("Second", to=("porteur@example.org", "autre@example.org"))
    client.force_login(UserFactory(admin=True))
    response = client.get(LIST)
    assert response.status_code == 200
    assert [e.pk for e in response.context["page"].object_list] == [newer.pk, older.pk]
    html = response.content.decode()
    assert "2\u00a0courriels" in html
    assert f'<a href="{reverse("web:sent_email", args=[newer.pk])}">Second</a>' in html
    assert "<td>porteur@example.org, autre@example.org</td>" in html
    assert_strict_csp_page(response)


def test_admin_reads_one_email(client, demo):
    email = _email()
    client.force_login(UserFactory(admin=True))
    response = client.get(reverse("web:sent_email", args=[email.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Nouvelle demande de contact</h1>" in html
    assert '<pre class="email-body">Bonjour</pre>' in html
    assert_strict_csp_page(response)


def test_unknown_email_is_404(client, demo):
    client.force_login(UserFactory(admin=True))
    assert client.get(reverse("web:sent_email", args=[999999])).status_code == 404


def test_anonymous_goes_to_login(client, demo):
    email = _email()
    for url in (LIST, reverse("web:sent_email", args=[email.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('web:login')}?next={url}"


@pytest.mark.parametrize("who", ["carrier", "staff"])
def test_other_people_are_refused(client, demo, who):
    email = _email()
    user = UserFactory(carrier=True) if who == "carrier" else MembershipFactory(role="admin").user
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("web:sent_email", args=[email.pk])).status_code == 403


def test_outside_the_demo_the_pages_do_not_exist(client, settings):
    settings.DEMO = False
    email = _email()
    client.force_login(UserFactory(admin=True))
    assert client.get(LIST).status_code == 404
    assert client.get(reverse("web:sent_email", args=[email.pk])).status_code == 404


def test_post_is_refused(client, demo):
    email = _email()
    client.force_login(UserFactory(admin=True))
    assert client.post(LIST).status_code == 405
    assert client.post(reverse("web:sent_email", args=[email.pk])).status_code == 405


@pytest.mark.parametrize("n", [1, 30])
def test_list_query_count_does_not_grow(client, demo, django_assert_num_queries, n):
    for i in range(n):
        _email(f"Courriel {i}")
    client.force_login(UserFactory(admin=True))
    client.get(LIST)  # warm the session and the user
    with django_assert_num_queries(4):  # session, user, count, page
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == n


def test_demo_banner_links_admins_to_the_emails(client, demo):
    anonymous = client.get("/").content.decode()
    assert "Site de démonstration" in anonymous
    assert LIST not in anonymous
    client.force_login(UserFactory(admin=True))
    assert f'<a href="{LIST}">Voir les courriels envoyés</a>' in client.get("/").content.decode()


def test_no_demo_banner_outside_the_demo(client, settings):
    settings.DEMO = False
    assert "Site de démonstration" not in client.get("/").content.decode()
