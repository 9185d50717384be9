"""Writes of suppliers' offers (with their zones and labels) and of buyers.

Suppliers are ESS enterprises: an accompanied enterprise (an offer tied to the project that
created it, added by the programme's staff or the project's carriers), a member of an ecosystem
(its admins publish its offer), or any organisation a platform admin adds. Labels carry their
provenance: an enterprise declares its own; the platform team verifies or reads them in a
register; some follow from the Essaim record (legal form, integration structure).
"""

from django.utils.translation import gettext as _

from essaim.accounts.rules import is_platform_admin
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.business.checks import check_sectors
from essaim.business.enums import (
    ESS_FORMS,
    AmountBand,
    BuyerKind,
    LabelKind,
    Provenance,
    SupplierSource,
)
from essaim.business.models import Buyer, Label, ServedZone, SupplierOffer
from essaim.business.rules import (
    can_add_accompanied_supplier,
    can_add_supplier,
    can_manage_offer,
    can_manage_request,
    can_register_buyer,
)
from essaim.core import phones
from essaim.core.errors import PermissionDenied, ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import LegalForm
from essaim.directory.models import Organisation
from essaim.ecosystems.enums import MembershipState
from essaim.ecosystems.models import EcosystemMembership
from essaim.evidence.models import Enterprise
from essaim.territories.selectors import TerritoryNotFound, get_place, parse_ref

OFFER_FIELDS = (
    "summary",
    "description",
    "sectors",
    "capacity_band",
    "employees",
    "neighbours",
    "references",
    "contact_name",
    "contact_email",
    "contact_phone",
    "is_published",
)
ZONES_MAX = 50


def _zones(refs) -> list[tuple[str, str]]:
    keys = []
    for ref in dict.fromkeys(refs or ()):
        try:
            place = get_place(*parse_ref(ref))
        except ValueError as exc:
            raise ValidationError({"zones": str(exc)}) from None
        except TerritoryNotFound:
            raise ValidationError({"zones": _("Territoire inconnu : « %(ref)s ».") % {"ref": ref}}) from None
        keys.append(place.key)
    if not keys:
        raise ValidationError({"zones": _("Indiquez au moins un territoire servi.")})
    if len(keys) > ZONES_MAX:
        raise ValidationError({"zones": _("Au plus %(n)s territoires.") % {"n": ZONES_MAX}})
    return keys


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"unknown offer fields: {sorted(unknown)}")
    if "sectors" in fields:
        fields["sectors"] = check_sectors(fields["sectors"])
    if fields.get("capacity_band", AmountBand.TO_40K) not in AmountBand.values:
        raise ValidationError({"capacity_band": _("Tranche de montant inconnue.")})
    if "contact_phone" in fields:
        fields["contact_phone"] = phones.normalise(fields["contact_phone"] or "", field="contact_phone")
    for name in ("summary", "description", "references", "contact_name", "contact_email"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    return fields


def _save(offer: SupplierOffer, zones) -> None:
    offer.full_clean(exclude=["organisation", "project"])
    offer.save()
    if zones is not None:
        keys = _zones(zones)
        offer.zones.all().delete()
        ServedZone.objects.bulk_create([ServedZone(offer=offer, level=lv, code=c) for lv, c in keys])


def _record_labels(offer: SupplierOffer) -> None:
    """Labels that follow from the Essaim record (legal form; the enterprise's integration kind)."""
    kinds = set()
    legal_form = offer.organisation.legal_form
    if legal_form in ESS_FORMS:
        kinds.add(LabelKind.ESS)
    if legal_form in (LegalForm.SCOP, LegalForm.SCIC):
        kinds.add(LabelKind.SCOP_SCIC)
    if offer.project_id:
        enterprise = Enterprise.objects.filter(project_id=offer.project_id).first()
        if enterprise and enterprise.integration_kind:
            kinds.add(LabelKind.SIAE)
    for kind in sorted(kinds):
        Label.objects.get_or_create(offer=offer, kind=kind, defaults={"provenance": Provenance.RECORD})


def _source(by, organisation: Organisation, project) -> str:
    if project is not None:
        ensure(can_add_accompanied_supplier, by, project)
        if not Enterprise.objects.filter(project=project).exists():
            raise ValidationError({"project": _("Ce projet n'a pas encore créé d'entreprise.")})
        return SupplierSource.ACCOMPANIED
    member = EcosystemMembership.objects.filter(
        organisation=organisation, state=MembershipState.ACTIVE
    ).exists()
    if member:
        ensure(can_add_supplier, by, organisation)
        return SupplierSource.ECOSYSTEM
    if not is_platform_admin(by):
        raise PermissionDenied(
            _(
                "Seule l'équipe de la plateforme ajoute une entreprise qui n'est ni accompagnée ni membre d'un écosystème."
            )
        )
    return SupplierSource.STAFF


@service
def offer_create(*, organisation: Organisation, by, zones=(), project=None, **fields) -> SupplierOffer:
    """Publish an ESS enterprise's offer.

    Side effects: the offer, its zones, the labels its record implies; one event.
    """
    source = _source(by, organisation, project)
    if SupplierOffer.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Cette entreprise a déjà une offre : modifiez-la.")})
    offer = SupplierOffer(organisation=organisation, project=project, source=source, **_clean(fields))
    _save(offer, zones)
    _record_labels(offer)
    recorder.record(actor=by, obj=offer, action=Action.CREATE, changes={"source": source})
    return offer


@service(permission=can_manage_offer, on="offer")
def offer_update(*, offer: SupplierOffer, by, zones=None, **fields) -> SupplierOffer:
    """Change an offer's fields (and its zones when given). Side effects: one event with the diff."""
    fields = _clean(fields)
    before = recorder.snapshot(offer, list(fields))
    for name, value in fields.items():
        setattr(offer, name, value)
    _save(offer, zones)
    changes = recorder.diff(before, recorder.snapshot(offer, list(fields)))
    if zones is not None:
        changes["zones"] = sorted(f"{z.level}:{z.code}" for z in offer.zones.all())
    recorder.record(actor=by, obj=offer, action=Action.UPDATE, changes=changes)
    return offer


@service(permission=can_manage_offer, on="offer")
def label_set(
    *, offer: SupplierOffer, kind: str, by, provenance: str = Provenance.DECLARED, reference: str = ""
) -> Label:
    """Add or change a label. The enterprise declares; only the platform team records a label as
    verified or read in a register. Side effects: the label row, one event."""
    if kind not in LabelKind.values:
        raise ValidationError({"kind": _("Label inconnu.")})
    if provenance not in Provenance.values:
        raise ValidationError({"provenance": _("Provenance inconnue.")})
    if provenance in (Provenance.VERIFIED, Provenance.REGISTER, Provenance.RECORD) and not is_platform_admin(
        by
    ):
        raise PermissionDenied(_("Seule l'équipe de la plateforme vérifie un label."))
    label, _created = Label.objects.update_or_create(
        offer=offer,
        kind=kind,
        defaults={"provenance": provenance, "reference": (reference or "").strip()[:120]},
    )
    recorder.record(
        actor=by, obj=offer, action=Action.UPDATE, changes={"label": kind, "provenance": provenance}
    )
    return label


@service(permission=can_manage_offer, on="offer")
def label_remove(*, offer: SupplierOffer, kind: str, by) -> int:
    deleted, _rows = offer.labels.filter(kind=kind).delete()
    recorder.record(actor=by, obj=offer, action=Action.UPDATE, changes={"label_removed": kind})
    return deleted


def _buyer_fields(kind: str, annual_purchases) -> None:
    if kind not in BuyerKind.values:
        raise ValidationError({"kind": _("Type d'acheteur inconnu.")})


@service(permission=can_register_buyer, on="organisation")
def buyer_register(*, organisation: Organisation, kind: str, by, annual_purchases=None) -> Buyer:
    """Make an organisation a buyer (its staff then act for it). Side effects: the buyer, one event."""
    _buyer_fields(kind, annual_purchases)
    if Buyer.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Cette organisation est déjà un acheteur.")})
    buyer = Buyer(organisation=organisation, kind=kind, annual_purchases=annual_purchases)
    buyer.full_clean(exclude=["organisation"])
    buyer.save()
    recorder.record(actor=by, obj=buyer, action=Action.CREATE, changes={"kind": kind})
    return buyer


@service(permission=can_manage_request, on="buyer")
def buyer_update(*, buyer: Buyer, kind: str, by, annual_purchases=None) -> Buyer:
    _buyer_fields(kind, annual_purchases)
    buyer.kind, buyer.annual_purchases = kind, annual_purchases
    buyer.full_clean(exclude=["organisation"])
    buyer.save()
    recorder.record(actor=by, obj=buyer, action=Action.UPDATE, changes={"kind": kind})
    return buyer
