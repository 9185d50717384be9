"""Writes on reviews: assigning a reviewer, a declared conflict of interest, the scores."""

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accounts.models import Membership, User
from essaim.audit import record
from essaim.calls import rules
from essaim.calls.models import Application, ApplicationState, Review, Score
from essaim.calls.services._common import _person
from essaim.core.errors import TransitionNotAllowed, ValidationError
from essaim.core.services import service


def _may_review(application: Application, user: User) -> bool:
    """Staff of the call's organisation or an external expert may review."""
    if user.is_expert:
        return True
    organisation_id = application.call.programme.organisation_id
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


@service(permission=rules.can_manage, on="application")
def review_assign(*, application: Application, reviewer: User, by) -> Review:
    """Assign a reviewer to a submitted application. Side effects: one Review row (idempotent),
    one event."""
    if application.state != ApplicationState.SUBMITTED:
        raise TransitionNotAllowed(_("Seules les candidatures déposées s'évaluent."))
    if not application.call.takes_reviewers:
        raise TransitionNotAllowed(_("L'appel n'est plus en phase d'évaluation."))
    if reviewer.pk == application.carrier_id:
        raise ValidationError({"reviewer": _("Le porteur ne peut pas évaluer sa propre candidature.")})
    if not _may_review(application, reviewer):
        raise ValidationError(
            {"reviewer": _("Choisissez un membre de l'équipe ou un expert comme évaluateur.")}
        )
    review, created = Review.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"assigned_by": _person(by)}
    )
    if created:
        record(actor=by, obj=review, action="create", changes={"reviewer": reviewer.pk})
    return review


@service(permission=rules.can_fill_review, on="review")
def review_declare_conflict(*, review: Review, by: User, reason: str) -> Review:
    """The reviewer declares a conflict of interest; they can no longer score.

    Side effects: saves the review, deletes scores already given, one event.
    """
    if not (reason or "").strip():
        raise ValidationError({"conflict_reason": _("Précisez la nature du conflit d'intérêts.")})
    review.scores.all().delete()
    review.conflict_of_interest = True
    review.conflict_reason = reason.strip()
    review.submitted_at = None
    review.save()
    record(actor=by, obj=review, action="update", changes={"conflict_of_interest": [False, True]})
    return review


@service(permission=rules.can_fill_review, on="review")
def review_submit(
    *, review: Review, by: User, scores: dict[int, tuple[int, str]], comment: str = ""
) -> Review:
    """Score every criterion of the call (0 to the call's maximum) with an optional comment.

    Only during the review phase and without a declared conflict; may be resubmitted until
    the decisions are closed. Side effects: Score rows replaced, review saved, one event.
    """
    application = review.application
    call = application.call
    if review.conflict_of_interest:
        raise TransitionNotAllowed(_("Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas noter."))
    if not call.takes_scores:
        raise TransitionNotAllowed(_("Les notes se donnent pendant la phase d'évaluation de l'appel."))
    if not application.awaits_decision:
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
    record(actor=by, obj=review, action="update", changes={"submitted_at": [None, review.submitted_at]})
    return review
