"""Demo business flows, for `essaim/demo` to call: `seed_business_demo(stdout=None)`.

Two buyers (a commune and a hospital of the Hérault, each with a demo account), six ESS suppliers
(a SCIC, an integration enterprise, an ESAT, a SCOP…, with their zones and labels, a demo
account each: `scic-proprete@demo.essaim.fr`…), and four requests at every stage: a draft, one waiting for moderation,
one open and routed (viewed, interested, declined with a reason, a co-contracting response), and
one past its deadline with a recorded deal. Deterministic and idempotent (looked up by slug and
title); the writes go through the services as the demo platform admin, the buyers' and the
suppliers' staff, so the activity log is the one a real journey would leave.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from essaim.accounts.models import Membership, User
from essaim.business import services
from essaim.business.models import Buyer, BuyerRequest, Routing, SupplierOffer
from essaim.core.actors import TASKS
from essaim.directory.models import Organisation
from essaim.territories.models import Commune

DOMAIN = "demo.essaim.fr"
PASSWORD = "essaim-demo"  # the demo accounts' password (docs/demo.md)
BUYERS = [
    (
        "demo-mairie-clapiers",
        "Mairie de Clapiers (démo)",
        "public_body",
        "local_authority",
        Decimal("2400000"),
    ),
    ("demo-chu-montpellier", "Centre hospitalier de Montpellier (démo)", "public_body", "hospital", None),
]
SUPPLIERS = [
    (
        "demo-scic-proprete",
        "Propreté Solidaire SCIC (démo)",
        "scic",
        ["nettoyage"],
        ["departement:34"],
        ["esus"],
    ),
    (
        "demo-ei-jardins",
        "Jardins d'insertion de l'Hérault (démo)",
        "association",
        ["espaces-verts"],
        ["departement:34"],
        ["siae"],
    ),
    (
        "demo-esat-blanchisserie",
        "ESAT Blanchisserie du Lez (démo)",
        "association",
        ["textile", "nettoyage"],
        ["commune:34172"],
        ["ea_esat"],
    ),
    ("demo-scop-batiment", "Bâtir Ensemble SCOP (démo)", "scop", ["batiment", "energie"], ["region:76"], []),
    (
        "demo-traiteur",
        "Cuisine Partagée (démo)",
        "association",
        ["restauration"],
        ["departement:34", "departement:30"],
        ["siae"],
    ),
    ("demo-numerique", "Coop Numérique (démo)", "scic", ["numerique"], ["national:FR"], []),
]


def _email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def _user(local: str, organisation: Organisation, name: str) -> User:
    user = User.objects.filter(email=_email(local)).first()
    if user is None:
        user = User.objects.create(
            email=_email(local), full_name=name, is_demo=True, password=make_password(PASSWORD)
        )
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": Membership.Role.ADMIN}
    )
    return user


def _admin() -> User:
    admin = (
        User.objects.filter(email=_email("admin")).first() or User.objects.filter(is_superuser=True).first()
    )
    if admin is None:
        admin = User.objects.create(
            email=_email("admin"),
            is_superuser=True,
            is_staff=True,
            is_demo=True,
            password=make_password(PASSWORD),
        )
    return admin


def _buyers(admin) -> list[tuple[Buyer, User]]:
    found = []
    for slug, name, legal_form, kind, purchases in BUYERS:
        organisation, _new = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "legal_form": legal_form, "commune_id": "34172"}
        )
        buyer = Buyer.objects.filter(organisation=organisation).first() or services.buyer_register(
            organisation=organisation, kind=kind, annual_purchases=purchases, by=admin
        )
        found.append((buyer, _user(slug.removeprefix("demo-"), organisation, f"Achats — {name}")))
    return found


def _offers(admin) -> list[SupplierOffer]:
    offers = []
    for slug, name, legal_form, sectors, zones, labels in SUPPLIERS:
        organisation, _new = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "legal_form": legal_form}
        )
        offer = SupplierOffer.objects.filter(organisation=organisation).first()
        if offer is None:
            offer = services.offer_create(
                organisation=organisation,
                by=admin,
                summary=f"{name.removesuffix(' (démo)')} : nos prestations",
                sectors=sectors,
                zones=zones,
                capacity_band="40k-90k",
                contact_name="Contact de démonstration",
                contact_email=_email(slug.removeprefix("demo-")),
                references="Références de démonstration.",
            )
            for kind in labels:
                services.label_set(offer=offer, kind=kind, provenance="verified", reference="DEMO", by=admin)
        _user(slug.removeprefix("demo-"), organisation, f"Équipe {name}")
        offers.append(offer)
    return offers


def _staff_of(offer: SupplierOffer) -> User:
    return User.objects.filter(memberships__organisation_id=offer.organisation_id).order_by("pk").first()


def _request(buyer, user, title, *, days, **fields) -> BuyerRequest | None:
    if BuyerRequest.objects.filter(title=title).exists():
        return None
    return services.request_create(
        buyer=buyer,
        by=user,
        kind=fields.pop("kind", "quote"),
        title=title,
        description=fields.pop("description", "Demande de démonstration."),
        sectors=fields.pop("sectors", ["nettoyage"]),
        amount_band=fields.pop("amount_band", "5k-40k"),
        commune=Commune.objects.get(pk="34172"),
        deadline=timezone.localdate() + dt.timedelta(days=days),
        **fields,
    )


def _routed(buyer, user, admin, offers) -> None:
    request = _request(
        buyer,
        user,
        "Entretien des locaux de la mairie (démo)",
        days=20,
        insertion_hours=400,
        sectors=["nettoyage", "espaces-verts"],
    )
    if request is None:
        return
    services.request_transition(request=request, action="submit", by=user)
    request = services.request_transition(request=request, action="approve", by=admin)
    routings = {r.offer_id: r for r in Routing.objects.filter(request=request)}
    jardins = routings.get(offers[1].pk)
    if jardins is not None:
        services.routing_view(routing=jardins, by=_staff_of(offers[1]))
        services.response_create(
            routing=jardins,
            by=_staff_of(offers[1]),
            message="Nous proposons l'entretien des espaces verts et des locaux, avec la SCIC.",
            amount=Decimal("28000"),
            partners=[offers[0]],
        )
    esat = routings.get(offers[2].pk)
    if esat is not None:
        services.routing_transition(
            routing=esat, action="decline", reason="capacity", by=_staff_of(offers[2])
        )


def _done(buyer, user, admin, offers) -> None:
    request = _request(buyer, user, "Blanchisserie des tenues de service (démo)", days=3, sectors=["textile"])
    if request is None:
        return
    services.request_transition(request=request, action="submit", by=user)
    request = services.request_transition(request=request, action="approve", by=admin)
    routing = Routing.objects.filter(request=request, offer=offers[2]).first()
    response = None
    if routing is not None:
        response = services.response_create(
            routing=routing, by=_staff_of(offers[2]), message="Collecte et livraison deux fois par semaine."
        )
    BuyerRequest.objects.filter(pk=request.pk).update(deadline=timezone.localdate() - dt.timedelta(days=2))
    request.refresh_from_db()
    request = services.request_expire(request=request, by=TASKS)
    services.deal_record(request=request, by=user, made=True, amount=Decimal("36500"), response=response)


@transaction.atomic
def seed_business_demo(*, stdout=None) -> dict:
    """Create (or complete) the demo business flows; returns what exists afterwards."""
    admin = _admin()
    (mairie, mairie_user), (chu, chu_user) = _buyers(admin)
    offers = _offers(admin)
    _request(
        mairie, mairie_user, "Traiteur pour la fête de quartier (démo)", days=30, sectors=["restauration"]
    )
    pending = _request(
        chu, chu_user, "Conditionnement de kits de soins (démo)", days=25, sectors=["sous-traitance"]
    )
    if pending is not None:
        services.request_transition(request=pending, action="submit", by=chu_user)
    _routed(mairie, mairie_user, admin, offers)
    _done(chu, chu_user, admin, offers)
    counts = {
        "buyers": Buyer.objects.count(),
        "offers": SupplierOffer.objects.count(),
        "requests": BuyerRequest.objects.count(),
    }
    if stdout is not None:
        stdout.write(f"  Flux d'affaires : {counts['offers']} offres, {counts['requests']} demandes.")
    return counts
