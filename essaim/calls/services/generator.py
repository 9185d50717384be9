"""Writes on the project generator's side: territory needs, job offers, candidacies."""

import datetime as dt

from django.utils.translation import gettext as _

from essaim.audit import diff, record, record_transition, snapshot
from essaim.calls import rules
from essaim.calls.models import Candidacy, JobOffer, TerritoryNeed
from essaim.calls.services._common import _move, _person
from essaim.calls.workflows import CANDIDACY_WORKFLOW, JOB_OFFER_WORKFLOW, NEED_WORKFLOW
from essaim.core.errors import TransitionNotAllowed, ValidationError
from essaim.core.services import ensure, service
from essaim.directory.models import Programme
from essaim.notifications.services import notify

NEED_FIELDS = ("title", "need", "evidence", "sources", "partners_met", "opportunity_study", "commune", "epci")
OFFER_FIELDS = ("title", "description", "skills_profile", "commune", "closes_on", "need", "project")


def _check_fields(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


# -- territory needs -------------------------------------------------------------------------


@service
def need_create(*, programme: Programme, by, title: str, need: str, **fields) -> TerritoryNeed:
    """Record a territory need or opportunity. Side effects: one TerritoryNeed row, one event."""
    ensure(rules.can_manage, by, programme)
    _check_fields(fields, NEED_FIELDS)
    item = TerritoryNeed(programme=programme, created_by=_person(by), title=title, need=need, **fields)
    item.full_clean()
    item.save()
    record(actor=by, obj=item, action="create", changes=snapshot(item, ["title", "commune", "epci"]))
    return item


@service(permission=rules.can_manage, on="territory_need")
def need_update(*, territory_need: TerritoryNeed, by, **fields) -> TerritoryNeed:
    """Edit a need's description, evidence, sources, partners, study or territory.

    (The object is `territory_need` because `need` is one of its text fields.) Side effects:
    saves the need, one event with the changes.
    """
    _check_fields(fields, NEED_FIELDS)
    before = snapshot(territory_need, list(fields))
    for name, value in fields.items():
        setattr(territory_need, name, value)
    territory_need.full_clean()
    territory_need.save()
    record(
        actor=by,
        obj=territory_need,
        action="update",
        changes=diff(before, snapshot(territory_need, list(fields))),
    )
    return territory_need


@service
def need_transition(*, need: TerritoryNeed, name: str, by, comment: str = "") -> TerritoryNeed:
    """Mark a need as studied or dropped (turning it into a project is `need_make_project`).

    Side effects: state saved, one event (the move).
    """
    if name == "make_project":
        raise ValidationError(_("Utilisez « En faire un projet »."))
    return _move(NEED_WORKFLOW, need, name, by=by, comment=comment)


@service
def need_make_project(*, need: TerritoryNeed, by, name: str = ""):
    """Turn a need into a generator-model project with no carrier yet, at stage `reperage`.

    Side effects: a Project (through the accompaniment services), need state → project, one
    event (the move); the need's job offers without a project are attached to it.
    """
    return _move(NEED_WORKFLOW, need, "make_project", by=by, project_name=name).project


# -- job offers --------------------------------------------------------------------------------


def _check_same_programme(programme_id: int, fields: dict) -> None:
    for key in ("need", "project"):
        related = fields.get(key)
        if related is not None and related.programme_id != programme_id:
            raise ValidationError({key: _("Ce besoin ou ce projet relève d'un autre dispositif.")})


@service
def job_offer_create(*, programme: Programme, by, **fields) -> JobOffer:
    """Draft a job offer for the future leader of a generated project.

    Side effects: one JobOffer row, one event.
    """
    ensure(rules.can_manage, by, programme)
    _check_fields(fields, OFFER_FIELDS)
    _check_same_programme(programme.pk, fields)
    offer = JobOffer(programme=programme, created_by=_person(by), **fields)
    if offer.need_id and offer.project_id is None:
        offer.project = offer.need.project
    offer.full_clean()
    offer.save()
    record(actor=by, obj=offer, action="create", changes=snapshot(offer, ["title", "need", "project"]))
    return offer


@service(permission=rules.can_manage, on="offer")
def job_offer_update(*, offer: JobOffer, by, **fields) -> JobOffer:
    """Edit an offer that is not filled yet. Side effects: saves the offer, one event."""
    if not offer.is_editable:
        raise TransitionNotAllowed(_("Une offre pourvue ne se modifie plus."))
    _check_fields(fields, OFFER_FIELDS)
    _check_same_programme(offer.programme_id, fields)
    before = snapshot(offer, list(fields))
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    record(actor=by, obj=offer, action="update", changes=diff(before, snapshot(offer, list(fields))))
    return offer


@service
def job_offer_transition(*, offer: JobOffer, name: str, by, comment: str = "") -> JobOffer:
    """Publish, close or mark filled. Side effects: state (and published_at) saved, one event."""
    return _move(JOB_OFFER_WORKFLOW, offer, name, by=by, comment=comment)


# -- candidacies ---------------------------------------------------------------------------------


@service
def candidacy_apply(*, offer: JobOffer, by, motivation: str, experience: str = "") -> Candidacy:
    """Apply to a published offer (one candidacy per person and offer): `by` for themselves,
    signed in (people without an account sign up first, through essaim/accounts).

    Side effects: one Candidacy row (its first log line: received), the receipt e-mail.
    """
    candidate = by
    if not candidate.is_authenticated:
        raise ValidationError(_("Connectez-vous ou créez un compte pour postuler."))
    if not offer.accepts_candidacies:
        raise ValidationError(_("Cette offre n'accepte plus de candidature."))
    if not (motivation or "").strip():
        raise ValidationError({"motivation": _("Expliquez votre motivation pour ce projet.")})
    if Candidacy.objects.filter(offer=offer, candidate=candidate).exists():
        raise ValidationError(_("Vous avez déjà postulé à cette offre."))
    candidacy = Candidacy.objects.create(
        offer=offer, candidate=candidate, motivation=motivation.strip(), experience=(experience or "").strip()
    )
    record_transition(
        actor=candidate,
        obj=candidacy,
        workflow=CANDIDACY_WORKFLOW.name,
        from_state="",
        to_state=candidacy.state,
    )
    notify("calls/candidacy_received", to=[candidate], context={"candidacy": candidacy})
    return candidacy


@service
def candidacy_transition(
    *, candidacy: Candidacy, name: str, by, comment: str = "", interview_at: dt.datetime | None = None
) -> Candidacy:
    """Shortlist, invite to interview, recruit, reject, or (by the candidate) withdraw.

    Recruiting makes the candidate a carrier of the offer's project and marks the offer filled.
    Side effects: state saved, one event (the move); on recruitment the project's carriers, the
    user's `is_carrier` flag and the offer's state.
    """
    if name == "interview":
        CANDIDACY_WORKFLOW.check(candidacy, name, by=by)
        if interview_at is None:
            raise ValidationError({"interview_at": _("Indiquez la date de l'entretien.")})
        return _move(CANDIDACY_WORKFLOW, candidacy, name, by=by, comment=comment, interview_at=interview_at)
    return _move(CANDIDACY_WORKFLOW, candidacy, name, by=by, comment=comment)
