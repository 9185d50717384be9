"""Builders of the business tests: buyers with their staff, offers with zones and labels,
requests (as rows: the services are tested on their own)."""

import datetime as dt

import factory
from django.utils import timezone

from essaim.accounts.models import Membership
from essaim.business.enums import AmountBand, BuyerKind, Provenance, RequestKind, RequestState, SupplierSource
from essaim.business.models import Buyer, BuyerRequest, Label, ServedZone, SupplierOffer
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import OrganisationFactory

MONTPELLIER = "34172"
BEZIERS = "34032"
NIMES = "30189"


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    organisation = factory.SubFactory(OrganisationFactory, legal_form="public_body")
    kind = BuyerKind.LOCAL_AUTHORITY


class OfferFactory(factory.django.DjangoModelFactory):
    """`OfferFactory(zones=["departement:34"], labels=["siae"])`."""

    class Meta:
        model = SupplierOffer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, legal_form="scic")
    source = SupplierSource.STAFF
    summary = "Nettoyage de locaux"
    sectors = factory.LazyFunction(lambda: ["nettoyage"])
    capacity_band = AmountBand.TO_90K
    contact_name = "Claire Martin"
    contact_email = factory.Sequence(lambda n: f"contact{n}@fournisseur.example")

    @factory.post_generation
    def zones(self, create, extracted, **kwargs):
        if create:
            for ref in ["departement:34"] if extracted is None else extracted:
                level, _sep, code = ref.partition(":")
                ServedZone.objects.create(offer=self, level=level, code=code)

    @factory.post_generation
    def labels(self, create, extracted, **kwargs):
        if create:
            for kind in extracted or ():
                Label.objects.create(offer=self, kind=kind, provenance=Provenance.DECLARED)


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerRequest

    buyer = factory.SubFactory(BuyerFactory)
    kind = RequestKind.QUOTE
    title = factory.Sequence(lambda n: f"Nettoyage des bureaux {n}")
    description = "Deux passages par semaine."
    sectors = factory.LazyFunction(lambda: ["nettoyage"])
    amount_band = AmountBand.TO_40K
    commune_id = MONTPELLIER
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))
    state = RequestState.DRAFT


def staff(organisation, role=Membership.Role.ADMIN, **user):
    return MembershipFactory(organisation=organisation, role=role, user=UserFactory(**user)).user
