"""Who may do what with calls, applications, reviews, needs, job offers and candidacies.

Named predicates (django-rules) called as `predicate(user, obj)`: by the workflows (one per
transition), by the services (`ensure`), by the selectors and by the pages and the API to
decide what to show. No rule of this app is written anywhere else.

Each object reaches its organisation through its programme (`programme.organisation_id` is a
column): a call and the needs and offers directly, an application and its reviews through
their call, a candidacy through its offer.
"""

import rules

from essaim.accounts.rules import is_org_staff, is_platform_admin
from essaim.calls.models import (
    Application,
    Call,
    Candidacy,
    Criterion,
    JobOffer,
    Question,
    Review,
    TerritoryNeed,
)


def programme_of(obj):
    """The programme that owns a calls object (a programme is its own)."""
    if isinstance(obj, Call | TerritoryNeed | JobOffer):
        return obj.programme
    if isinstance(obj, Application | Criterion | Question):
        return obj.call.programme
    if isinstance(obj, Review):
        return obj.application.call.programme
    if isinstance(obj, Candidacy):
        return obj.offer.programme
    return obj


@rules.predicate
def is_programme_staff(user, obj=None) -> bool:
    """Staff of the organisation that runs the object's programme (a call, an application, a
    review, a need, an offer, a candidacy, or a programme)."""
    if obj is None or not user.is_authenticated:
        return False
    return is_org_staff(user, programme_of(obj))


# Platform admins manage everything; staff manage the objects of their organisation's programmes.
can_manage = is_platform_admin | is_programme_staff


@rules.predicate
def is_application_carrier(user, application=None) -> bool:
    return bool(user.is_authenticated and application is not None and application.carrier_id == user.pk)


@rules.predicate
def is_assigned_reviewer(user, application=None) -> bool:
    if not user.is_authenticated or application is None:
        return False
    return application.reviews.filter(reviewer=user).exists()


@rules.predicate
def is_submitted(user, application=None) -> bool:
    """A draft belongs to its carrier until it is submitted: nobody else reads it."""
    return application is not None and application.was_submitted


can_view_application = is_application_carrier | (is_submitted & (can_manage | is_assigned_reviewer))
can_manage_application = is_submitted & can_manage


@rules.predicate
def sees_carrier_identity(user, application=None) -> bool:
    """Blind review: a reviewer of a call with `blind_review` never learns who the carrier is
    (name, e-mail); the carrier and the staff always do."""
    if application is None:
        return False
    return not application.call.blind_review or bool(
        is_application_carrier(user, application) or can_manage(user, application)
    )


# Feedback to the carrier and the project created: the carrier and the staff, not reviewers.
sees_decision = is_application_carrier | can_manage


@rules.predicate
def is_reviewer(user, review=None) -> bool:
    return bool(user.is_authenticated and review is not None and review.reviewer_id == user.pk)


@rules.predicate
def review_is_of_a_submission(user, review=None) -> bool:
    return review is not None and review.application.was_submitted


can_view_review = review_is_of_a_submission & (is_reviewer | can_manage)
can_fill_review = review_is_of_a_submission & is_reviewer


@rules.predicate
def may_apply(user, call=None) -> bool:
    """A person applies to a call for themselves; the staff of the organisation running it do
    not apply to their own call."""
    return bool(user.is_authenticated and call is not None and not is_programme_staff(user, call))


@rules.predicate
def is_candidate(user, candidacy=None) -> bool:
    return bool(user.is_authenticated and candidacy is not None and candidacy.candidate_id == user.pk)


can_view_candidacy = is_candidate | can_manage


# Without an object: the lists and creation forms of calls, needs and offers (the staff of any
# organisation, for their own programmes).
can_run_calls = is_platform_admin | is_org_staff
