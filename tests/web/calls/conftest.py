from types import SimpleNamespace

import pytest

from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    CandidacyFactory,
    CriterionFactory,
    JobOfferFactory,
    QuestionFactory,
    ReviewFactory,
    TerritoryNeedFactory,
)
from tests.factories.directory import OrganisationFactory, ProgrammeFactory


@pytest.fixture
def world(db):
    """Organisation A runs a call in review, a generator programme with a need, an offer and a
    candidacy; organisation B has its own staff. Actors: staff of A, staff of B, the carrier,
    another carrier, the assigned reviewer (expert), an unassigned expert, the candidate."""
    org_a, org_b = OrganisationFactory(name="Incubateur A"), OrganisationFactory(name="Incubateur B")
    programme = ProgrammeFactory(organisation=org_a)
    generator = ProgrammeFactory(organisation=org_a, model="generator", kind="project_generator")
    call = CallFactory(programme=programme, review=True, title="Appel A")
    criterion = CriterionFactory(call=call, label="Utilité sociale", weight=2)
    question = QuestionFactory(call=call, label="Public visé")
    carrier = UserFactory(carrier=True, full_name="Camille Porteuse", email="camille@example.org")
    application = ApplicationFactory(call=call, carrier=carrier, submitted=True, project_name="Recyclerie")
    review = ReviewFactory(
        application=application, reviewer=UserFactory(expert=True, full_name="Eve Experte")
    )
    need = TerritoryNeedFactory(programme=generator, title="Garde d'enfants")
    offer = JobOfferFactory(programme=generator, published=True, title="Directeur de crèche")
    candidacy = CandidacyFactory(offer=offer)
    return SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        programme=programme,
        generator=generator,
        call=call,
        criterion=criterion,
        question=question,
        application=application,
        review=review,
        need=need,
        offer=offer,
        candidacy=candidacy,
        staff=MembershipFactory(organisation=org_a).user,
        other_staff=MembershipFactory(organisation=org_b).user,
        carrier=carrier,
        other_carrier=UserFactory(carrier=True),
        reviewer=review.reviewer,
        other_expert=UserFactory(expert=True),
        candidate=candidacy.candidate,
    )
