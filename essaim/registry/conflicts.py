"""Where what a programme declares and what the registry says disagree.

- Activity: the last validated check-in says the enterprise is active (or, without one, it is
  active since its creation) while its establishment is closed in the registry; or a check-in
  says it ceased while the registry shows it open. A takeover ("reprise") is no conflict: the
  new owner often opens a new establishment.
- ESS: the enterprise declares itself in the ESS (or not) and INSEE's flag says otherwise.

A conflict already open for an enterprise and subject is not opened twice; one already settled
with the same two values is not opened again.
"""

from __future__ import annotations

from django.db.models import QuerySet

from essaim.accompaniment.enums import CheckinStatus, EnterpriseStatus
from essaim.accompaniment.models import Checkin
from essaim.evidence.models import Enterprise
from essaim.registry.enums import ConflictKind, EssBasis, RegistryState
from essaim.registry.models import Conflict, EssStatus, Establishment, LegalUnit

ESS, NOT_ESS = "ess", "not_ess"


def declared_statuses(enterprise_ids: list[int]) -> dict[int, str]:
    """Enterprise id → the status of its last validated check-in (absent: none yet)."""
    rows = (
        Checkin.objects.current()
        .filter(status=CheckinStatus.VALIDATED, project__enterprise__in=enterprise_ids)
        .exclude(observed_on=None)
        .order_by("project_id", "observed_on", "pk")
        .values_list("project__enterprise", "enterprise_status")
    )
    return dict(rows)  # the last one of each enterprise wins


def _status_mismatch(declared: str, registry: str) -> bool:
    if declared == EnterpriseStatus.ACTIVE:
        return registry == RegistryState.CLOSED
    return declared == EnterpriseStatus.CEASED and registry == RegistryState.ACTIVE


def detect(enterprises: QuerySet[Enterprise]) -> list[Conflict]:
    """Open the conflicts found among these enterprises; returns the new ones (unsaved events)."""
    followed = list(enterprises.exclude(siret=None).values_list("pk", "siret"))
    ids = [pk for pk, _siret in followed]
    establishments = {e.siret: e for e in Establishment.objects.filter(siret__in=[s for _pk, s in followed])}
    units = {u.siren: u for u in LegalUnit.objects.filter(siren__in=[s[:9] for _pk, s in followed])}
    declared_ess = dict(
        EssStatus.objects.filter(enterprise__in=ids, basis=EssBasis.SELF_DECLARED).values_list(
            "enterprise_id", "is_ess"
        )
    )
    statuses = declared_statuses(ids)
    existing = Conflict.objects.filter(enterprise__in=ids).values_list(
        "enterprise_id", "kind", "state", "declared", "registry"
    )
    open_ = {(e, k) for e, k, state, _d, _r in existing if state == "open"}
    settled = {(e, k, d, r) for e, k, _state, d, r in existing}
    found = []
    for pk, siret in followed:
        establishment = establishments.get(siret)
        declared = statuses.get(pk, EnterpriseStatus.ACTIVE)
        if establishment and _status_mismatch(declared, establishment.state):
            found.append(
                Conflict(
                    enterprise_id=pk,
                    kind=ConflictKind.STATUS,
                    declared=declared,
                    registry=establishment.state,
                    registry_closed_on=establishment.closed_on,
                    source=establishment.source,
                    registry_as_of=establishment.as_of,
                )
            )
        unit = units.get(siret[:9])
        if unit and unit.is_ess is not None and pk in declared_ess and declared_ess[pk] != unit.is_ess:
            found.append(
                Conflict(
                    enterprise_id=pk,
                    kind=ConflictKind.ESS,
                    declared=ESS if declared_ess[pk] else NOT_ESS,
                    registry=ESS if unit.is_ess else NOT_ESS,
                    source=unit.source,
                    registry_as_of=unit.as_of,
                )
            )
    new = [
        c
        for c in found
        if (c.enterprise_id, c.kind) not in open_
        and (c.enterprise_id, c.kind, c.declared, c.registry) not in settled
    ]
    return Conflict.objects.bulk_create(new)
