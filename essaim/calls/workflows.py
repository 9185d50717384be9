"""The five state machines of this app, each in one place (the kernel's `Workflow`).

For every move: the states it leaves and reaches, the predicate the actor must satisfy
(`essaim.calls.rules`), the rules of the domain that may refuse it (guards), the fields that
change with it (prepare) and what it causes (effects: e-mails, a project in the accompaniment
pipeline, the recruited candidate on the project's team). Moves are made by the services
(`WORKFLOW.apply`), logged once in the activity log and read back with `WORKFLOW.log(obj)`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.services import project_create, project_set_carriers
from essaim.calls import rules
from essaim.calls.models import (
    OPEN_CANDIDACY_STATES,
    ApplicationState,
    CallState,
    CandidacyState,
    JobOfferState,
    NeedState,
)
from essaim.core.workflow import Transition, Workflow
from essaim.notifications.services import notify

# Stage a selected carrier's project enters: the one right after `selection`.
STAGE_AFTER_SELECTION = "opportunite_faisabilite"
# Stage of a project generated from a territory need.
STAGE_FOR_NEED = "reperage"

DECISIONS = ("accept", "waitlist", "refuse")


# -- calls ------------------------------------------------------------------------------------


def _has_criteria(call, ctx):
    if not call.criteria.exists():
        return _("Ajoutez au moins un critère d'évaluation avant d'ouvrir l'appel.")
    return None


def _every_submission_decided(call, ctx):
    if call.applications.filter(state=ApplicationState.SUBMITTED).exists():
        return _("Des candidatures déposées attendent encore une décision.")
    return None


CALL_WORKFLOW = Workflow(
    "calls.call",
    states=CallState,
    transitions=[
        Transition(
            "open",
            (CallState.DRAFT,),
            CallState.OPEN,
            _("Ouvrir aux candidatures"),
            permission=rules.can_manage,
            guards=(_has_criteria,),
        ),
        Transition(
            "start_review", (CallState.OPEN,), CallState.REVIEW, _("Passer en évaluation"), rules.can_manage
        ),
        Transition(
            "decide",
            (CallState.REVIEW,),
            CallState.DECIDED,
            _("Clore les décisions"),
            permission=rules.can_manage,
            guards=(_every_submission_decided,),
        ),
        Transition(
            "close",
            (CallState.DRAFT, CallState.DECIDED),
            CallState.CLOSED,
            _("Clore l'appel"),
            permission=rules.can_manage,
            is_negative=True,
        ),
    ],
)


# -- applications ------------------------------------------------------------------------------


def _call_accepts_submissions(application, ctx):
    if not application.call.accepts_submissions:
        return _("Cet appel n'accepte pas de candidature en ce moment.")
    return None


def _call_takes_decisions(application, ctx):
    if not application.call.takes_decisions:
        return _("Les décisions se prennent après la clôture des candidatures.")
    return None


def _stamp_submission(application, ctx):
    application.submitted_at = timezone.now()


def _stamp_decision(application, ctx):
    application.feedback = ctx.comment
    application.decided_at = timezone.now()


def _send_receipt(application, ctx):
    notify("calls/application_received", to=[application.carrier], context={"application": application})


def _send_decision(application, ctx):
    notify("calls/application_decision", to=[application.carrier], context={"application": application})


def _enter_pipeline(application, ctx):
    """The accepted carrier's project enters the programme's pipeline after selection (before
    the move is saved: its log line is filed under the new project)."""
    if application.project_id is not None:
        return
    application.project = project_create(
        programme=application.call.programme,
        model=ProjectModel.CARRIER,
        stage_key=STAGE_AFTER_SELECTION,
        name=application.project_name,
        summary=application.summary,
        commune=application.commune,
        carriers=[application.carrier],
        by=ctx.by,
    )


_DECIDABLE = (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED)


def _decision(name, sources, target, label, *, prepare=(), is_negative=False) -> Transition:
    return Transition(
        name,
        sources,
        target,
        label,
        permission=rules.can_manage_application,
        denied_message=_("Seule l'équipe du dispositif décide."),
        guards=(_call_takes_decisions,),
        prepare=(_stamp_decision, *prepare),
        effects=(_send_decision,),
        needs_comment=True,
        comment_message=_("Rédigez un retour pour le porteur."),
        is_negative=is_negative,
    )


APPLICATION_WORKFLOW = Workflow(
    "calls.application",
    states=ApplicationState,
    transitions=[
        Transition(
            "submit",
            (ApplicationState.DRAFT,),
            ApplicationState.SUBMITTED,
            _("Déposer"),
            permission=rules.is_application_carrier,
            guards=(_call_accepts_submissions,),
            prepare=(_stamp_submission,),
            effects=(_send_receipt,),
        ),
        Transition(
            "withdraw",
            (ApplicationState.DRAFT, ApplicationState.SUBMITTED),
            ApplicationState.WITHDRAWN,
            _("Retirer"),
            permission=rules.is_application_carrier,
            denied_message=_("Seul le porteur retire sa candidature."),
            is_negative=True,
        ),
        _decision("accept", _DECIDABLE, ApplicationState.ACCEPTED, _("Retenir"), prepare=(_enter_pipeline,)),
        _decision(
            "waitlist",
            (ApplicationState.SUBMITTED,),
            ApplicationState.WAITLISTED,
            _("Mettre en liste d'attente"),
        ),
        _decision("refuse", _DECIDABLE, ApplicationState.REFUSED, _("Ne pas retenir"), is_negative=True),
    ],
)


# -- territory needs ---------------------------------------------------------------------------


def _generate_project(need, ctx):
    """A generator-model project with no carrier yet; the need's offers without a project join it."""
    need.project = project_create(
        programme=need.programme,
        model=ProjectModel.GENERATOR,
        stage_key=STAGE_FOR_NEED,
        name=(ctx.params.get("project_name") or need.title).strip(),
        summary=need.opportunity_study,
        social_need=need.need,
        commune=need.commune,
        carriers=[],
        by=ctx.by,
    )
    need.save(update_fields=["project"])
    need.job_offers.filter(project__isnull=True).update(project=need.project)


_OPEN_NEED = (NeedState.SPOTTED, NeedState.STUDIED)

NEED_WORKFLOW = Workflow(
    "calls.need",
    states=NeedState,
    transitions=[
        Transition(
            "study", (NeedState.SPOTTED,), NeedState.STUDIED, _("Marquer comme étudié"), rules.can_manage
        ),
        Transition(
            "make_project",
            _OPEN_NEED,
            NeedState.PROJECT,
            _("En faire un projet"),
            permission=rules.can_manage,
            effects=(_generate_project,),
        ),
        Transition(
            "drop", _OPEN_NEED, NeedState.DROPPED, _("Abandonner"), rules.can_manage, is_negative=True
        ),
    ],
)


# -- job offers --------------------------------------------------------------------------------


def _stamp_publication(offer, ctx):
    offer.published_at = timezone.now()


JOB_OFFER_WORKFLOW = Workflow(
    "calls.job_offer",
    states=JobOfferState,
    transitions=[
        Transition(
            "publish",
            (JobOfferState.DRAFT,),
            JobOfferState.PUBLISHED,
            _("Publier"),
            permission=rules.can_manage,
            prepare=(_stamp_publication,),
        ),
        Transition(
            "close",
            (JobOfferState.PUBLISHED,),
            JobOfferState.CLOSED,
            _("Clore"),
            rules.can_manage,
            is_negative=True,
        ),
        Transition(
            "fill",
            (JobOfferState.PUBLISHED, JobOfferState.CLOSED),
            JobOfferState.FILLED,
            _("Marquer pourvue"),
            permission=rules.can_manage,
        ),
    ],
)


# -- candidacies -------------------------------------------------------------------------------


def _offer_has_project(candidacy, ctx):
    if candidacy.offer.project_id is None:
        return _("Rattachez d'abord l'offre à un projet : le recruté en deviendra le porteur.")
    return None


def _set_interview(candidacy, ctx):
    candidacy.interview_at = ctx.params["interview_at"]


def _recruit(candidacy, ctx):
    """The recruited candidate becomes a carrier of the offer's project; the offer is filled."""
    offer = candidacy.offer
    team = list(offer.project.carriers.all())
    if candidacy.candidate not in team:
        project_set_carriers(project=offer.project, carriers=[*team, candidacy.candidate], by=ctx.by)
    if JOB_OFFER_WORKFLOW.may(offer, "fill", ctx.by):
        JOB_OFFER_WORKFLOW.apply(offer, "fill", by=ctx.by, comment=str(candidacy.candidate))


CANDIDACY_WORKFLOW = Workflow(
    "calls.candidacy",
    states=CandidacyState,
    transitions=[
        Transition(
            "shortlist",
            (CandidacyState.SUBMITTED,),
            CandidacyState.SHORTLISTED,
            _("Présélectionner"),
            rules.can_manage,
        ),
        Transition(
            "interview",
            (CandidacyState.SHORTLISTED,),
            CandidacyState.INTERVIEW,
            _("Convoquer en entretien"),
            permission=rules.can_manage,
            prepare=(_set_interview,),
        ),
        Transition(
            "recruit",
            (CandidacyState.INTERVIEW,),
            CandidacyState.RECRUITED,
            _("Recruter"),
            permission=rules.can_manage,
            guards=(_offer_has_project,),
            effects=(_recruit,),
        ),
        Transition(
            "reject",
            OPEN_CANDIDACY_STATES,
            CandidacyState.REJECTED,
            _("Ne pas retenir"),
            rules.can_manage,
            is_negative=True,
        ),
        Transition(
            "withdraw",
            OPEN_CANDIDACY_STATES,
            CandidacyState.WITHDRAWN,
            _("Retirer ma candidature"),
            permission=rules.is_candidate,
            denied_message=_("Seul le candidat peut retirer sa candidature."),
            is_negative=True,
        ),
    ],
)

__all__ = [
    "APPLICATION_WORKFLOW",
    "CALL_WORKFLOW",
    "CANDIDACY_WORKFLOW",
    "DECISIONS",
    "JOB_OFFER_WORKFLOW",
    "NEED_WORKFLOW",
    "STAGE_AFTER_SELECTION",
    "STAGE_FOR_NEED",
    "ApplicationState",
    "CallState",
    "CandidacyState",
    "JobOfferState",
    "NeedState",
]
