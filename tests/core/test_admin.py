"""Every admin page of our models renders for a platform admin and is refused to everyone else."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.shortcuts import resolve_url
from django.urls import reverse

from essaim.accounts.models import Membership, User
from essaim.accounts.services import token_create
from essaim.accounts.services.invitations import invitation_create
from essaim.demo.accounts import seed as seed_demo_accounts
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"territories", "directory", "accounts"}
MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in OUR_APPS
)


@pytest.fixture
def data(study):
    seed_demo_accounts()
    token_create(user=User.objects.get(email="porteur@demo.essaim.fr"), name="essai")
    membership = Membership.objects.filter(role=Membership.Role.ADMIN).select_related("user").first()
    invitation_create(
        organisation=membership.organisation, email="invitee@example.org", role="member", by=membership.user
    )


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(admin=True))
    return client


def test_every_model_of_ours_is_registered():
    assert MODELS == [
        ("accounts", "apitoken"),
        ("accounts", "invitation"),
        ("accounts", "membership"),
        ("accounts", "territoryscope"),
        ("accounts", "user"),
        ("directory", "ecosystem"),
        ("directory", "organisation"),
        ("directory", "programme"),
        ("territories", "commune"),
        ("territories", "departement"),
        ("territories", "epci"),
        ("territories", "region"),
    ]


@pytest.mark.parametrize(("app_label", "model_name"), MODELS)
def test_changelist_and_change_form_render(superuser_client, data, app_label, model_name):
    model = next(
        m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )
    changelist = superuser_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    obj = model.objects.order_by("pk").first()
    assert obj is not None
    change = superuser_client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]))
    assert change.status_code == 200


@pytest.mark.parametrize(
    ("app_label", "model_name"),
    [
        ("directory", "organisation"),
        ("directory", "programme"),
        ("directory", "ecosystem"),
        ("accounts", "user"),
    ],
)
def test_add_forms_render(superuser_client, app_label, model_name):
    assert superuser_client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == 200


@pytest.mark.parametrize(("app_label", "model_name"), [("territories", "region"), ("territories", "commune")])
def test_referential_is_read_only(superuser_client, app_label, model_name):
    assert superuser_client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == 403
    response = superuser_client.post(reverse(f"admin:{app_label}_{model_name}_delete", args=["76"]))
    assert response.status_code in (403, 302)
    from essaim.territories.models import Region

    assert Region.objects.filter(pk="76").exists()


def test_territory_search_ignores_accents(superuser_client):
    response = superuser_client.get(reverse("admin:territories_region_changelist"), {"q": "ile de fr"})
    assert [r.code for r in response.context["cl"].result_list] == ["11"]
    response = superuser_client.get(reverse("admin:territories_commune_changelist"), {"q": "34172"})
    assert [c.code for c in response.context["cl"].result_list] == ["34172"]


@pytest.mark.parametrize(
    ("url_name", "login"),
    [("admin:index", "admin:login"), ("admin:directory_programme_changelist", settings.LOGIN_URL)],
)
def test_anonymous_is_sent_to_a_login_page(client, url_name, login):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(login)}?next={url}"


@pytest.mark.parametrize("traits", [{}, {"carrier": True}])
def test_non_staff_users_are_refused(client, traits):
    client.force_login(UserFactory(**traits))
    url = reverse("admin:directory_programme_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_staff_without_permission_cannot_open_programmes(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:directory_programme_changelist")).status_code == 403


def test_revoke_action(superuser_client, data):
    from essaim.accounts.models import ApiToken

    token = ApiToken.objects.get()
    response = superuser_client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_platform_admin_creates_a_user_with_an_email_login(superuser_client):
    response = superuser_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nouvelle@Example.org",
            "full_name": "Nouvelle personne",
            "usable_password": "true",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@example.org")
    assert user.check_password("un-mot-de-passe-solide-42")
    assert (user.is_staff, user.is_demo) == (False, False)
    again = superuser_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "NOUVELLE@example.org",
            "usable_password": "true",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        },
    )
    assert again.context["adminform"].form.errors["email"] == ["Un compte existe déjà avec cette adresse."]


def test_territory_scope_checked_against_the_referential(superuser_client):
    user = UserFactory()
    url = reverse("admin:accounts_territoryscope_add")
    response = superuser_client.post(
        url, {"user": user.pk, "kind": "funder", "level": "departement", "code": "999"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"] == ["Territoire inconnu : departement:999"]
    response = superuser_client.post(
        url, {"user": user.pk, "kind": "funder", "level": "departement", "code": "34"}
    )
    assert response.status_code == 302
    assert list(user.territory_scopes.values_list("level", "code")) == [("departement", "34")]


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:directory_programme_changelist",
        "admin:directory_organisation_changelist",
        "admin:accounts_user_changelist",
    ],
)
def test_changelist_queries_do_not_grow_with_rows(superuser_client, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.accounts import MembershipFactory
    from tests.factories.directory import ProgrammeFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert superuser_client.get(reverse(url_name)).status_code == 200
        return len(ctx.captured_queries)

    ProgrammeFactory()
    MembershipFactory()
    one = count()
    ProgrammeFactory.create_batch(15)
    MembershipFactory.create_batch(15)
    assert count() == one
