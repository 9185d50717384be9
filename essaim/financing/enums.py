"""Vocabulary of financing, defined once. Values are stable identifiers; labels are French."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedKind(models.TextChoices):
    INVESTMENT = "investment", _("Investissements")
    WORKING_CAPITAL = "working_capital", _("Besoin en fonds de roulement")
    FIRST_SALARIES = "first_salaries", _("Premiers salaires")
    LAUNCH_COSTS = "launch_costs", _("Frais de lancement")
    OTHER = "other", _("Autre besoin")


class Instrument(models.TextChoices):
    GRANT = "grant", _("Subvention")
    HONOUR_LOAN = "honour_loan", _("Prêt d'honneur")
    SEED_FUND = "seed_fund", _("Fonds d'amorçage")
    BANK_LOAN = "bank_loan", _("Prêt bancaire")
    FOUNDERS = "founders", _("Apport des fondateurs")
    ASSOCIATIVE_BONDS = "associative_bonds", _("Titres associatifs")
    EQUITY = "equity", _("Fonds propres (prise de participation)")
    CROWDFUNDING = "crowdfunding", _("Financement participatif")
    EARNED_REVENUE = "earned_revenue", _("Recettes d'activité")


class ResourceStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    REQUESTED = "requested", _("Demandée")
    GRANTED = "granted", _("Accordée")
    PAID = "paid", _("Versée")
    REFUSED = "refused", _("Refusée")


# Granted and paid resources are the secured ones: they close a financing plan.
SECURED_STATUSES = (ResourceStatus.GRANTED, ResourceStatus.PAID)


class FunderKind(models.TextChoices):
    STATE = "state", _("État")
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    COMMUNE = "commune", _("Commune")
    BPI = "bpi", _("Bpifrance")
    NETWORK = "network", _("Réseau de financement (France Active, ADIE, Initiative France…)")
    BANK = "bank", _("Banque")
    FOUNDATION = "foundation", _("Fondation")
    COMPANY = "company", _("Entreprise")
    CITIZENS = "citizens", _("Citoyens")


PUBLIC_FUNDER_KINDS = frozenset(
    {
        FunderKind.STATE,
        FunderKind.REGION,
        FunderKind.DEPARTEMENT,
        FunderKind.EPCI,
        FunderKind.COMMUNE,
        FunderKind.BPI,
    }
)
# Without a funder, these instruments still say where the money comes from.
PRIVATE_INSTRUMENTS = frozenset(
    {
        Instrument.BANK_LOAN,
        Instrument.FOUNDERS,
        Instrument.EQUITY,
        Instrument.CROWDFUNDING,
        Instrument.ASSOCIATIVE_BONDS,
    }
)


def money_side(instrument: str, funder_kind: str | None) -> str | None:
    """ "public", "private" or None (earned revenue, or a grant of unknown origin) for leverage."""
    if instrument == Instrument.EARNED_REVENUE:
        return None
    if funder_kind:
        return "public" if funder_kind in PUBLIC_FUNDER_KINDS else "private"
    if instrument in PRIVATE_INSTRUMENTS:
        return "private"
    return None
