"""Reads shared by the workspace, the public pages and the API.

`<entity>_for(user, pk, *, manage=False)` is the one fetch of each entity for web views and
API handlers alike: `Http404` when the user may not see it, `PermissionDenied` when they may
see it but `manage` asks more; `own=True` (the pages of a carrier, a reviewer or a candidate)
fetches only the user's own object, 404 otherwise. Child objects are read through their
parent's rows (`call.criteria`, `application.answers`).
"""

import statistics
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import ProjectModel
from essaim.accompaniment.models import Project
from essaim.accounts.models import User
from essaim.accounts.selectors import staff_organisations
from essaim.calls import rules
from essaim.calls.models import (
    Application,
    ApplicationState,
    Call,
    Candidacy,
    JobOffer,
    Review,
    Score,
    TerritoryNeed,
)
from essaim.core.errors import PermissionDenied
from essaim.directory.models import Programme
from essaim.territories.models import Level
from essaim.territories.selectors import names_for


def _one(queryset: QuerySet, pk: int, missing: str):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(missing)
    return found


def _check(allowed: bool, refused: str) -> None:
    if not allowed:
        raise PermissionDenied(refused)


def managed_programmes(user) -> QuerySet:
    """Programmes whose calls, needs and offers the user may run."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if user.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(organisation_id__in=staff_organisations(user))


# -- one object, for a user ------------------------------------------------------------------


def visible_calls(user) -> QuerySet:
    """Open calls of published programmes, and every call of the user's organisations."""
    visible = Q(pk__in=Call.objects.public().values("pk"))
    if user.is_authenticated:
        visible |= Q(pk__in=Call.objects.managed_by(user).values("pk"))
    return Call.objects.filter(visible)


def call_for(user, pk: int, *, manage: bool = False) -> Call:
    call = _one(
        visible_calls(user).select_related("programme__organisation"), pk, _("Appel à projets introuvable.")
    )
    if manage:
        _check(rules.can_manage(user, call), _("Seule l'équipe du dispositif gère cet appel."))
    return call


def application_for(user, pk: int, *, manage: bool = False, own: bool = False) -> Application:
    """Carriers see their own; once submitted, the staff and the assigned reviewers see it."""
    queryset = Application.objects.filter(carrier=user) if own else Application.objects.visible_to(user)
    application = _one(
        queryset.select_related("call__programme__organisation", "carrier", "commune", "project"),
        pk,
        _("Candidature introuvable."),
    )
    if manage:
        _check(
            rules.can_manage_application(user, application),
            _("Seule l'équipe du dispositif gère cette candidature."),
        )
    return application


def visible_reviews(user) -> QuerySet:
    """Reviews assigned to the user and those of the submitted applications they manage."""
    if not user.is_authenticated:
        return Review.objects.none()
    mine = Q(reviewer=user, application__in=Application.objects.submitted())
    return Review.objects.filter(mine | Q(application__in=Application.objects.managed_by(user)))


def assigned_reviews(user) -> QuerySet:
    """The reviews the user has to give (or gave), on submitted applications."""
    if not user.is_authenticated:
        return Review.objects.none()
    return Review.objects.filter(reviewer=user, application__in=Application.objects.submitted())


def review_for(user, pk: int, *, manage: bool = False, own: bool = False) -> Review:
    """`manage`: only the assigned reviewer fills in a review (the staff read it)."""
    queryset = assigned_reviews(user) if own else visible_reviews(user)
    review = _one(
        queryset.select_related(
            "application__call__programme__organisation",
            "application__carrier",
            "application__commune",
            "reviewer",
        ),
        pk,
        _("Évaluation introuvable."),
    )
    if manage:
        _check(rules.can_fill_review(user, review), _("Seul l'évaluateur affecté rend cette évaluation."))
    return review


def need_for(user, pk: int, *, manage: bool = False) -> TerritoryNeed:
    """The needs register is the staff's: nobody else sees a need."""
    return _one(
        TerritoryNeed.objects.managed_by(user).select_related("programme", "commune", "epci", "project"),
        pk,
        _("Besoin introuvable."),
    )


def job_offer_for(user, pk: int, *, manage: bool = False) -> JobOffer:
    """Published offers are public; the staff of the programme see and manage all of theirs."""
    visible = Q(pk__in=JobOffer.objects.public().values("pk"))
    if user.is_authenticated:
        visible |= Q(pk__in=JobOffer.objects.managed_by(user).values("pk"))
    offer = _one(
        JobOffer.objects.filter(visible).select_related("programme", "need", "project", "commune"),
        pk,
        _("Offre introuvable."),
    )
    if manage:
        _check(rules.can_manage(user, offer), _("Seule l'équipe du dispositif gère cette offre."))
    return offer


def candidacy_for(user, pk: int, *, manage: bool = False, own: bool = False) -> Candidacy:
    queryset = Candidacy.objects.filter(candidate=user) if own else Candidacy.objects.visible_to(user)
    candidacy = _one(
        queryset.select_related(
            "offer__programme__organisation", "offer__commune", "offer__project", "candidate"
        ),
        pk,
        _("Candidature introuvable."),
    )
    if manage:
        _check(rules.can_manage(user, candidacy), _("Seule l'équipe du dispositif gère cette candidature."))
    return candidacy


@dataclass
class RankedApplication:
    application: Application
    mean: float | None
    minimum: float | None
    maximum: float | None
    stdev: float | None
    reviews: int
    conflicts: int
    pending: int
    rank: int | None = None


def review_weighted_score(review: Review, weights: dict[int, int]) -> float | None:
    """Weighted mean of one review's scores (on the call's scale); None if it has none."""
    scores = list(review.scores.all())
    total_weight = sum(weights.get(s.criterion_id, 0) for s in scores)
    if not scores or not total_weight:
        return None
    return sum(s.value * weights.get(s.criterion_id, 0) for s in scores) / total_weight


def committee_ranking(call: Call) -> list[RankedApplication]:
    """Submitted and decided applications of a call, best weighted mean first, with the spread
    of the reviewers' scores. Three queries, whatever the number of applications."""
    weights = dict(call.criteria.values_list("pk", "weight"))
    applications = (
        Application.objects.filter(call=call)
        .exclude(state__in=[ApplicationState.DRAFT, ApplicationState.WITHDRAWN])
        .select_related("carrier")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").prefetch_related(
                    Prefetch("scores", queryset=Score.objects.all())
                ),
            )
        )
    )
    ranked = []
    for application in applications:
        values, conflicts, pending = [], 0, 0
        for review in application.reviews.all():
            if review.conflict_of_interest:
                conflicts += 1
            elif review.submitted_at is None:
                pending += 1
            else:
                score = review_weighted_score(review, weights)
                if score is not None:
                    values.append(score)
        ranked.append(
            RankedApplication(
                application=application,
                mean=round(statistics.fmean(values), 2) if values else None,
                minimum=round(min(values), 2) if values else None,
                maximum=round(max(values), 2) if values else None,
                stdev=round(statistics.pstdev(values), 2) if values else None,
                reviews=len(values),
                conflicts=conflicts,
                pending=pending,
            )
        )
    ranked.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.application.pk))
    for position, item in enumerate(ranked, start=1):
        item.rank = position if item.mean is not None else None
    return ranked


def offer_form_choices(user) -> dict:
    """Needs and generator projects of the user's organisations, for the job offer form."""
    return {
        "needs": TerritoryNeed.objects.managed_by(user),
        "projects": Project.objects.filter(
            programme__in=managed_programmes(user), model=ProjectModel.GENERATOR
        ),
    }


def reviewer_choices(call: Call) -> QuerySet:
    """Who may be assigned: staff of the call's organisation and external experts."""
    return (
        User.objects.filter(
            Q(is_expert=True) | Q(memberships__organisation_id=call.programme.organisation_id),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def public_calls() -> QuerySet:
    return (
        Call.objects.public()
        .select_related("programme", "programme__organisation")
        .order_by("closes_at", "pk")
    )


def territory_names(call: Call) -> list[str]:
    """The call's territories in words ("Hérault (département)"), in the order given."""
    keys = [tuple(ref.split(":", 1)) for ref in call.territory_refs]
    names = names_for(keys)
    labels = dict(Level.choices)
    return [f"{names.get(key, key[1])} ({str(labels.get(key[0], key[0])).lower()})" for key in keys]
