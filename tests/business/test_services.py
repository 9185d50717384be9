import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from essaim.audit.models import Event
from essaim.business import services
from essaim.business.enums import BuyerKind, LabelKind, Provenance, RequestState, RoutingState, SupplierSource
from essaim.business.models import Deal, Routing
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.ecosystems.enums import MembershipState
from essaim.ecosystems.models import EcosystemMembership
from tests.business.factories import BuyerFactory, OfferFactory, RequestFactory, staff
from tests.factories.directory import EcosystemFactory, OrganisationFactory
from tests.factories.evidence import EnterpriseFactory

pytestmark = pytest.mark.django_db

OFFER = {"summary": "Ménage de bureaux", "sectors": ["nettoyage"], "zones": ["departement:34"]}


def _request_fields(**extra):
    return {
        "kind": "quote",
        "title": "Nettoyage de la médiathèque",
        "description": "Deux passages par semaine.",
        "sectors": ["nettoyage"],
        "amount_band": "5k-40k",
        "commune": None,
        "deadline": timezone.localdate() + dt.timedelta(days=15),
        **extra,
    }


def test_a_platform_admin_adds_any_enterprise_with_labels_from_its_record(admin):
    organisation = OrganisationFactory(legal_form="scop")
    offer = services.offer_create(organisation=organisation, by=admin, **OFFER)
    assert offer.source == SupplierSource.STAFF
    assert [(z.level, z.code) for z in offer.zones.all()] == [("departement", "34")]
    assert sorted(offer.labels.values_list("kind", "provenance")) == [
        ("ess", Provenance.RECORD),
        ("scop_scic", Provenance.RECORD),
    ]
    assert Event.objects.filter(object_type="business.supplieroffer", object_id=offer.pk).count() == 1


def test_an_ecosystem_member_publishes_its_own_offer_and_others_may_not(stranger):
    organisation = OrganisationFactory()
    EcosystemMembership.objects.create(
        ecosystem=EcosystemFactory(), organisation=organisation, state=MembershipState.ACTIVE
    )
    admin_of_it = staff(organisation)
    offer = services.offer_create(organisation=organisation, by=admin_of_it, **OFFER)
    assert offer.source == SupplierSource.ECOSYSTEM
    with pytest.raises(PermissionDenied):
        services.offer_create(organisation=OrganisationFactory(), by=staff(OrganisationFactory()), **OFFER)


def test_an_accompanied_enterprise_offer_comes_from_its_project_with_its_siae_label():
    enterprise = EnterpriseFactory(integration_kind="ei")
    project = enterprise.project
    carrier = staff(project.programme.organisation)
    offer = services.offer_create(organisation=OrganisationFactory(), project=project, by=carrier, **OFFER)
    assert (offer.source, offer.project_id) == (SupplierSource.ACCOMPANIED, project.pk)
    assert LabelKind.SIAE in offer.labels.values_list("kind", flat=True)


def test_offer_input_is_checked(admin):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as exc:
        services.offer_create(organisation=organisation, by=admin, **{**OFFER, "sectors": ["inconnu"]})
    assert exc.value.message_dict == {"sectors": ["Secteur inconnu : inconnu."]}
    with pytest.raises(ValidationError) as exc:
        services.offer_create(organisation=organisation, by=admin, **{**OFFER, "zones": ["departement:999"]})
    assert "zones" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.offer_create(organisation=organisation, by=admin, **{**OFFER, "contact_phone": "12"})
    assert "contact_phone" in exc.value.message_dict


def test_suppliers_declare_labels_and_only_the_platform_verifies_them(offer, supplier_user, admin):
    label = services.label_set(offer=offer, kind="esus", by=supplier_user, reference="ESUS-34-2024-12")
    assert (label.provenance, label.reference) == (Provenance.DECLARED, "ESUS-34-2024-12")
    with pytest.raises(PermissionDenied):
        services.label_set(offer=offer, kind="esus", provenance="verified", by=supplier_user)
    assert (
        services.label_set(offer=offer, kind="esus", provenance="verified", by=admin).provenance == "verified"
    )
    with pytest.raises(PermissionDenied):
        services.offer_update(offer=offer, by=staff(OrganisationFactory()), summary="x")


def test_only_public_buyers_reserve_contracts_or_set_insertion_hours(commune_montpellier):
    company = BuyerFactory(kind=BuyerKind.COMPANY)
    user = staff(company.organisation)
    with pytest.raises(ValidationError) as exc:
        services.request_create(
            buyer=company, by=user, **_request_fields(commune=commune_montpellier, insertion_hours=300)
        )
    assert "reserved" in exc.value.message_dict
    public = BuyerFactory()
    request = services.request_create(
        buyer=public,
        by=staff(public.organisation),
        **_request_fields(commune=commune_montpellier, reserved="siae", insertion_hours=300),
    )
    assert (request.state, request.reserved, request.insertion_hours) == ("draft", "siae", 300)


def test_a_past_deadline_and_empty_title_are_refused(buyer, buyer_user, commune_montpellier):
    fields = _request_fields(commune=commune_montpellier, deadline=timezone.localdate(), title=" ")
    with pytest.raises(ValidationError) as exc:
        services.request_create(buyer=buyer, by=buyer_user, **fields)
    assert set(exc.value.message_dict) == {"deadline", "title"}
    with pytest.raises(PermissionDenied):
        services.request_create(buyer=buyer, by=staff(OrganisationFactory()), **_request_fields())


def test_moderation_then_routing_then_the_supplier_path(buyer, buyer_user, admin, offer, supplier_user):
    request = RequestFactory(buyer=buyer)
    services.request_transition(request=request, action="submit", by=buyer_user)
    with pytest.raises(PermissionDenied):
        services.request_transition(request=request, action="approve", by=buyer_user)
    with pytest.raises(ValidationError):
        services.request_transition(request=request, action="reject", by=admin)  # no reason
    request = services.request_transition(request=request, action="approve", by=admin)
    assert request.state == RequestState.OPEN and request.published_at is not None
    routing = Routing.objects.get(request=request)
    assert routing.offer_id == offer.pk
    routing = services.routing_view(routing=routing, by=supplier_user)
    assert routing.state == RoutingState.VIEWED and routing.viewed_at is not None
    with pytest.raises(ValidationError):
        services.routing_transition(routing=routing, action="decline", by=supplier_user, reason="")
    routing = services.routing_transition(
        routing=routing, action="decline", by=supplier_user, reason="capacity"
    )
    assert (routing.state, routing.reason) == (RoutingState.NOT_INTERESTED, "capacity")
    routing = services.routing_transition(routing=routing, action="interest", by=supplier_user)
    assert (routing.state, routing.reason) == (RoutingState.INTERESTED, "")
    with pytest.raises(PermissionDenied):
        services.routing_transition(routing=routing, action="decline", by=buyer_user, reason="other")


def test_a_moderating_ecosystem_leader_approves(buyer, buyer_user):
    leader = OrganisationFactory()
    request = RequestFactory(
        buyer=buyer, ecosystem=EcosystemFactory(leader=leader), state=RequestState.PENDING
    )
    assert services.request_transition(request=request, action="approve", by=staff(leader)).state == "open"


def test_co_contracting_response_and_the_deal(buyer, buyer_user, offer, supplier_user):
    request = RequestFactory(buyer=buyer, state=RequestState.OPEN, published_at=timezone.now())
    routing = Routing.objects.create(request=request, offer=offer)
    partner = OfferFactory(sectors=["espaces-verts"])
    with pytest.raises(ValidationError) as exc:
        services.response_create(routing=routing, by=supplier_user, message="Oui", partners=[offer])
    assert "partners" in exc.value.message_dict
    response = services.response_create(
        routing=routing,
        by=supplier_user,
        message="Nous répondons ensemble.",
        amount=Decimal("18000"),
        partners=[partner],
    )
    routing.refresh_from_db()
    assert routing.state == RoutingState.RESPONDED
    assert list(response.partners.values_list("pk", flat=True)) == [partner.pk]
    with pytest.raises(ValidationError):  # still open, deadline not passed
        services.deal_record(request=request, by=buyer_user, made=True, amount=Decimal(1), response=response)
    request.deadline = timezone.localdate() - dt.timedelta(days=1)
    request.save()
    with pytest.raises(ValidationError) as exc:
        services.deal_record(request=request, by=buyer_user, made=True, response=response)
    assert "amount" in exc.value.message_dict
    deal = services.deal_record(
        request=request, by=buyer_user, made=True, amount=Decimal("17500"), response=response
    )
    assert (deal.made, deal.amount, deal.response_id) == (True, Decimal("17500"), response.pk)
    services.deal_record(request=request, by=buyer_user, made=False, amount=Decimal("5"))
    assert Deal.objects.values_list("made", "amount", "response_id").get() == (False, None, None)
    with pytest.raises(PermissionDenied):
        services.deal_record(request=request, by=supplier_user, made=False)
