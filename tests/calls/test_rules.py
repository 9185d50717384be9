"""The predicates of the calls app: who reads what, blind review, who applies."""

import pytest

from essaim.calls import rules
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    ReviewFactory,
    TerritoryNeedFactory,
    staff_of,
)

pytestmark = pytest.mark.django_db


def test_programme_staff_of_every_calls_object():
    application = ApplicationFactory(submitted=True)
    review = ReviewFactory(application=application)
    call = application.call
    staff, other = staff_of(call), MembershipFactory().user
    for obj in (call, call.programme, application, review):
        assert (rules.can_manage(staff, obj), rules.can_manage(other, obj)) == (True, False)
    need = TerritoryNeedFactory()
    candidacy = CandidacyFactory(offer__programme=need.programme)
    need_staff = staff_of(need)
    for obj in (need, candidacy.offer, candidacy):
        assert (rules.can_manage(need_staff, obj), rules.can_manage(staff, obj)) == (True, False)
    assert rules.can_manage(UserFactory(admin=True), need) is True


def test_a_draft_belongs_to_its_carrier():
    draft = ApplicationFactory()
    staff = staff_of(draft)
    assert rules.can_view_application(draft.carrier, draft) is True
    assert rules.can_view_application(staff, draft) is False
    assert rules.can_view_application(UserFactory(admin=True), draft) is False
    assert rules.can_manage_application(staff, draft) is False
    submitted = ApplicationFactory(submitted=True, call=draft.call)
    reviewer = ReviewFactory(application=submitted).reviewer
    assert [
        rules.can_view_application(u, submitted) for u in (staff, reviewer, UserFactory(expert=True))
    ] == [
        True,
        True,
        False,
    ]


def test_blind_review_hides_the_carrier_from_reviewers_only():
    application = ApplicationFactory(submitted=True, call=CallFactory(open=True, blind_review=True))
    reviewer = ReviewFactory(application=application).reviewer
    staff = staff_of(application)
    assert rules.sees_carrier_identity(reviewer, application) is False
    assert rules.sees_carrier_identity(staff, application) is True
    assert rules.sees_carrier_identity(application.carrier, application) is True
    application.call.blind_review = False
    assert rules.sees_carrier_identity(reviewer, application) is True
    assert (rules.sees_decision(reviewer, application), rules.sees_decision(staff, application)) == (
        False,
        True,
    )


def test_staff_do_not_apply_to_their_own_call():
    call = CallFactory(open=True)
    assert rules.may_apply(staff_of(call), call) is False
    assert rules.may_apply(MembershipFactory().user, call) is True
    assert rules.may_apply(UserFactory(), call) is True


def test_reviews_of_a_draft_are_nobodys():
    review = ReviewFactory(application=ApplicationFactory())
    assert rules.can_view_review(review.reviewer, review) is False
    assert rules.can_fill_review(review.reviewer, review) is False
    review.application.state = "submitted"
    assert rules.can_fill_review(review.reviewer, review) is True
    assert rules.can_fill_review(staff_of(review), review) is False
    assert rules.can_view_review(staff_of(review), review) is True
