"""The ESS status of followed enterprises, basis by basis, from what the registry says.

INSEE's ESS flag (StockUniteLegale `economieSocialeSolidaireUniteLegale`, the API's `est_ess`)
and the SIAE flag (the API's `est_siae`) are copied with their source and date; the legal form
counts when the registry's legal category is a SCOP (INSEE's categories 5458, 5558, 5658) or when
the enterprise's declared legal form is a SCOP or a SCIC (INSEE has no category of its own for
SCIC, which are SA, SARL or SAS coopératives). The ESUS agreement and the self-declaration are
recorded by staff (`services.ess_declare`).
"""

from __future__ import annotations

from django.utils import timezone

from essaim.directory.enums import LegalForm
from essaim.evidence.models import Enterprise
from essaim.registry.enums import EssBasis, Source
from essaim.registry.models import EssStatus, LegalUnit

SCOP_CATEGORIES = {"5458", "5558", "5658"}
COOPERATIVE_FORMS = {LegalForm.SCOP, LegalForm.SCIC}


def registry_bases(enterprise: Enterprise, unit: LegalUnit | None) -> list[dict]:
    """The bases the registry (or the declared legal form) gives this enterprise."""
    found = []
    if unit is not None:
        if unit.is_ess is not None:
            found.append(
                {
                    "basis": EssBasis.INSEE_FLAG,
                    "is_ess": unit.is_ess,
                    "source": unit.source,
                    "as_of": unit.as_of,
                }
            )
        if unit.is_siae is not None:
            found.append(
                {"basis": EssBasis.SIAE, "is_ess": unit.is_siae, "source": unit.source, "as_of": unit.as_of}
            )
        if unit.legal_category in SCOP_CATEGORIES:
            found.append(
                {
                    "basis": EssBasis.LEGAL_FORM,
                    "is_ess": True,
                    "source": unit.source,
                    "as_of": unit.as_of,
                    "reference": f"catégorie juridique {unit.legal_category}",
                }
            )
            return found
    if enterprise.legal_form in COOPERATIVE_FORMS:
        found.append(
            {
                "basis": EssBasis.LEGAL_FORM,
                "is_ess": True,
                "source": Source.DECLARED,
                "as_of": timezone.localdate(),
                "reference": str(LegalForm(enterprise.legal_form).label),
            }
        )
    return found


def refresh(enterprises) -> int:
    """Write the registry's bases of these enterprises (a queryset); returns how many rows."""
    items = list(enterprises.exclude(siret=None))
    units = {u.siren: u for u in LegalUnit.objects.filter(siren__in=[e.siret[:9] for e in items])}
    written = 0
    for enterprise in items:
        for basis in registry_bases(enterprise, units.get(enterprise.siret[:9])):
            key = basis.pop("basis")
            basis.setdefault("reference", "")
            EssStatus.objects.update_or_create(enterprise=enterprise, basis=key, defaults=basis)
            written += 1
    return written
