"""The vocabulary of the business flows, defined once with French labels: sectors (from
`data/sectors.py`), labels and their provenance, buyers, requests, amount bands, routing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.business.data.sectors import SECTORS

Sector = models.TextChoices(
    "Sector", [(key.replace("-", "_").upper(), (key, label)) for key, label, _naf in SECTORS]
)
SECTOR_NAF = {key: naf for key, _label, naf in SECTORS}


def sectors_for_naf(code: str) -> list[str]:
    """The sectors an APE/NAF code ("81.21Z", "8121Z") falls in: the longest prefix wins."""
    code = (code or "").strip().upper()
    if len(code) >= 4 and "." not in code:
        code = f"{code[:2]}.{code[2:]}"
    best, found = 0, []
    for key, prefixes in SECTOR_NAF.items():
        for prefix in prefixes:
            if code.startswith(prefix) and len(prefix) >= best:
                found = [key] if len(prefix) > best else [*found, key]
                best = len(prefix)
    return found


class LabelKind(models.TextChoices):
    ESUS = "esus", _("Agrément ESUS")
    SIAE = "siae", _("Structure d'insertion (SIAE)")
    EA_ESAT = "ea_esat", _("Entreprise adaptée ou ESAT")
    SCOP_SCIC = "scop_scic", _("SCOP ou SCIC")
    ESS = "ess", _("Entreprise de l'ESS")


class Provenance(models.TextChoices):
    """Where a label comes from: what a buyer may trust it for."""

    DECLARED = "declared", _("déclaré par l'entreprise")
    RECORD = "record", _("déduit de la fiche Essaim (forme juridique, suivi)")
    VERIFIED = "verified", _("vérifié par l'équipe de la plateforme")
    REGISTER = "register", _("lu dans un registre officiel")


class SupplierSource(models.TextChoices):
    ACCOMPANIED = "accompanied", _("Entreprise accompagnée")
    ECOSYSTEM = "ecosystem", _("Membre d'un écosystème")
    STAFF = "staff", _("Ajoutée par l'équipe")


class BuyerKind(models.TextChoices):
    COMPANY = "company", _("Entreprise")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité")
    HOSPITAL = "hospital", _("Établissement de santé")
    PUBLIC_BODY = "public_body", _("Autre acheteur public")
    ASSOCIATION = "association", _("Association")


PUBLIC_BUYERS = (BuyerKind.LOCAL_AUTHORITY, BuyerKind.HOSPITAL, BuyerKind.PUBLIC_BODY)


class RequestKind(models.TextChoices):
    QUOTE = "quote", _("Demande de devis")
    TENDER = "tender", _("Appel d'offres")
    SOURCING = "sourcing", _("Sourçage")


class AmountBand(models.TextChoices):
    """Bands of a request's amount (excl. VAT), in the order of the thresholds buyers know."""

    UNDER_5K = "lt5k", _("Moins de 5 000 €")
    TO_40K = "5k-40k", _("De 5 000 à 40 000 €")
    TO_90K = "40k-90k", _("De 40 000 à 90 000 €")
    TO_215K = "90k-215k", _("De 90 000 à 215 000 €")
    OVER_215K = "gt215k", _("Plus de 215 000 €")


AMOUNT_BANDS = list(AmountBand.values)


def band_rank(band: str) -> int:
    return AMOUNT_BANDS.index(band) if band in AMOUNT_BANDS else -1


class Reserved(models.TextChoices):
    """A public contract reserved to some suppliers (code de la commande publique, L. 2113-12 and -13)."""

    NONE = "", _("Non réservé")
    SIAE = "siae", _("Réservé aux structures d'insertion (SIAE)")
    EA_ESAT = "ea_esat", _("Réservé aux entreprises adaptées et ESAT")


RESERVED_LABEL = {Reserved.SIAE: LabelKind.SIAE, Reserved.EA_ESAT: LabelKind.EA_ESAT}


class RequestState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    PENDING = "pending", _("en modération")
    REJECTED = "rejected", _("refusée")
    OPEN = "open", _("diffusée")
    CLOSED = "closed", _("clôturée")


class RoutingState(models.TextChoices):
    NOTIFIED = "notified", _("prévenu")
    VIEWED = "viewed", _("vue")
    INTERESTED = "interested", _("intéressé")
    RESPONDED = "responded", _("a répondu")
    NOT_INTERESTED = "not_interested", _("pas intéressé")


class DeclineReason(models.TextChoices):
    CAPACITY = "capacity", _("Pas la capacité en ce moment")
    SECTOR = "sector", _("Hors de notre activité")
    PLACE = "place", _("Trop loin de nous")
    DEADLINE = "deadline", _("Délai trop court")
    AMOUNT = "amount", _("Montant inadapté")
    OTHER = "other", _("Autre raison")


# Legal forms of the social and solidarity economy (loi n° 2014-856, art. 1): associations,
# cooperatives, mutuals, foundations; commercial companies need the ESUS approval or a declaration.
ESS_FORMS = ("association", "scop", "scic", "cae", "mutual", "foundation")
