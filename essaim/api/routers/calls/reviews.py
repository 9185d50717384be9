"""Reviews: assigning a reviewer (staff), the caller's reviews, scoring, conflicts of interest."""

from django.utils.translation import gettext as _
from ninja import Router

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.calls.common import refusals, review_body
from essaim.api.schemas.calls import AssignIn, ConflictIn, ReviewIn, ReviewOut, ReviewPage
from essaim.api.schemas.common import ERRORS
from essaim.calls import selectors, services

router = Router(tags=["appels à projets"])


def _with_scores(queryset):
    return (
        queryset.select_related("application", "reviewer")
        .prefetch_related("scores")
        .order_by("assigned_at", "pk")
    )


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
    application = selectors.application_for(request.user, application_id, manage=True)
    reviewer = selectors.reviewer_choices(application.call).filter(pk=payload.reviewer).first()
    if reviewer is None:
        raise unprocessable(
            {"reviewer": _("Choisissez un membre de l'équipe ou un expert comme évaluateur.")}
        )
    with refusals():
        review = services.review_assign(application=application, reviewer=reviewer, by=request.user)
    return 201, review_body(_with_scores(application.reviews.all()).get(pk=review.pk))


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
    body = paginate(request, _with_scores(selectors.assigned_reviews(request.user)), page_request)
    body["results"] = [review_body(review) for review in body["results"]]
    return body


@router.get(
    "/reviews/{int:review_id}",
    response={200: ReviewOut, **ERRORS},
    auth=required_auth,
    url_name="review-detail",
    summary="Une évaluation",
)
def review_detail(request, review_id: int):
    """Une évaluation : l'évaluateur affecté ou l'équipe du dispositif."""
    return review_body(selectors.review_for(request.user, review_id))


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
    review = selectors.review_for(request.user, review_id, manage=True)
    criteria = set(review.application.call.criteria.values_list("pk", flat=True))
    unknown = sorted(set(payload.scores) - criteria)
    if unknown:
        raise unprocessable({f"scores.{pk}": _("Critère inconnu pour cet appel.") for pk in unknown})
    scores = {pk: (score.value, score.comment) for pk, score in payload.scores.items()}
    with refusals(rename={f"c_{pk}": f"scores.{pk}" for pk in criteria}):
        services.review_submit(review=review, by=request.user, scores=scores, comment=payload.comment)
    return review_body(review)


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
    review = selectors.review_for(request.user, review_id, manage=True)
    with refusals(rename={"conflict_reason": "reason"}):
        services.review_declare_conflict(review=review, by=request.user, reason=payload.reason)
    return review_body(review)
