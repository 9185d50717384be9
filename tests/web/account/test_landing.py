"""After login each role lands on its own page; an explicit, safe `next` still wins."""

import pytest
from django.urls import reverse

from tests.factories.accounts import PASSWORD, MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("web:login")


def login(client, user, **extra):
    return client.post(LOGIN, {"email": user.email, "password": PASSWORD, **extra})


def test_a_carrier_lands_on_their_space(client):
    response = login(client, UserFactory(carrier=True))
    assert response["Location"] == reverse("workspace:home") == "/espace/"


def test_staff_running_one_programme_land_on_its_board(client):
    programme = ProgrammeFactory(slug="alter-incub")
    user = MembershipFactory(organisation=programme.organisation).user
    ProgrammeFactory(slug="autre-equipe")  # another organisation's programme is not theirs
    assert login(client, user)["Location"] == reverse("workspace:board", args=["alter-incub"])


def test_staff_running_several_programmes_land_on_the_list_of_them(client):
    organisation = OrganisationFactory()
    ProgrammeFactory(organisation=organisation)
    ProgrammeFactory(organisation=organisation)
    user = MembershipFactory(organisation=organisation).user
    assert login(client, user)["Location"] == reverse("workspace:home")


def test_staff_of_an_organisation_without_programme_land_on_their_reports(client):
    user = MembershipFactory(organisation=OrganisationFactory()).user  # a funder's staff, say
    assert login(client, user)["Location"] == reverse("reports:index")


def test_a_local_authority_viewer_lands_on_their_territory_report(client):
    user = TerritoryScopeFactory(level="departement", code="34").user
    response = login(client, user)
    assert response["Location"] == reverse("reports:territory", kwargs={"level": "departement", "code": "34"})


def test_a_viewer_of_several_territories_lands_on_the_list_of_reports(client):
    user = TerritoryScopeFactory(level="departement", code="34").user
    TerritoryScopeFactory(user=user, level="departement", code="11")
    assert login(client, user)["Location"] == reverse("reports:index")


def test_an_expert_lands_on_their_mobilisations(client):
    response = login(client, UserFactory(expert=True, carrier=True))
    assert response["Location"] == reverse("workspace:expert_requests")


def test_a_platform_admin_lands_on_the_administration(client):
    assert login(client, UserFactory(admin=True))["Location"] == reverse("admin:index")


def test_someone_without_a_role_lands_on_their_account(client):
    assert login(client, UserFactory())["Location"] == reverse("web:account")


def test_staff_role_comes_before_the_carrier_one(client):
    programme = ProgrammeFactory()
    user = MembershipFactory(organisation=programme.organisation, user=UserFactory(carrier=True)).user
    assert login(client, user)["Location"] == reverse("workspace:board", args=[programme.slug])


def test_an_explicit_safe_next_wins(client):
    response = login(client, UserFactory(carrier=True), next="/annuaire/")
    assert response["Location"] == "/annuaire/"


def test_an_unsafe_next_falls_back_to_the_landing_page(client):
    response = login(client, UserFactory(carrier=True), next="https://ailleurs.example/")
    assert response["Location"] == reverse("workspace:home")


def test_the_login_page_sends_someone_signed_in_to_their_landing_page(client):
    user = UserFactory(expert=True)
    client.force_login(user)
    assert client.get(LOGIN)["Location"] == reverse("workspace:expert_requests")


def test_each_landing_page_opens_for_its_role(client):
    user = TerritoryScopeFactory(level="departement", code="34").user
    target = login(client, user)["Location"]
    assert client.get(target).status_code == 200


def test_the_login_page_links_to_password_reset_and_sign_up(client):
    html = client.get(LOGIN).content.decode()
    assert f'href="{reverse("web:password_reset")}"' in html
    assert f'href="{reverse("web:signup")}"' in html
    assert "Mot de passe oublié ?" in html
    assert "Créer un compte" in html
