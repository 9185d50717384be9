"""Reads shared by the workspace, the public pages and the API."""

import statistics
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from essaim.accounts.models import User
from essaim.calls.models import Application, Call, Review, Score
from essaim.calls.workflows import ApplicationState


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
    from essaim.territories.models import Level
    from essaim.territories.selectors import names_for

    keys = [tuple(ref.split(":", 1)) for ref in call.territory_refs]
    names = names_for(keys)
    labels = dict(Level.choices)
    return [f"{names.get(key, key[1])} ({str(labels.get(key[0], key[0])).lower()})" for key in keys]
