"""The state machines of this app, each in one place: states, allowed transitions, labels.

`services.py` applies a transition through one function per workflow, which checks it here,
saves the new state and writes a transition log row (who, when, from, to, comment).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionNotAllowed(ValidationError):
    """Raised with a French message when a transition does not apply to the current state."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str


class Workflow:
    def __init__(self, states: type[models.TextChoices], transitions: list[Transition]):
        self.states = states
        self.transitions = {t.name: t for t in transitions}

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def check(self, name: str, state: str) -> Transition:
        transition = self.transitions.get(name)
        if transition is None:
            raise TransitionNotAllowed(_("Action inconnue : %(name)s.") % {"name": name})
        if state not in transition.sources:
            raise TransitionNotAllowed(
                _("Action « %(action)s » impossible dans l'état « %(state)s ».")
                % {"action": transition.label, "state": self.states(state).label}
            )
        return transition


class CallState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    OPEN = "open", _("Ouvert aux candidatures")
    REVIEW = "review", _("En évaluation")
    DECIDED = "decided", _("Décisions rendues")
    CLOSED = "closed", _("Clos")


CALL_WORKFLOW = Workflow(
    CallState,
    [
        Transition("open", (CallState.DRAFT,), CallState.OPEN, _("Ouvrir aux candidatures")),
        Transition("start_review", (CallState.OPEN,), CallState.REVIEW, _("Passer en évaluation")),
        Transition("decide", (CallState.REVIEW,), CallState.DECIDED, _("Clore les décisions")),
        Transition("close", (CallState.DRAFT, CallState.DECIDED), CallState.CLOSED, _("Clore l'appel")),
    ],
)


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    ACCEPTED = "accepted", _("Retenue")
    WAITLISTED = "waitlisted", _("Liste d'attente")
    REFUSED = "refused", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


DECISIONS = ("accept", "waitlist", "refuse")

APPLICATION_WORKFLOW = Workflow(
    ApplicationState,
    [
        Transition("submit", (ApplicationState.DRAFT,), ApplicationState.SUBMITTED, _("Déposer")),
        Transition(
            "withdraw",
            (ApplicationState.DRAFT, ApplicationState.SUBMITTED),
            ApplicationState.WITHDRAWN,
            _("Retirer"),
        ),
        Transition(
            "accept",
            (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED),
            ApplicationState.ACCEPTED,
            _("Retenir"),
        ),
        Transition(
            "waitlist",
            (ApplicationState.SUBMITTED,),
            ApplicationState.WAITLISTED,
            _("Mettre en liste d'attente"),
        ),
        Transition(
            "refuse",
            (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED),
            ApplicationState.REFUSED,
            _("Ne pas retenir"),
        ),
    ],
)


class NeedState(models.TextChoices):
    SPOTTED = "spotted", _("Repéré")
    STUDIED = "studied", _("Opportunité étudiée")
    PROJECT = "project", _("Devenu projet")
    DROPPED = "dropped", _("Abandonné")


NEED_WORKFLOW = Workflow(
    NeedState,
    [
        Transition("study", (NeedState.SPOTTED,), NeedState.STUDIED, _("Marquer comme étudié")),
        Transition(
            "make_project", (NeedState.SPOTTED, NeedState.STUDIED), NeedState.PROJECT, _("En faire un projet")
        ),
        Transition("drop", (NeedState.SPOTTED, NeedState.STUDIED), NeedState.DROPPED, _("Abandonner")),
    ],
)


class JobOfferState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CLOSED = "closed", _("Close")
    FILLED = "filled", _("Pourvue")


JOB_OFFER_WORKFLOW = Workflow(
    JobOfferState,
    [
        Transition("publish", (JobOfferState.DRAFT,), JobOfferState.PUBLISHED, _("Publier")),
        Transition("close", (JobOfferState.PUBLISHED,), JobOfferState.CLOSED, _("Clore")),
        Transition(
            "fill",
            (JobOfferState.PUBLISHED, JobOfferState.CLOSED),
            JobOfferState.FILLED,
            _("Marquer pourvue"),
        ),
    ],
)


class CandidacyState(models.TextChoices):
    SUBMITTED = "submitted", _("Reçue")
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    INTERVIEW = "interview", _("Entretien")
    RECRUITED = "recruited", _("Recrutée")
    REJECTED = "rejected", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


_OPEN_CANDIDACY = (CandidacyState.SUBMITTED, CandidacyState.SHORTLISTED, CandidacyState.INTERVIEW)

CANDIDACY_WORKFLOW = Workflow(
    CandidacyState,
    [
        Transition(
            "shortlist", (CandidacyState.SUBMITTED,), CandidacyState.SHORTLISTED, _("Présélectionner")
        ),
        Transition(
            "interview", (CandidacyState.SHORTLISTED,), CandidacyState.INTERVIEW, _("Convoquer en entretien")
        ),
        Transition("recruit", (CandidacyState.INTERVIEW,), CandidacyState.RECRUITED, _("Recruter")),
        Transition("reject", _OPEN_CANDIDACY, CandidacyState.REJECTED, _("Ne pas retenir")),
        Transition("withdraw", _OPEN_CANDIDACY, CandidacyState.WITHDRAWN, _("Retirer ma candidature")),
    ],
)
