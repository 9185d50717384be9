import pytest
from django.utils import timezone

from essaim.calls.models import Application, Call, Candidacy, TerritoryNeed
from essaim.calls.selectors import committee_ranking, public_calls, reviewer_choices
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    ReviewFactory,
    TerritoryNeedFactory,
)
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _scored(application, values: dict, **kwargs):
    review = ReviewFactory(application=application, submitted_at=timezone.now(), **kwargs)
    for criterion, value in values.items():
        review.scores.create(criterion=criterion, value=value)
    return review


def test_ranking_by_weighted_mean_with_spread(django_assert_num_queries):
    call = CallFactory(review=True)
    social = CriterionFactory(call=call, weight=3)
    economic = CriterionFactory(call=call, weight=1)
    best = ApplicationFactory(call=call, submitted=True)
    other = ApplicationFactory(call=call, submitted=True)
    unscored = ApplicationFactory(call=call, submitted=True)
    ApplicationFactory(call=call)  # a draft is never ranked
    # best: (3*5 + 1*1)/4 = 4.0 and (3*4 + 1*4)/4 = 4.0 and (3*2+1*2)/4 = 2.0
    _scored(best, {social: 5, economic: 1})
    _scored(best, {social: 4, economic: 4})
    _scored(best, {social: 2, economic: 2})
    ReviewFactory(application=best, conflict_of_interest=True, conflict_reason="Proche")
    ReviewFactory(application=best)  # assigned, not scored yet
    _scored(other, {social: 1, economic: 5})  # 2.0
    with django_assert_num_queries(4):
        ranked = committee_ranking(call)
    rows = [
        (r.application, r.rank, r.mean, r.minimum, r.maximum, r.stdev, r.reviews, r.conflicts, r.pending)
        for r in ranked
    ]
    assert rows == [
        (best, 1, 3.33, 2.0, 4.0, 0.94, 3, 1, 1),
        (other, 2, 2.0, 2.0, 2.0, 0.0, 1, 0, 0),
        (unscored, None, None, None, None, None, 0, 0, 0),
    ]


def test_tenant_querysets():
    application = ApplicationFactory(submitted=True)
    organisation = application.call.programme.organisation
    staff = MembershipFactory(organisation=organisation).user
    other_application = ApplicationFactory(submitted=True)
    other_staff = MembershipFactory(organisation=other_application.call.programme.organisation).user
    reviewer = ReviewFactory(application=application).reviewer
    stranger = UserFactory(expert=True)
    admin = UserFactory(admin=True)

    assert list(Call.objects.managed_by(staff)) == [application.call]
    assert list(Call.objects.managed_by(other_staff)) == [other_application.call]
    assert list(Application.objects.managed_by(staff)) == [application]
    assert list(Application.objects.visible_to(staff)) == [application]
    assert list(Application.objects.visible_to(reviewer)) == [application]
    assert list(Application.objects.reviewed_by(reviewer)) == [application]
    assert list(Application.objects.managed_by(reviewer)) == []
    assert list(Application.objects.visible_to(application.carrier)) == [application]
    assert list(Application.objects.visible_to(stranger)) == []
    assert set(Application.objects.visible_to(admin)) == {application, other_application}

    need = TerritoryNeedFactory(programme__organisation=organisation)
    assert list(TerritoryNeed.objects.managed_by(staff)) == [need]
    assert list(TerritoryNeed.objects.managed_by(other_staff)) == []
    candidacy = CandidacyFactory(offer__programme__organisation=organisation)
    assert list(Candidacy.objects.visible_to(staff)) == [candidacy]
    assert list(Candidacy.objects.visible_to(candidacy.candidate)) == [candidacy]
    assert list(Candidacy.objects.visible_to(other_staff)) == []


def test_public_calls_are_open_calls_of_published_programmes():
    open_call = CallFactory(open=True)
    CallFactory()
    CallFactory(open=True, programme=ProgrammeFactory(is_published=False))
    assert list(public_calls()) == [open_call]


def test_reviewer_choices_are_org_staff_and_experts():
    call = CallFactory()
    staff = MembershipFactory(organisation=call.programme.organisation).user
    expert = UserFactory(expert=True)
    MembershipFactory()
    UserFactory()
    assert set(reviewer_choices(call)) == {staff, expert}
