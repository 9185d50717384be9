"""Writes on calls for projects, applications, reviews, decisions, and the generator side.

Every function is keyword-only; errors are `ValidationError`s with French messages (a
`TransitionNotAllowed` for a state that does not allow the action) and leave no partial data.
Permission checks belong to the callers (views and API fetch objects through scoped querysets).
"""

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accounts.models import Membership, User
from essaim.calls import tasks
from essaim.calls.models import (
    Answer,
    Application,
    ApplicationTransition,
    Call,
    CallTransition,
    Candidacy,
    CandidacyTransition,
    Criterion,
    JobOffer,
    JobOfferTransition,
    Question,
    Review,
    Score,
    TerritoryNeed,
)
from essaim.calls.workflows import (
    APPLICATION_WORKFLOW,
    CALL_WORKFLOW,
    CANDIDACY_WORKFLOW,
    DECISIONS,
    JOB_OFFER_WORKFLOW,
    NEED_WORKFLOW,
    ApplicationState,
    CallState,
    JobOfferState,
    TransitionNotAllowed,
    Workflow,
)
from essaim.directory.models import Programme

# Stage a selected carrier's project enters: the one right after `selection`.
STAGE_AFTER_SELECTION = "opportunite_faisabilite"
# Stage of a project generated from a territory need.
STAGE_FOR_NEED = "reperage"


def _apply(
    obj,
    workflow: Workflow,
    name: str,
    *,
    by: User | None,
    comment: str,
    log_model,
    log_fk: str,
    programme_id: int,
):
    """Check a transition, save the new state, write the log row and the audit event."""
    from essaim.accompaniment import audit
    from essaim.accompaniment.enums import AuditAction

    transition = workflow.check(name, obj.state)
    from_state = obj.state
    obj.state = transition.target
    obj.save()
    log_model.objects.create(
        **{log_fk: obj}, from_state=from_state, to_state=transition.target, by=by, comment=comment
    )
    audit.record(
        actor=by,
        obj=obj,
        action=AuditAction.TRANSITION,
        changes={"state": [from_state, transition.target], "comment": comment},
        programme_id=programme_id,
    )
    return transition


# -- Accounts for carriers and candidates ------------------------------------------------------


def carrier_register(*, email: str, password: str, full_name: str = "") -> User:
    """Create a carrier account (`is_carrier`). Raises ValidationError on a taken e-mail or weak
    password. Side effects: one User row."""
    email = User.objects.normalize_email((email or "").strip()).lower()
    if not email:
        raise ValidationError({"email": _("Indiquez votre adresse électronique.")})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Un compte existe déjà avec cette adresse : connectez-vous pour continuer.")}
        )
    user = User(email=email, full_name=(full_name or "").strip(), is_carrier=True)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    return user


# -- Calls -------------------------------------------------------------------------------


def _clean_territory_refs(refs: list[str]) -> list[str]:
    from essaim.territories.selectors import TerritoryNotFound, get_place, parse_ref

    cleaned = []
    for ref in refs:
        ref = ref.strip()
        if not ref:
            continue
        try:
            level, code = parse_ref(ref)
            get_place(level, code)
        except ValueError as exc:
            raise ValidationError({"territory_refs": str(exc)}) from exc
        except TerritoryNotFound as exc:
            raise ValidationError(
                {"territory_refs": _("Territoire inconnu : %(ref)s") % {"ref": ref}}
            ) from exc
        cleaned.append(f"{level}:{code}")
    return cleaned


def call_create(
    *,
    programme: Programme,
    title: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    description: str = "",
    eligibility: str = "",
    territory_refs: list[str] | None = None,
    score_max: int = 5,
    blind_review: bool = False,
    by: User | None = None,
) -> Call:
    """Create a call in the draft state. Side effects: one Call row."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("La clôture doit être postérieure à l'ouverture.")})
    call = Call(
        programme=programme,
        title=title,
        description=description,
        eligibility=eligibility,
        territory_refs=_clean_territory_refs(territory_refs or []),
        opens_at=opens_at,
        closes_at=closes_at,
        score_max=score_max,
        blind_review=blind_review,
    )
    call.full_clean()
    call.save()
    return call


def call_update(*, call: Call, by: User | None = None, **fields) -> Call:
    """Edit a call's text, dates and settings while it is a draft or open. Side effects: saves the call."""
    if call.state not in (CallState.DRAFT, CallState.OPEN):
        raise TransitionNotAllowed(_("Un appel en évaluation ou clos ne se modifie plus."))
    if "territory_refs" in fields:
        fields["territory_refs"] = _clean_territory_refs(fields["territory_refs"] or [])
    for name, value in fields.items():
        setattr(call, name, value)
    if call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": _("La clôture doit être postérieure à l'ouverture.")})
    call.full_clean()
    call.save()
    return call


def _draft_only(call: Call) -> None:
    if call.state != CallState.DRAFT:
        raise TransitionNotAllowed(_("Les critères et les questions se modifient seulement en brouillon."))


def criterion_add(*, call: Call, label: str, weight: int = 1, description: str = "") -> Criterion:
    """Add an evaluation criterion to a draft call. Side effects: one Criterion row."""
    _draft_only(call)
    criterion = Criterion(
        call=call, label=label, weight=weight, description=description, position=call.criteria.count()
    )
    criterion.full_clean()
    criterion.save()
    return criterion


def question_add(
    *,
    call: Call,
    label: str,
    kind: str = Question.Kind.TEXT,
    required: bool = True,
    choices: list[str] | None = None,
    help_text: str = "",
) -> Question:
    """Add a question to a draft call's application form. Side effects: one Question row."""
    _draft_only(call)
    choices = [c.strip() for c in (choices or []) if c.strip()]
    if kind == Question.Kind.CHOICE and len(choices) < 2:
        raise ValidationError({"choices": _("Une question à choix demande au moins deux choix.")})
    if kind != Question.Kind.CHOICE:
        choices = []
    question = Question(
        call=call,
        label=label,
        kind=kind,
        required=required,
        choices=choices,
        help_text=help_text,
        position=call.questions.count(),
    )
    question.full_clean()
    question.save()
    return question


def criterion_remove(*, criterion: Criterion) -> None:
    """Remove a criterion from a draft call. Side effects: deletes the row."""
    _draft_only(criterion.call)
    criterion.delete()


def question_remove(*, question: Question) -> None:
    """Remove a question from a draft call. Side effects: deletes the row."""
    _draft_only(question.call)
    question.delete()


def call_transition(*, call: Call, name: str, by: User | None, comment: str = "") -> Call:
    """Move a call through its workflow (open, start_review, decide, close).

    Opening needs at least one criterion; closing the decisions needs every submitted
    application decided. Side effects: saves the call, one CallTransition row.
    """
    CALL_WORKFLOW.check(name, call.state)
    if name == "open" and not call.criteria.exists():
        raise ValidationError(_("Ajoutez au moins un critère d'évaluation avant d'ouvrir l'appel."))
    if (
        name == "decide"
        and call.applications.filter(state=ApplicationState.SUBMITTED).exists()
        and call.state == CallState.REVIEW
    ):
        raise ValidationError(_("Des candidatures déposées attendent encore une décision."))
    with transaction.atomic():
        _apply(
            call,
            CALL_WORKFLOW,
            name,
            by=by,
            comment=comment,
            log_model=CallTransition,
            log_fk="call",
            programme_id=call.programme_id,
        )
    return call


# -- Applications ----------------------------------------------------------------------------


def _check_accepting(call: Call) -> None:
    if not call.accepts_submissions:
        raise ValidationError(_("Cet appel n'accepte pas de candidature en ce moment."))


def application_start(*, call: Call, carrier: User, project_name: str = "") -> Application:
    """The carrier's draft for this call, created if needed (one application per carrier and call).

    Side effects: may create one Application row and set `is_carrier` on the user.
    """
    existing = Application.objects.filter(call=call, carrier=carrier).first()
    if existing is not None:
        return existing
    _check_accepting(call)
    with transaction.atomic():
        if not carrier.is_carrier:
            carrier.is_carrier = True
            carrier.save(update_fields=["is_carrier"])
        application = Application.objects.create(
            call=call, carrier=carrier, project_name=project_name or _("Mon projet")
        )
        ApplicationTransition.objects.create(
            application=application, from_state="", to_state=ApplicationState.DRAFT, by=carrier
        )
    return application


def _clean_answer(question: Question, raw) -> str:
    value = "" if raw is None else str(raw).strip()
    if not value:
        return ""
    if question.kind == Question.Kind.NUMBER:
        try:
            float(value.replace(",", "."))
        except ValueError as exc:
            raise ValidationError(
                {f"q_{question.pk}": _("« %(label)s » : un nombre est attendu.") % {"label": question.label}}
            ) from exc
    if question.kind == Question.Kind.CHOICE and value not in question.choices:
        raise ValidationError(
            {f"q_{question.pk}": _("« %(label)s » : choix inconnu.") % {"label": question.label}}
        )
    return value


def application_save_draft(
    *,
    application: Application,
    by: User,
    project_name: str,
    summary: str = "",
    commune=None,
    answers: dict[int, str] | None = None,
) -> Application:
    """Save the carrier's draft: project name, summary, commune and answers by question id.

    Side effects: saves the application, creates or updates Answer rows.
    """
    if application.state != ApplicationState.DRAFT:
        raise TransitionNotAllowed(_("Une candidature déposée ne se modifie plus."))
    if not (project_name or "").strip():
        raise ValidationError({"project_name": _("Donnez un nom à votre projet.")})
    questions = {q.pk: q for q in application.call.questions.all()}
    cleaned = {}
    for question_id, raw in (answers or {}).items():
        question = questions.get(int(question_id))
        if question is None:
            raise ValidationError(_("Question inconnue pour cet appel."))
        cleaned[question.pk] = _clean_answer(question, raw)
    with transaction.atomic():
        application.project_name = project_name.strip()
        application.summary = summary
        application.commune = commune
        application.save()
        for question_id, value in cleaned.items():
            Answer.objects.update_or_create(
                application=application, question_id=question_id, defaults={"value": value}
            )
    return application


def application_submit(*, application: Application, by: User) -> Application:
    """Submit a draft while the call is open; every required question must be answered.

    Side effects: state → submitted, one ApplicationTransition row, receipt e-mail task.
    """
    call = application.call
    _check_accepting(call)
    answered = {
        a.question_id
        for a in Answer.objects.filter(application=application).exclude(value="").only("question_id")
    }
    missing = [q for q in call.questions.all() if q.required and q.pk not in answered]
    errors = {f"q_{q.pk}": _("Cette question est obligatoire.") for q in missing}
    if not application.summary.strip():
        errors["summary"] = _("Décrivez votre projet en quelques lignes.")
    if errors:
        labels = ", ".join(f"« {q.label} »" for q in missing)
        message = _("Candidature incomplète.")
        if labels:
            message = _("Candidature incomplète : répondez à %(labels)s.") % {"labels": labels}
        raise ValidationError({**errors, "__all__": [message]})
    with transaction.atomic():
        application.submitted_at = timezone.now()
        _apply(
            application,
            APPLICATION_WORKFLOW,
            "submit",
            by=by,
            comment="",
            log_model=ApplicationTransition,
            log_fk="application",
            programme_id=application.call.programme_id,
        )
        tasks.send_application_receipt.enqueue(application.pk)
    return application


def application_withdraw(*, application: Application, by: User, comment: str = "") -> Application:
    """The carrier withdraws a draft or a submitted application. Side effects: state, log row."""
    with transaction.atomic():
        _apply(
            application,
            APPLICATION_WORKFLOW,
            "withdraw",
            by=by,
            comment=comment,
            log_model=ApplicationTransition,
            log_fk="application",
            programme_id=application.call.programme_id,
        )
    return application


def reviewer_is_eligible(*, call: Call, user: User) -> bool:
    """Staff of the call's organisation or an external expert may review."""
    if user.is_expert:
        return True
    return Membership.objects.filter(user=user, organisation_id=call.programme.organisation_id).exists()


def review_assign(*, application: Application, reviewer: User, by: User) -> Review:
    """Assign a reviewer to a submitted application. Side effects: one Review row (idempotent)."""
    if application.state != ApplicationState.SUBMITTED:
        raise TransitionNotAllowed(_("Seules les candidatures déposées s'évaluent."))
    if application.call.state not in (CallState.OPEN, CallState.REVIEW):
        raise TransitionNotAllowed(_("L'appel n'est plus en phase d'évaluation."))
    if reviewer.pk == application.carrier_id:
        raise ValidationError({"reviewer": _("Le porteur ne peut pas évaluer sa propre candidature.")})
    if not reviewer_is_eligible(call=application.call, user=reviewer):
        raise ValidationError(
            {"reviewer": _("Choisissez un membre de l'équipe ou un expert comme évaluateur.")}
        )
    review, _created = Review.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"assigned_by": by}
    )
    return review


def review_declare_conflict(*, review: Review, reason: str) -> Review:
    """The reviewer declares a conflict of interest; they can no longer score.

    Side effects: saves the review, deletes scores already given.
    """
    if not (reason or "").strip():
        raise ValidationError({"conflict_reason": _("Précisez la nature du conflit d'intérêts.")})
    with transaction.atomic():
        review.scores.all().delete()
        review.conflict_of_interest = True
        review.conflict_reason = reason.strip()
        review.submitted_at = None
        review.save()
    return review


def review_submit(*, review: Review, scores: dict[int, tuple[int, str]], comment: str = "") -> Review:
    """Score every criterion of the call (0 to the call's maximum) with an optional comment.

    Only during the review phase and without a declared conflict; may be resubmitted until
    the decisions are closed. Side effects: Score rows replaced, review saved.
    """
    application = review.application
    call = application.call
    if review.conflict_of_interest:
        raise TransitionNotAllowed(_("Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas noter."))
    if call.state != CallState.REVIEW:
        raise TransitionNotAllowed(_("Les notes se donnent pendant la phase d'évaluation de l'appel."))
    if application.state not in (ApplicationState.SUBMITTED, ApplicationState.WAITLISTED):
        raise TransitionNotAllowed(_("Cette candidature a déjà reçu une décision."))
    criteria = list(call.criteria.all())
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk, (None, ""))[0]
        if value is None:
            errors[f"c_{criterion.pk}"] = _("Notez ce critère.")
        elif not 0 <= int(value) <= call.score_max:
            errors[f"c_{criterion.pk}"] = _("La note va de 0 à %(max)s.") % {"max": call.score_max}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review.scores.all().delete()
        Score.objects.bulk_create(
            Score(
                review=review,
                criterion=criterion,
                value=int(scores[criterion.pk][0]),
                comment=(scores[criterion.pk][1] or "").strip(),
            )
            for criterion in criteria
        )
        review.comment = comment
        review.submitted_at = timezone.now()
        review.save()
    return review


def application_decide(*, application: Application, decision: str, feedback: str, by: User) -> Application:
    """The committee's decision: accept, waitlist or refuse, with written feedback to the carrier.

    Side effects: state, decided_at and feedback saved, one ApplicationTransition row, decision
    e-mail task; on acceptance a carrier-model project is created in the programme's pipeline
    at the stage after `selection`, with the carrier on its team.
    """
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Décision inconnue.")})
    if application.call.state not in (CallState.REVIEW, CallState.DECIDED):
        raise TransitionNotAllowed(_("Les décisions se prennent après la clôture des candidatures."))
    if not (feedback or "").strip():
        raise ValidationError({"feedback": _("Rédigez un retour pour le porteur.")})
    with transaction.atomic():
        application.feedback = feedback.strip()
        application.decided_at = timezone.now()
        _apply(
            application,
            APPLICATION_WORKFLOW,
            decision,
            by=by,
            comment=feedback.strip(),
            log_model=ApplicationTransition,
            log_fk="application",
            programme_id=application.call.programme_id,
        )
        if decision == "accept" and application.project_id is None:
            application.project = _project_from_application(application=application, by=by)
            application.save(update_fields=["project"])
        tasks.send_application_decision.enqueue(application.pk)
    return application


def _project_from_application(*, application: Application, by: User):
    from essaim.accompaniment.enums import ProjectModel
    from essaim.accompaniment.services import project_create

    return project_create(
        programme=application.call.programme,
        model=ProjectModel.CARRIER,
        stage_key=STAGE_AFTER_SELECTION,
        name=application.project_name,
        summary=application.summary,
        commune=application.commune,
        carriers=[application.carrier],
        by=by,
    )


# -- Generator side: needs, job offers, candidacies -------------------------------------------------


NEED_FIELDS = ("title", "need", "evidence", "sources", "partners_met", "opportunity_study", "commune", "epci")


def need_create(*, programme: Programme, by: User | None, title: str, need: str, **fields) -> TerritoryNeed:
    """Record a territory need or opportunity. Side effects: one TerritoryNeed row."""
    unknown = set(fields) - set(NEED_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    item = TerritoryNeed(programme=programme, created_by=by, title=title, need=need, **fields)
    item.full_clean()
    item.save()
    return item


def need_update(*, territory_need: TerritoryNeed, by: User | None, **fields) -> TerritoryNeed:
    """Edit a need's description, evidence, sources, partners, study or territory. Side effects: save.

    (The object is `territory_need` because `need` is one of its text fields.)
    """
    for name, value in fields.items():
        if name not in NEED_FIELDS:
            raise TypeError(f"unknown field: {name}")
        setattr(territory_need, name, value)
    territory_need.full_clean()
    territory_need.save()
    return territory_need


def need_transition(*, need: TerritoryNeed, name: str, by: User | None, comment: str = "") -> TerritoryNeed:
    """Mark a need as studied or dropped (turning it into a project is `need_make_project`).

    Side effects: state saved, one AuditEvent (the need's moves are logged in the audit trail).
    """
    if name == "make_project":
        raise ValidationError(_("Utilisez « En faire un projet »."))
    transition = NEED_WORKFLOW.check(name, need.state)
    _record_need_move(need, need.state, transition.target, by=by, comment=comment)
    need.state = transition.target
    need.save(update_fields=["state"])
    return need


def _record_need_move(need: TerritoryNeed, from_state: str, to_state: str, *, by, comment: str) -> None:
    from essaim.accompaniment import audit
    from essaim.accompaniment.enums import AuditAction

    audit.record(
        actor=by,
        obj=need,
        action=AuditAction.TRANSITION,
        changes={"state": [from_state, to_state], "comment": comment},
        programme_id=need.programme_id,
    )


def need_make_project(*, need: TerritoryNeed, by: User, name: str = ""):
    """Turn a need into a generator-model project with no carrier yet, at stage `reperage`.

    Side effects: a Project (through the accompaniment services), need state → project, one
    AuditEvent; the need's job offers without a project are attached to it.
    """
    from essaim.accompaniment.enums import ProjectModel
    from essaim.accompaniment.services import project_create

    NEED_WORKFLOW.check("make_project", need.state)
    with transaction.atomic():
        project = project_create(
            programme=need.programme,
            model=ProjectModel.GENERATOR,
            stage_key=STAGE_FOR_NEED,
            name=(name or need.title).strip(),
            summary=need.opportunity_study,
            social_need=need.need,
            commune=need.commune,
            carriers=[],
            by=by,
        )
        _record_need_move(
            need, need.state, NEED_WORKFLOW.transitions["make_project"].target, by=by, comment=""
        )
        need.project = project
        need.state = NEED_WORKFLOW.transitions["make_project"].target
        need.save(update_fields=["project", "state"])
        need.job_offers.filter(project__isnull=True).update(project=project)
    return project


OFFER_FIELDS = ("title", "description", "skills_profile", "commune", "closes_on", "need", "project")


def _check_same_programme(programme_id: int, fields: dict) -> None:
    for key in ("need", "project"):
        related = fields.get(key)
        if related is not None and related.programme_id != programme_id:
            raise ValidationError({key: _("Ce besoin ou ce projet relève d'un autre dispositif.")})


def job_offer_create(*, programme: Programme, by: User | None, **fields) -> JobOffer:
    """Draft a job offer for the future leader of a generated project. Side effects: one JobOffer row."""
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_same_programme(programme.pk, fields)
    offer = JobOffer(programme=programme, **fields)
    if offer.need_id and offer.project_id is None:
        offer.project = offer.need.project
    offer.full_clean()
    offer.save()
    return offer


def job_offer_update(*, offer: JobOffer, by: User | None, **fields) -> JobOffer:
    """Edit an offer that is not filled yet. Side effects: save."""
    if offer.state == JobOfferState.FILLED:
        raise TransitionNotAllowed(_("Une offre pourvue ne se modifie plus."))
    _check_same_programme(offer.programme_id, fields)
    for name, value in fields.items():
        if name not in OFFER_FIELDS:
            raise TypeError(f"unknown field: {name}")
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    return offer


def job_offer_transition(*, offer: JobOffer, name: str, by: User | None, comment: str = "") -> JobOffer:
    """Publish, close or mark filled. Side effects: state (and published_at) saved, one log row."""
    with transaction.atomic():
        if name == "publish":
            offer.published_at = timezone.now()
        _apply(
            offer,
            JOB_OFFER_WORKFLOW,
            name,
            by=by,
            comment=comment,
            log_model=JobOfferTransition,
            log_fk="offer",
            programme_id=offer.programme_id,
        )
    return offer


def candidacy_apply(*, offer: JobOffer, candidate: User, motivation: str, experience: str = "") -> Candidacy:
    """Apply to a published offer (one candidacy per person and offer).

    Side effects: one Candidacy row, one log row, receipt e-mail task.
    """
    if offer.state != JobOfferState.PUBLISHED or (offer.closes_on and offer.closes_on < timezone.localdate()):
        raise ValidationError(_("Cette offre n'accepte plus de candidature."))
    if not (motivation or "").strip():
        raise ValidationError({"motivation": _("Expliquez votre motivation pour ce projet.")})
    if Candidacy.objects.filter(offer=offer, candidate=candidate).exists():
        raise ValidationError(_("Vous avez déjà postulé à cette offre."))
    with transaction.atomic():
        candidacy = Candidacy.objects.create(
            offer=offer,
            candidate=candidate,
            motivation=motivation.strip(),
            experience=(experience or "").strip(),
        )
        CandidacyTransition.objects.create(
            candidacy=candidacy, from_state="", to_state=candidacy.state, by=candidate
        )
        tasks.send_candidacy_receipt.enqueue(candidacy.pk)
    return candidacy


def candidacy_transition(
    *,
    candidacy: Candidacy,
    name: str,
    by: User,
    comment: str = "",
    interview_at: dt.datetime | None = None,
) -> Candidacy:
    """Shortlist, invite to interview, recruit, reject, or (by the candidate) withdraw.

    Recruiting makes the candidate a carrier of the offer's project and marks the offer filled.
    Side effects: state saved, one log row; on recruitment the project's carriers, the user's
    `is_carrier` flag and the offer's state.
    """
    offer = candidacy.offer
    CANDIDACY_WORKFLOW.check(name, candidacy.state)
    if name == "interview" and interview_at is None:
        raise ValidationError({"interview_at": _("Indiquez la date de l'entretien.")})
    if name == "recruit" and offer.project_id is None:
        raise ValidationError(
            _("Rattachez d'abord l'offre à un projet : le recruté en deviendra le porteur.")
        )
    with transaction.atomic():
        if interview_at is not None:
            candidacy.interview_at = interview_at
        _apply(
            candidacy,
            CANDIDACY_WORKFLOW,
            name,
            by=by,
            comment=comment,
            log_model=CandidacyTransition,
            log_fk="candidacy",
            programme_id=offer.programme_id,
        )
        if name == "recruit":
            _recruit(candidacy=candidacy, by=by)
    return candidacy


def _recruit(*, candidacy: Candidacy, by: User) -> None:
    from essaim.accompaniment.services import project_set_carriers

    project = candidacy.offer.project
    team = list(project.carriers.all())
    if candidacy.candidate not in team:
        project_set_carriers(project=project, carriers=[*team, candidacy.candidate], by=by)
    offer = candidacy.offer
    if offer.state in (JobOfferState.PUBLISHED, JobOfferState.CLOSED):
        job_offer_transition(offer=offer, name="fill", by=by, comment=str(candidacy.candidate))
