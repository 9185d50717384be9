import pytest

from essaim.audit.models import Event
from essaim.calls import services
from essaim.calls.models import Score
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import ApplicationFactory, CallFactory, CriterionFactory, ReviewFactory, staff_of

pytestmark = pytest.mark.django_db


def messages(exc: ValidationError) -> dict:
    return exc.message_dict


def test_reviewers_are_staff_of_the_organisation_or_experts():
    application = ApplicationFactory(submitted=True)
    organisation = application.call.programme.organisation
    staff = MembershipFactory(organisation=organisation).user
    expert = UserFactory(expert=True)
    outsider = MembershipFactory().user
    assert services.review_assign(application=application, reviewer=staff, by=staff).reviewer == staff
    assert services.review_assign(application=application, reviewer=expert, by=staff).reviewer == expert
    assert application.reviews.count() == 2
    services.review_assign(application=application, reviewer=expert, by=staff)
    assert application.reviews.count() == 2
    with pytest.raises(ValidationError) as exc:
        services.review_assign(application=application, reviewer=outsider, by=staff)
    assert messages(exc.value) == {
        "reviewer": ["Choisissez un membre de l'équipe ou un expert comme évaluateur."]
    }
    application.carrier.is_expert = True
    with pytest.raises(ValidationError) as exc:
        services.review_assign(application=application, reviewer=application.carrier, by=staff)
    assert messages(exc.value) == {"reviewer": ["Le porteur ne peut pas évaluer sa propre candidature."]}
    created = Event.objects.filter(object_type="calls.review", action="create")
    assert (
        sorted(created.values_list("actor_id", "programme_id"))
        == [(staff.pk, application.call.programme_id)] * 2
    )


def test_drafts_are_not_assigned():
    application = ApplicationFactory()
    with pytest.raises(TransitionNotAllowed):
        services.review_assign(
            application=application, reviewer=UserFactory(expert=True), by=staff_of(application)
        )


def test_only_the_staff_of_the_call_assign():
    application = ApplicationFactory(submitted=True)
    for other in (MembershipFactory().user, application.carrier, UserFactory(expert=True)):
        with pytest.raises(PermissionDenied):
            services.review_assign(application=application, reviewer=UserFactory(expert=True), by=other)
    assert application.reviews.count() == 0


def _review_setup(score_max=5):
    call = CallFactory(review=True, score_max=score_max)
    social = CriterionFactory(call=call, weight=3)
    economic = CriterionFactory(call=call, weight=1)
    return call, social, economic


def test_review_scores_are_bounded_and_complete():
    call, social, economic = _review_setup()
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    by = review.reviewer
    with pytest.raises(ValidationError) as exc:
        services.review_submit(review=review, by=by, scores={social.pk: (6, "")})
    assert messages(exc.value) == {
        f"c_{social.pk}": ["La note va de 0 à 5."],
        f"c_{economic.pk}": ["Notez ce critère."],
    }
    assert Score.objects.count() == 0
    services.review_submit(
        review=review, by=by, scores={social.pk: (4, " solide "), economic.pk: (0, "")}, comment="ok"
    )
    assert sorted(review.scores.values_list("criterion_id", "value", "comment")) == sorted(
        [(social.pk, 4, "solide"), (economic.pk, 0, "")]
    )
    services.review_submit(review=review, by=by, scores={social.pk: (5, ""), economic.pk: (5, "")})
    assert review.scores.count() == 2
    assert Event.objects.filter(object_type="calls.review", object_id=review.pk, actor=by).count() == 2


def test_only_the_assigned_reviewer_scores():
    call, social, economic = _review_setup()
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    for other in (staff_of(call), UserFactory(expert=True), review.application.carrier):
        with pytest.raises(PermissionDenied):
            services.review_submit(review=review, by=other, scores={social.pk: (1, ""), economic.pk: (1, "")})
        with pytest.raises(PermissionDenied):
            services.review_declare_conflict(review=review, by=other, reason="Moi")
    assert Score.objects.count() == 0


def test_review_only_during_review_phase():
    call = CallFactory(open=True)
    criterion = CriterionFactory(call=call)
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    with pytest.raises(TransitionNotAllowed) as exc:
        services.review_submit(review=review, by=review.reviewer, scores={criterion.pk: (3, "")})
    assert exc.value.messages == ["Les notes se donnent pendant la phase d'évaluation de l'appel."]


def test_conflict_of_interest_erases_scores_and_blocks_scoring():
    call, social, economic = _review_setup()
    review = ReviewFactory(application=ApplicationFactory(call=call, submitted=True))
    by = review.reviewer
    services.review_submit(review=review, by=by, scores={social.pk: (4, ""), economic.pk: (2, "")})
    with pytest.raises(ValidationError):
        services.review_declare_conflict(review=review, by=by, reason="  ")
    services.review_declare_conflict(review=review, by=by, reason="Je connais la porteuse.")
    review.refresh_from_db()
    assert (review.conflict_of_interest, review.submitted_at, review.scores.count()) == (True, None, 0)
    with pytest.raises(TransitionNotAllowed) as exc:
        services.review_submit(review=review, by=by, scores={social.pk: (4, ""), economic.pk: (2, "")})
    assert exc.value.messages == ["Vous avez déclaré un conflit d'intérêts : vous ne pouvez pas noter."]
