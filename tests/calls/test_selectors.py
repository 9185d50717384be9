import pytest
from django.http import Http404
from django.utils import timezone

from essaim.calls import selectors
from essaim.calls.models import Application, Call, Candidacy, TerritoryNeed
from essaim.calls.selectors import committee_ranking, public_calls, reviewer_choices
from essaim.core.errors import PermissionDenied
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    JobOfferFactory,
    ReviewFactory,
    TerritoryNeedFactory,
    staff_of,
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
    # a draft belongs to its carrier until submitted (issue 16), withdrawn before submission too
    draft = ApplicationFactory(call=application.call)
    withdrawn = ApplicationFactory(call=application.call, state="withdrawn")
    for user in (staff, admin, reviewer):
        assert draft not in Application.objects.visible_to(user)
        assert withdrawn not in Application.objects.visible_to(user)
    assert list(Application.objects.managed_by(staff)) == [application]
    assert list(Application.objects.visible_to(draft.carrier)) == [draft]

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


def _raises(exc_type, fn, *args, **kwargs):
    with pytest.raises(exc_type):
        fn(*args, **kwargs)


def test_call_for_hides_other_tenants_drafts_and_refuses_managing_public_calls():
    draft, open_call = CallFactory(), CallFactory(open=True)
    staff, other = staff_of(draft), MembershipFactory().user
    assert selectors.call_for(staff, draft.pk, manage=True) == draft
    _raises(Http404, selectors.call_for, other, draft.pk)
    assert selectors.call_for(other, open_call.pk) == open_call
    _raises(PermissionDenied, selectors.call_for, other, open_call.pk, manage=True)
    assert selectors.call_for(UserFactory(admin=True), draft.pk, manage=True) == draft


def test_application_for_by_actor():
    application = ApplicationFactory(submitted=True)
    staff, reviewer = staff_of(application), ReviewFactory(application=application).reviewer
    assert selectors.application_for(staff, application.pk, manage=True) == application
    assert selectors.application_for(reviewer, application.pk) == application
    _raises(PermissionDenied, selectors.application_for, reviewer, application.pk, manage=True)
    _raises(PermissionDenied, selectors.application_for, application.carrier, application.pk, manage=True)
    _raises(Http404, selectors.application_for, MembershipFactory().user, application.pk)
    assert selectors.application_for(application.carrier, application.pk, own=True) == application
    _raises(Http404, selectors.application_for, staff, application.pk, own=True)


def test_a_draft_is_a_404_for_the_staff_issue_16():
    draft = ApplicationFactory()
    for user in (staff_of(draft), UserFactory(admin=True)):
        _raises(Http404, selectors.application_for, user, draft.pk)
    assert selectors.application_for(draft.carrier, draft.pk) == draft


def test_review_for_by_actor():
    review = ReviewFactory()
    staff = staff_of(review)
    assert selectors.review_for(review.reviewer, review.pk, manage=True) == review
    assert selectors.review_for(staff, review.pk) == review
    _raises(PermissionDenied, selectors.review_for, staff, review.pk, manage=True)
    _raises(Http404, selectors.review_for, staff, review.pk, own=True)
    _raises(Http404, selectors.review_for, ReviewFactory().reviewer, review.pk)
    _raises(Http404, selectors.review_for, review.application.carrier, review.pk)
    of_a_draft = ReviewFactory(application=ApplicationFactory())
    _raises(Http404, selectors.review_for, of_a_draft.reviewer, of_a_draft.pk, own=True)
    _raises(Http404, selectors.review_for, staff_of(of_a_draft), of_a_draft.pk)


def test_need_offer_candidacy_for_by_actor():
    need = TerritoryNeedFactory()
    draft_offer = JobOfferFactory(programme=need.programme)
    candidacy = CandidacyFactory(offer__programme=need.programme)
    staff, other = staff_of(need), MembershipFactory().user
    assert selectors.need_for(staff, need.pk, manage=True) == need
    _raises(Http404, selectors.need_for, other, need.pk)
    assert selectors.job_offer_for(staff, draft_offer.pk, manage=True) == draft_offer
    _raises(Http404, selectors.job_offer_for, other, draft_offer.pk)
    assert selectors.job_offer_for(other, candidacy.offer.pk) == candidacy.offer  # published: public
    _raises(PermissionDenied, selectors.job_offer_for, other, candidacy.offer.pk, manage=True)
    assert selectors.candidacy_for(staff, candidacy.pk, manage=True) == candidacy
    _raises(PermissionDenied, selectors.candidacy_for, candidacy.candidate, candidacy.pk, manage=True)
    assert selectors.candidacy_for(candidacy.candidate, candidacy.pk, own=True) == candidacy
    _raises(Http404, selectors.candidacy_for, staff, candidacy.pk, own=True)
    _raises(Http404, selectors.candidacy_for, other, candidacy.pk)


def test_offer_form_choices_are_the_users_organisations():
    need = TerritoryNeedFactory()
    TerritoryNeedFactory()
    staff = staff_of(need)
    choices = selectors.offer_form_choices(staff)
    assert (list(choices["needs"]), list(choices["projects"])) == ([need], [])
    assert list(selectors.managed_programmes(staff)) == [need.programme]
    assert list(selectors.managed_programmes(UserFactory())) == []
