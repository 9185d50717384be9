"""Calls for projects: open calls (public), applications (what the caller may see), applying.

Registered at the API root (`/calls…` and `/applications`) with one line in main.py.

Uses the same services and scoped querysets as the workspace pages.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Router, Schema

from essaim.api.auth import required_auth
from essaim.api.errors import ApiError, bad_request, not_found
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.calls import selectors, services
from essaim.calls.models import Application, Call, Review
from essaim.calls.workflows import CALL_WORKFLOW
from essaim.territories.models import Commune

router = Router(tags=["appels à projets"])


class CriterionOut(Schema):
    id: int
    label: str
    description: str
    weight: int


class QuestionOut(Schema):
    id: int
    label: str
    help_text: str
    kind: str
    choices: list[str]
    required: bool


class CallOut(Schema):
    id: int
    title: str
    programme: str
    organisation: str
    state: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    territory_refs: list[str]
    accepts_submissions: bool


class CallDetail(CallOut):
    description: str
    eligibility: str
    score_max: int
    blind_review: bool
    criteria: list[CriterionOut]
    questions: list[QuestionOut]


class CallPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[CallOut]


class Person(Schema):
    name: str
    email: str


class ApplicationOut(Schema):
    id: int
    call: int
    call_title: str
    project_name: str
    summary: str
    commune: str | None
    state: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    feedback: str | None
    carrier: Person | None
    project: int | None


class ApplicationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ApplicationOut]


class ApplicationIn(Schema):
    project_name: str
    summary: str = ""
    commune: str | None = None
    answers: dict[int, str] = {}
    submit: bool = False


def _call(call: Call) -> dict:
    return {
        "id": call.pk,
        "title": call.title,
        "programme": call.programme.slug,
        "organisation": call.programme.organisation.name,
        "state": call.state,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "territory_refs": call.territory_refs,
        "accepts_submissions": call.accepts_submissions,
    }


def _application(application: Application, user, staff_org_ids: set[int]) -> dict:
    call = application.call
    is_staff = user.is_superuser or call.programme.organisation_id in staff_org_ids
    is_carrier = application.carrier_id == user.pk
    # A reviewer of a blind call never learns who the carrier is; a reviewer sees no feedback.
    show_carrier = is_staff or is_carrier or not call.blind_review
    carrier = application.carrier
    return {
        "id": application.pk,
        "call": call.pk,
        "call_title": call.title,
        "project_name": application.project_name,
        "summary": application.summary,
        "commune": application.commune_id,
        "state": application.state,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
        "feedback": application.feedback if (is_staff or is_carrier) else None,
        "carrier": {"name": carrier.full_name, "email": carrier.email} if show_carrier else None,
        "project": application.project_id if (is_staff or is_carrier) else None,
    }


def _raise(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        errors = {key: " ".join(messages) for key, messages in exc.message_dict.items() if key != "__all__"}
        detail = " ".join(exc.message_dict.get("__all__", [])) or None
        raise bad_request(errors, detail) from exc
    raise ApiError(
        409 if exc.__class__.__name__ == "TransitionNotAllowed" else 400, " ".join(exc.messages)
    ) from exc


@router.get(
    "/calls", response={200: CallPage, **ERRORS}, url_name="call-list", summary="Appels à projets ouverts"
)
def call_list(request):
    """Appels ouverts aux candidatures des dispositifs publiés, par date de clôture."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, selectors.public_calls(), page_request)
    body["results"] = [_call(call) for call in body["results"]]
    return body


def _visible_call(request, call_id: int) -> Call:
    queryset = Call.objects.select_related("programme__organisation")
    visible = Q(pk__in=Call.objects.public().values("pk"))
    if request.user.is_authenticated:
        visible |= Q(pk__in=Call.objects.managed_by(request.user).values("pk"))
    call = queryset.filter(visible, pk=call_id).first()
    if call is None:
        raise not_found(_("Appel à projets introuvable."))
    return call


@router.get(
    "/calls/{int:call_id}",
    response={200: CallDetail, **ERRORS},
    url_name="call-detail",
    summary="Un appel à projets",
)
def call_detail(request, call_id: int):
    """Un appel ouvert (ou, pour son équipe, un appel de ses dispositifs) avec critères et questions."""
    call = _visible_call(request, call_id)
    return {
        **_call(call),
        "description": call.description,
        "eligibility": call.eligibility,
        "score_max": call.score_max,
        "blind_review": call.blind_review,
        "criteria": list(call.criteria.all()),
        "questions": list(call.questions.all()),
    }


@router.post(
    "/calls/{int:call_id}/applications",
    response={201: ApplicationOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="call-apply",
    summary="Candidater à un appel",
)
def call_apply(request, call_id: int, payload: ApplicationIn):
    """Crée (ou reprend) le brouillon de candidature de l'appelant, l'enregistre et, si
    `submit` est vrai, le dépose (questions obligatoires vérifiées, accusé de réception envoyé)."""
    call = _visible_call(request, call_id)
    commune = None
    if payload.commune:
        commune = Commune.objects.filter(pk=payload.commune.strip()).first()
        if commune is None:
            raise bad_request({"commune": _("Commune inconnue : %(code)s.") % {"code": payload.commune}})
    try:
        with transaction.atomic():
            application = services.application_start(call=call, carrier=request.user)
            services.application_save_draft(
                application=application,
                by=request.user,
                project_name=payload.project_name,
                summary=payload.summary,
                commune=commune,
                answers=payload.answers,
            )
            if payload.submit:
                services.application_submit(application=application, by=request.user)
    except ValidationError as exc:
        _raise(exc)
    application = Application.objects.select_related("call__programme", "carrier").get(pk=application.pk)
    return 201, _application(application, request.user, set())


@router.get(
    "/applications",
    response={200: ApplicationPage, **ERRORS},
    auth=required_auth,
    url_name="application-list",
    summary="Candidatures visibles",
)
def application_list(request):
    """Les candidatures que l'appelant peut voir : celles des appels de ses organisations
    (équipe), celles qui lui sont confiées (évaluateur : sans l'identité du porteur si
    l'évaluation est anonyme), les siennes (porteur). Brouillons exclus, sauf les siens."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    user = request.user
    queryset = (
        Application.objects.visible_to(user)
        .filter(~Q(state="draft") | Q(carrier=user))
        .select_related("call__programme", "carrier")
        .order_by("-created_at", "pk")
    )
    body = paginate(request, queryset, page_request)
    staff_orgs = set(user.memberships.values_list("organisation_id", flat=True))
    body["results"] = [_application(a, user, staff_orgs) for a in body["results"]]
    return body


class DecisionIn(Schema):
    decision: str
    feedback: str


def _visible_application(request, application_id: int) -> Application:
    queryset = Application.objects.visible_to(request.user).select_related("call__programme", "carrier")
    application = queryset.filter(pk=application_id).first()
    if application is None:
        raise not_found(_("Candidature introuvable."))
    return application


@router.get(
    "/applications/{int:application_id}",
    response={200: ApplicationOut, **ERRORS},
    auth=required_auth,
    url_name="application-detail",
    summary="Une candidature",
)
def application_detail(request, application_id: int):
    """Une candidature que l'appelant peut voir (équipe, évaluateur affecté, porteur)."""
    application = _visible_application(request, application_id)
    staff_orgs = set(request.user.memberships.values_list("organisation_id", flat=True))
    return _application(application, request.user, staff_orgs)


@router.post(
    "/applications/{int:application_id}/decision",
    response={200: ApplicationOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="application-decision",
    summary="Décision du comité",
)
def application_decision(request, application_id: int, payload: DecisionIn):
    """Retenir (`accept` : le projet entre dans le parcours), mettre en liste d'attente
    (`waitlist`) ou ne pas retenir (`refuse`), avec un retour écrit envoyé au porteur.
    Réservé à l'équipe du dispositif ; pendant l'évaluation ou après."""
    application = _visible_application(request, application_id)
    if not Application.objects.managed_by(request.user).filter(pk=application.pk).exists():
        raise ApiError(403, _("Seule l'équipe du dispositif décide."))
    try:
        services.application_decide(
            application=application, decision=payload.decision, feedback=payload.feedback, by=request.user
        )
    except ValidationError as exc:
        _raise(exc)
    return _application(application, request.user, {application.call.programme.organisation_id})


# -- Staff and reviewer writes: call transitions, reviewer assignment, reviews -----------------


class CallTransitionIn(Schema):
    name: str
    comment: str = ""


class CallStateOut(Schema):
    id: int
    state: str
    available: list[str]


def _managed_call(request, call_id: int) -> Call:
    """The call if the caller manages it; 404 if they may not see it, 403 if they only see it."""
    call = _visible_call(request, call_id)
    if not Call.objects.managed_by(request.user).filter(pk=call.pk).exists():
        raise ApiError(403, _("Seule l'équipe du dispositif gère cet appel."))
    return call


@router.post(
    "/calls/{int:call_id}/transitions",
    response={200: CallStateOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="call-transition",
    summary="Faire avancer un appel",
)
def call_transition(request, call_id: int, payload: CallTransitionIn):
    """Ouvrir (`open`), passer en évaluation (`start_review`), clore les décisions (`decide`) ou
    clore l'appel (`close`). Réservé à l'équipe du dispositif. Un état qui ne permet pas l'action
    (ou un appel sans critère, des candidatures sans décision) répond 409 avec la raison."""
    call = _managed_call(request, call_id)
    try:
        services.call_transition(call=call, name=payload.name, by=request.user, comment=payload.comment)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            _raise(exc)
        raise ApiError(409, " ".join(exc.messages)) from exc
    available = [t.name for t in CALL_WORKFLOW.available(call.state)]
    return {"id": call.pk, "state": call.state, "available": available}


class ScoreOut(Schema):
    criterion: int
    value: int
    comment: str


class ReviewOut(Schema):
    id: int
    application: int
    call: int
    reviewer: int
    reviewer_name: str
    conflict_of_interest: bool
    conflict_reason: str
    comment: str
    submitted_at: dt.datetime | None
    scores: list[ScoreOut]


class ReviewPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ReviewOut]


def _review(review: Review) -> dict:
    return {
        "id": review.pk,
        "application": review.application_id,
        "call": review.application.call_id,
        "reviewer": review.reviewer_id,
        "reviewer_name": review.reviewer.full_name or review.reviewer.email,
        "conflict_of_interest": review.conflict_of_interest,
        "conflict_reason": review.conflict_reason,
        "comment": review.comment,
        "submitted_at": review.submitted_at,
        "scores": [
            {"criterion": s.criterion_id, "value": s.value, "comment": s.comment} for s in review.scores.all()
        ],
    }


class AssignIn(Schema):
    reviewer: int


@router.post(
    "/applications/{int:application_id}/reviews",
    response={201: ReviewOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="application-review-assign",
    summary="Affecter un évaluateur",
)
def review_assign(request, application_id: int, payload: AssignIn):
    """Affecte un évaluateur (membre de l'équipe de l'organisation ou expert) à une candidature
    déposée. Réservé à l'équipe du dispositif ; sans effet si l'évaluateur est déjà affecté."""
    application = _visible_application(request, application_id)
    if not Application.objects.managed_by(request.user).filter(pk=application.pk).exists():
        raise ApiError(403, _("Seule l'équipe du dispositif affecte les évaluateurs."))
    reviewer = selectors.reviewer_choices(application.call).filter(pk=payload.reviewer).first()
    if reviewer is None:
        raise bad_request({"reviewer": _("Choisissez un membre de l'équipe ou un expert comme évaluateur.")})
    try:
        review = services.review_assign(application=application, reviewer=reviewer, by=request.user)
    except ValidationError as exc:
        _raise(exc)
    return 201, _review(_reviews_of(request.user, staff=True).get(pk=review.pk))


def _reviews_of(user, *, staff: bool = False):
    """Reviews assigned to the user; with `staff`, also those of the calls they manage."""
    visible = Q(reviewer=user)
    if staff:
        visible |= Q(application__in=Application.objects.managed_by(user))
    return (
        Review.objects.filter(visible)
        .select_related("application", "reviewer")
        .prefetch_related("scores")
        .order_by("assigned_at", "pk")
    )


@router.get(
    "/reviews",
    response={200: ReviewPage, **ERRORS},
    auth=required_auth,
    url_name="review-list",
    summary="Mes évaluations",
)
def review_list(request):
    """Les évaluations confiées à l'appelant (à faire ou rendues)."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, _reviews_of(request.user), page_request)
    body["results"] = [_review(review) for review in body["results"]]
    return body


def _own_review(request, review_id: int) -> Review:
    """The caller's own assignment; 403 for the staff who can see it, 404 for everybody else."""
    review = _reviews_of(request.user, staff=True).filter(pk=review_id).first()
    if review is None:
        raise not_found(_("Évaluation introuvable."))
    if review.reviewer_id != request.user.pk:
        raise ApiError(403, _("Seul l'évaluateur affecté rend cette évaluation."))
    return review


@router.get(
    "/reviews/{int:review_id}",
    response={200: ReviewOut, **ERRORS},
    auth=required_auth,
    url_name="review-detail",
    summary="Une évaluation",
)
def review_detail(request, review_id: int):
    """Une évaluation : l'évaluateur affecté ou l'équipe du dispositif."""
    review = _reviews_of(request.user, staff=True).filter(pk=review_id).first()
    if review is None:
        raise not_found(_("Évaluation introuvable."))
    return _review(review)


class ScoreIn(Schema):
    value: int
    comment: str = ""


class ReviewIn(Schema):
    scores: dict[int, ScoreIn]
    comment: str = ""


@router.post(
    "/reviews/{int:review_id}",
    response={200: ReviewOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="review-submit",
    summary="Rendre une évaluation",
)
def review_submit(request, review_id: int, payload: ReviewIn):
    """Note chaque critère de l'appel (de 0 à `score_max`, avec un commentaire facultatif) et
    ajoute un commentaire général. Réservé à l'évaluateur affecté, pendant la phase
    d'évaluation et sans conflit d'intérêts déclaré ; une évaluation peut être reprise."""
    review = _own_review(request, review_id)
    criteria = set(review.application.call.criteria.values_list("pk", flat=True))
    unknown = sorted(set(payload.scores) - criteria)
    if unknown:
        raise bad_request(
            {f"scores.{pk}": _("Critère inconnu pour cet appel.") for pk in unknown},
        )
    scores = {pk: (score.value, score.comment) for pk, score in payload.scores.items()}
    try:
        services.review_submit(review=review, scores=scores, comment=payload.comment)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            errors = {
                f"scores.{key[2:]}" if key.startswith("c_") else key: " ".join(messages)
                for key, messages in exc.message_dict.items()
            }
            raise bad_request(errors) from exc
        _raise(exc)
    return _review(_reviews_of(request.user).get(pk=review.pk))


class ConflictIn(Schema):
    reason: str


@router.post(
    "/reviews/{int:review_id}/conflict",
    response={200: ReviewOut, **ERRORS},
    auth=required_auth,
    url_name="review-conflict",
    summary="Déclarer un conflit d'intérêts",
)
def review_conflict(request, review_id: int, payload: ConflictIn):
    """L'évaluateur déclare un conflit d'intérêts (avec sa nature) : ses notes éventuelles sont
    effacées et il ne peut plus noter cette candidature."""
    review = _own_review(request, review_id)
    try:
        services.review_declare_conflict(review=review, reason=payload.reason)
    except ValidationError as exc:
        errors = {
            "reason" if key == "conflict_reason" else key: " ".join(messages)
            for key, messages in exc.message_dict.items()
        }
        raise bad_request(errors) from exc
    return _review(_reviews_of(request.user).get(pk=review.pk))


class WithdrawIn(Schema):
    comment: str = ""


@router.post(
    "/applications/{int:application_id}/withdraw",
    response={200: ApplicationOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="application-withdraw",
    summary="Retirer sa candidature",
)
def application_withdraw(request, application_id: int, payload: WithdrawIn):
    """Le porteur retire son brouillon ou sa candidature déposée (avant la décision)."""
    application = _visible_application(request, application_id)
    if application.carrier_id != request.user.pk:
        raise ApiError(403, _("Seul le porteur retire sa candidature."))
    try:
        services.application_withdraw(application=application, by=request.user, comment=payload.comment)
    except ValidationError as exc:
        _raise(exc)
    return _application(application, request.user, set())
