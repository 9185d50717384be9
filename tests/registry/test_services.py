"""The registry's services: conflicts opened after an import (declared vs registry, activity and
ESS), not opened twice nor again once settled; ESS bases with their provenance; staff declare
ESUS or self-declared status; staff of the programme settle a conflict, others may not."""

import datetime as dt

import pytest

from essaim.audit.models import Event
from essaim.core.actors import IMPORT, TASKS
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.registry import services
from essaim.registry.adapter import RegistryFacts
from essaim.registry.enums import ConflictKind, ConflictState, EssBasis, RegistryState, Source, StockKind
from essaim.registry.models import Conflict, EssStatus, Establishment, ImportRun
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.evidence import EnterpriseFactory, checkin
from tests.registry.factories import AS_OF, establishment, followed_closed, legal_unit, staff_of

pytestmark = pytest.mark.django_db


def _run():
    return ImportRun.objects.create(
        kind=StockKind.HISTORIQUE, file_name="h.zip", fingerprint="x", as_of=AS_OF
    )


def test_an_import_opens_the_conflicts_once_with_an_event_each():
    closed = followed_closed()
    ceased = EnterpriseFactory(siret="10281861400012")
    establishment("10281861400012")
    checkin(ceased.project, dt.date(2023, 1, 1), status="ceased", ceased_on=dt.date(2022, 12, 1))
    taken = EnterpriseFactory(siret="10538241000014")
    establishment("10538241000014", closed_on=dt.date(2023, 5, 1))
    checkin(taken.project, dt.date(2023, 6, 1), status="taken_over")
    quiet = EnterpriseFactory(siret="18004301001683")
    establishment("18004301001683")
    found = services.import_recorded(by=IMPORT, run=_run())
    assert sorted((c.enterprise_id, c.declared, c.registry) for c in found) == sorted(
        [(closed.pk, "active", "F"), (ceased.pk, "ceased", "A")]
    )
    assert Conflict.objects.get(enterprise=closed).registry_closed_on == dt.date(2024, 3, 1)
    assert Event.objects.filter(object_type="registry.conflict").count() == 2
    assert Event.objects.filter(object_type="registry.importrun", verb="import_recorded").count() == 1
    assert services.import_recorded(by=IMPORT, run=_run()) == []
    assert Conflict.objects.count() == 2
    assert not Conflict.objects.filter(enterprise__in=[taken, quiet]).exists()


def test_a_settled_conflict_is_not_opened_again_for_the_same_values():
    enterprise = followed_closed()
    (conflict,) = services.import_recorded(by=IMPORT, run=_run())
    services.conflict_resolve(
        by=staff_of(enterprise), conflict=conflict, transition="keep_declared", note="Reprise"
    )
    assert services.import_recorded(by=IMPORT, run=_run()) == []


def test_staff_of_the_programme_settle_a_conflict():
    enterprise = followed_closed()
    (conflict,) = services.import_recorded(by=IMPORT, run=_run())
    staff = staff_of(enterprise)
    done = services.conflict_resolve(
        by=staff, conflict=conflict, transition="accept_registry", note="Vérifié"
    )
    assert (done.state, done.resolved_by, done.note) == (ConflictState.REGISTRY_RIGHT, staff, "Vérifié")
    assert done.resolved_at is not None
    move = Event.objects.get(object_type="registry.conflict", action="transition")
    assert (move.from_state, move.to_state, move.actor) == ("open", "registry", staff)
    with pytest.raises(TransitionNotAllowed, match="déjà tranché"):
        services.conflict_resolve(by=staff, conflict=done, transition="keep_declared")


def test_others_may_not_settle_a_conflict():
    enterprise = followed_closed()
    (conflict,) = services.import_recorded(by=IMPORT, run=_run())
    for outsider in (MembershipFactory().user, UserFactory(carrier=True)):
        with pytest.raises(PermissionDenied):
            services.conflict_resolve(by=outsider, conflict=conflict, transition="accept_registry")
    assert Conflict.objects.get(pk=conflict.pk).state == ConflictState.OPEN
    assert enterprise.pk == conflict.enterprise_id


def test_only_system_actors_and_platform_admins_record_registry_facts():
    with pytest.raises(PermissionDenied):
        services.import_recorded(by=MembershipFactory().user, run=_run())
    assert services.import_recorded(by=UserFactory(admin=True), run=_run()) == []


def test_ess_bases_from_the_registry_with_provenance():
    scop = EnterpriseFactory(siret="30222818400057", legal_form="sarl")
    legal_unit("302228184", is_ess=True, category="5458")
    scic = EnterpriseFactory(siret="10281861400012", legal_form="scic")
    services.import_recorded(by=IMPORT, run=_run())
    assert sorted(
        EssStatus.objects.filter(enterprise=scop).values_list("basis", "is_ess", "source", "reference")
    ) == [
        (EssBasis.INSEE_FLAG, True, Source.STOCK, ""),
        (EssBasis.LEGAL_FORM, True, Source.STOCK, "catégorie juridique 5458"),
    ]
    assert list(EssStatus.objects.filter(enterprise=scic).values_list("basis", "source", "reference")) == [
        (EssBasis.LEGAL_FORM, Source.DECLARED, "SCIC")
    ]


def test_a_self_declaration_that_insee_contradicts_opens_an_ess_conflict():
    enterprise = EnterpriseFactory(siret="30222818400057", legal_form="association")
    legal_unit("302228184", is_ess=False)
    staff = staff_of(enterprise)
    status = services.ess_declare(
        by=staff, enterprise=enterprise, basis=EssBasis.SELF_DECLARED, is_ess=True, as_of=dt.date(2026, 1, 5)
    )
    assert (status.source, status.is_ess) == (Source.DECLARED, True)
    conflict = Conflict.objects.get(enterprise=enterprise)
    assert (conflict.kind, conflict.declared, conflict.registry) == (ConflictKind.ESS, "ess", "not_ess")
    with pytest.raises(ValidationError):
        services.ess_declare(
            by=staff, enterprise=enterprise, basis=EssBasis.INSEE_FLAG, is_ess=True, as_of=AS_OF
        )
    with pytest.raises(PermissionDenied):
        services.ess_declare(
            by=MembershipFactory().user, enterprise=enterprise, basis=EssBasis.ESUS, is_ess=True, as_of=AS_OF
        )


def _facts(siren, establishment):
    return RegistryFacts(
        siren=siren,
        name="X",
        state=RegistryState.ACTIVE,
        created_on=dt.date(2015, 1, 1),
        closed_on=None,
        legal_category="9220",
        is_ess=True,
        is_siae=False,
        establishment=establishment,
        as_of=AS_OF,
    )


def test_api_facts_update_the_registry_rows_with_their_source():
    enterprise = EnterpriseFactory(siret="30222818400057")
    facts = _facts(
        "302228184",
        {
            "siret": "30222818400057",
            "etat_administratif": "F",
            "date_creation": "2016-01-22",
            "date_fermeture": "2016-05-21",
            "commune": "69384",
        },
    )
    (conflict,) = services.api_facts_record(by=TASKS, enterprise=enterprise, facts=facts)
    e = Establishment.objects.get()
    assert (e.state, e.closed_on, e.source, e.as_of) == (
        RegistryState.CLOSED,
        dt.date(2016, 5, 21),
        Source.API,
        AS_OF,
    )
    assert (conflict.source, conflict.registry) == (Source.API, "F")
    assert EssStatus.objects.filter(enterprise=enterprise, basis=EssBasis.SIAE, is_ess=False).exists()
    with pytest.raises(ValidationError):
        services.api_facts_record(by=TASKS, enterprise=enterprise, facts=_facts("100029172", None))
