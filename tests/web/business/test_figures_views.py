import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_figures_in_full_for_the_platform_and_protected_outside(client, web):
    url = reverse("business:figures")
    client.force_login(web.admin)
    rows = client.get(url, {"by": "departement"}).context["rows"]
    assert [(r.label, r.requests, r.suppliers) for r in rows] == [("Hérault", 2 - 1, 1)]
    client.force_login(web.buyer_user)
    page = client.get(url)
    assert page.context["inside"] is False and str(page.context["rows"][0].suppliers) == "< 5"
    assert client.get(url, {"by": "nope"}).status_code == 400


def test_people_without_a_team_or_a_territory_may_not(client, web):
    client.force_login(UserFactory())
    assert client.get(reverse("business:figures")).status_code == 403
    client.logout()
    assert client.get(reverse("business:figures")).url.startswith(reverse("web:login"))
    client.force_login(web.admin)
    assert client.post(reverse("business:figures")).status_code == 405
