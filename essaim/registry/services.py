"""Writes of the registry app (the @service contract, essaim/core/services.py).

The importer (`stock.py`) writes registry rows in batches of its own; the services here record
what follows an import or an API call (ESS bases, conflicts, the activity-log line), the staff's
ESS declarations and their decisions on conflicts.
"""

from __future__ import annotations

import datetime as dt

from essaim.audit import record
from essaim.audit.models import Action
from essaim.core.errors import ValidationError
from essaim.core.services import service
from essaim.evidence.models import Enterprise
from essaim.registry import conflicts, ess, rules
from essaim.registry.adapter import RegistryFacts
from essaim.registry.enums import EssBasis, Source
from essaim.registry.models import Conflict, EssStatus, Establishment, ImportRun, LegalUnit
from essaim.registry.workflows import CONFLICT

STAFF_BASES = (EssBasis.ESUS, EssBasis.SELF_DECLARED)


def _log_conflicts(by, found: list[Conflict]) -> None:
    for conflict in found:
        project = Enterprise.objects.only("project_id").get(pk=conflict.enterprise_id).project
        record(actor=by, obj=conflict, action=Action.CREATE, project=project)


@service(permission=rules.can_record_registry)
def import_recorded(*, by, run: ImportRun) -> list[Conflict]:
    """After a stock import: the ESS bases and the conflicts of every followed enterprise.

    Side effects: ESS statuses upserted, conflicts opened (one event each), one event for the run.
    """
    followed = Enterprise.objects.exclude(siret=None)
    ess.refresh(followed)
    found = conflicts.detect(followed)
    _log_conflicts(by, found)
    record(
        actor=by,
        obj=run,
        action=Action.CREATE,
        changes={"rows": run.rows_done, "kept": run.rows_kept, "refused": run.rows_refused},
    )
    return found


@service(permission=rules.can_record_registry)
def api_facts_record(*, by, enterprise: Enterprise, facts: RegistryFacts) -> list[Conflict]:
    """What the Recherche d'entreprises API says of one followed enterprise.

    Side effects: its legal unit and establishment upserted (source API, dated), its ESS bases,
    conflicts opened (one event each), one event for the enterprise.
    """
    if not enterprise.siret or facts.siren != enterprise.siret[:9]:
        raise ValidationError("The registry's answer is not about this enterprise.")
    unit = facts.unit_defaults()
    LegalUnit.objects.update_or_create(siren=facts.siren, defaults=unit)
    if facts.establishment is not None:
        Establishment.objects.update_or_create(
            siret=enterprise.siret, defaults=facts.establishment_defaults()
        )
    scope = Enterprise.objects.filter(pk=enterprise.pk)
    ess.refresh(scope)
    found = conflicts.detect(scope)
    _log_conflicts(by, found)
    record(
        actor=by, obj=enterprise, action=Action.UPDATE, verb="api_facts_record", project=enterprise.project
    )
    return found


@service(permission=rules.can_declare_ess, on="enterprise")
def ess_declare(
    *, by, enterprise: Enterprise, basis: str, is_ess: bool, as_of: dt.date, reference: str = ""
) -> EssStatus:
    """Staff record an ESUS agreement or the enterprise's own declaration of its ESS status.

    Side effects: the basis upserted (source: declared), a conflict opened when INSEE's flag
    disagrees, one event.
    """
    if basis not in STAFF_BASES:
        raise ValidationError({"basis": "Ce fondement vient du registre, il ne se déclare pas."})
    status, _created = EssStatus.objects.update_or_create(
        enterprise=enterprise,
        basis=basis,
        defaults={"is_ess": is_ess, "source": Source.DECLARED, "as_of": as_of, "reference": reference[:120]},
    )
    record(actor=by, obj=status, action=Action.UPDATE, project=enterprise.project)
    _log_conflicts(by, conflicts.detect(Enterprise.objects.filter(pk=enterprise.pk)))
    return status


@service
def conflict_resolve(*, by, conflict: Conflict, transition: str, note: str = "") -> Conflict:
    """Staff say which side of a conflict is right (`workflows.CONFLICT`).

    Side effects: the conflict settled (who, when, the remark), one event (the move).
    """
    return CONFLICT.apply(conflict, transition, by=by, comment=note)
