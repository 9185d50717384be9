import pytest
from django.contrib.auth import authenticate

from essaim.accounts import rules
from essaim.accounts.models import Membership, TerritoryScope, User
from essaim.demo.accounts import PASSWORD, demo_accounts, seed
from essaim.directory.models import Organisation, Programme

pytestmark = pytest.mark.django_db

STUDY_SLUGS = [
    "alter-incub",
    "antropia",
    "apeas",
    "collectif-mesclun",
    "coventis",
    "cres-lr",
    "district-solidaire",
    "ecole-entrepreneuriat-economie-sociale",
    "inter-made",
    "la-fabrique-a-initiatives",
    "la-ruche",
    "pole-sud",
    "realis",
    "replic",
]


def test_demo_accounts(study):
    assert seed() == 17
    emails = sorted(User.objects.filter(is_demo=True).values_list("email", flat=True))
    assert emails == sorted(
        [f"{slug}@demo.essaim.fr" for slug in STUDY_SLUGS]
        + ["porteur@demo.essaim.fr", "occitanie@demo.essaim.fr", "admin@demo.essaim.fr"]
    )
    for email in emails:
        assert authenticate(username=email, password=PASSWORD) == User.objects.get(email=email)


def test_staff_accounts_administer_their_programme_organisation(study):
    seed()
    user = User.objects.get(email="alter-incub@demo.essaim.fr")
    alter_incub = Programme.objects.get(slug="alter-incub")
    assert list(user.memberships.values_list("organisation_id", "role")) == [
        (alter_incub.organisation_id, Membership.Role.ADMIN)
    ]
    assert rules.is_org_admin(user, alter_incub)
    assert not rules.is_org_admin(user, Organisation.objects.get(slug="antropia"))
    assert (user.is_staff, user.is_superuser, user.is_carrier) == (False, False, False)


def test_role_accounts(study):
    seed()
    carrier = User.objects.get(email="porteur@demo.essaim.fr")
    viewer = User.objects.get(email="occitanie@demo.essaim.fr")
    admin = User.objects.get(email="admin@demo.essaim.fr")
    assert (carrier.is_carrier, carrier.is_staff, list(carrier.memberships.all())) == (True, False, [])
    assert list(viewer.territory_scopes.values_list("kind", "level", "code")) == [
        (TerritoryScope.Kind.LOCAL_AUTHORITY, "region", "76")
    ]
    assert rules.is_territory_viewer(viewer, ("departement", "34"))
    assert not rules.is_territory_viewer(viewer, ("departement", "13"))
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert rules.is_platform_admin(admin)


def test_seed_is_idempotent_and_keeps_passwords(study):
    seed()
    user = User.objects.get(email="porteur@demo.essaim.fr")
    user.set_password("changé-par-l-utilisateur")
    user.save()
    assert seed() == 0
    assert User.objects.filter(is_demo=True).count() == 17
    assert Membership.objects.count() == 14
    assert TerritoryScope.objects.count() == 1
    user.refresh_from_db()
    assert user.check_password("changé-par-l-utilisateur")


def test_seed_repairs_lost_rights(study):
    seed()
    User.objects.filter(email="admin@demo.essaim.fr").update(is_superuser=False)
    Membership.objects.filter(user__email="replic@demo.essaim.fr").update(role=Membership.Role.MEMBER)
    seed()
    assert User.objects.get(email="admin@demo.essaim.fr").is_superuser is True
    assert Membership.objects.get(user__email="replic@demo.essaim.fr").role == Membership.Role.ADMIN


def test_demo_accounts_table(study):
    seed()
    accounts = {a.email: a.role for a in demo_accounts()}
    assert accounts["admin@demo.essaim.fr"] == "administrateur de la plateforme"
    assert accounts["porteur@demo.essaim.fr"] == "porteur de projet"
    assert accounts["occitanie@demo.essaim.fr"] == "collectivité locale — Région Occitanie"
    assert accounts["alter-incub@demo.essaim.fr"] == "équipe : Alter'Incub (admin)"


def test_no_demo_account_without_the_demo(study):
    assert User.objects.count() == 0
