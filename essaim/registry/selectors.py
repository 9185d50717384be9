"""Reads of the registry app, scoped to the reader: the followed enterprises of the programmes a
staff member runs, their registry status, ESS bases and conflicts; the territories with a
baseline. `<entity>_for(user, pk)` is a 404 when the object is not the reader's to see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import EnterpriseStatus
from essaim.accompaniment.selectors import programmes_managed_by
from essaim.evidence.models import Enterprise
from essaim.registry.conflicts import ESS
from essaim.registry.enums import ConflictKind, RegistryState
from essaim.registry.models import Conflict, EssStatus, Establishment, LegalUnit


def followed_enterprises(user) -> QuerySet[Enterprise]:
    """The enterprises created by projects of the programmes the user runs."""
    return Enterprise.objects.filter(project__programme__in=programmes_managed_by(user))


def enterprise_for(user, pk: int) -> Enterprise:
    enterprise = (
        followed_enterprises(user).select_related("project__programme__organisation").filter(pk=pk).first()
    )
    if enterprise is None:
        raise Http404(_("Entreprise introuvable."))
    return enterprise


def conflicts_for(user) -> QuerySet[Conflict]:
    return Conflict.objects.filter(enterprise__in=followed_enterprises(user)).select_related(
        "enterprise__project__programme__organisation", "resolved_by"
    )


def conflict_for(user, pk: int) -> Conflict:
    conflict = conflicts_for(user).filter(pk=pk).first()
    if conflict is None:
        raise Http404(_("Écart introuvable."))
    return conflict


def registry_of(enterprise: Enterprise) -> dict:
    """The establishment and legal unit the registry holds for an enterprise, its ESS bases."""
    siret = enterprise.siret or ""
    return {
        "establishment": Establishment.objects.filter(siret=siret).first() if siret else None,
        "unit": LegalUnit.objects.filter(siren=siret[:9]).first() if siret else None,
        "ess": list(EssStatus.objects.filter(enterprise=enterprise).order_by("basis")),
        "conflicts": list(Conflict.objects.filter(enterprise=enterprise).select_related("resolved_by")),
    }


def conflict_words(conflict: Conflict) -> tuple[str, str]:
    """What each side says, in words."""
    if conflict.kind == ConflictKind.ESS:
        words = {True: _("relève de l'ESS"), False: _("ne relève pas de l'ESS")}
        return words[conflict.declared == ESS], words[conflict.registry == ESS]
    declared = str(EnterpriseStatus(conflict.declared).label)
    if conflict.registry == RegistryState.CLOSED and conflict.registry_closed_on:
        registry = _("fermé depuis le %(date)s") % {"date": conflict.registry_closed_on.strftime("%d/%m/%Y")}
    else:
        registry = str(RegistryState(conflict.registry).label)
    return declared, registry


def baseline_territories() -> list[tuple[str, str]]:
    """(level, code) of the départements and communes the registry holds establishments of."""
    departements = (
        Establishment.objects.exclude(departement="").values_list("departement", flat=True).distinct()
    )
    communes = Establishment.objects.exclude(commune="").values_list("commune", flat=True).distinct()[:200]
    return [("departement", d) for d in sorted(departements)] + [("commune", c) for c in sorted(communes)]
