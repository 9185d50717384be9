import datetime as dt

import factory
from django.utils import timezone

from essaim.calls.models import (
    Application,
    ApplicationState,
    Call,
    CallState,
    Candidacy,
    Criterion,
    JobOffer,
    JobOfferState,
    Question,
    Review,
    TerritoryNeed,
)
from essaim.calls.rules import programme_of
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.directory import ProgrammeFactory


class CallFactory(factory.django.DjangoModelFactory):
    """`CallFactory(open=True)` is open now; `CallFactory(review=True)` is in the review phase."""

    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    description = "Accompagnement de projets d'utilité sociale."
    eligibility = "Projet porté dans l'Hérault."
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))

    class Params:
        open = factory.Trait(state=CallState.OPEN)
        review = factory.Trait(
            state=CallState.REVIEW,
            closes_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    label = factory.Sequence(lambda n: f"Critère {n}")
    weight = 1


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.TEXT
    required = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    """`ApplicationFactory(submitted=True)`."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory, open=True)
    carrier = factory.SubFactory(UserFactory, carrier=True)
    project_name = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Une épicerie solidaire en milieu rural."

    class Params:
        submitted = factory.Trait(
            state=ApplicationState.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory, submitted=True)
    reviewer = factory.SubFactory(UserFactory, expert=True)


class TerritoryNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritoryNeed

    programme = factory.SubFactory(ProgrammeFactory, model="generator", kind="project_generator")
    title = factory.Sequence(lambda n: f"Besoin {n}")
    need = "Pas de garde d'enfants en horaires décalés."


class JobOfferFactory(factory.django.DjangoModelFactory):
    """`JobOfferFactory(published=True)`."""

    class Meta:
        model = JobOffer

    programme = factory.SubFactory(ProgrammeFactory, model="generator", kind="project_generator")
    title = factory.Sequence(lambda n: f"Porteur ou porteuse du projet {n}")
    description = "Une crèche associative à horaires décalés."
    skills_profile = "Gestion, animation d'équipe, petite enfance."

    class Params:
        published = factory.Trait(
            state=JobOfferState.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class CandidacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidacy

    offer = factory.SubFactory(JobOfferFactory, published=True)
    candidate = factory.SubFactory(UserFactory)
    motivation = "J'ai dirigé une structure petite enfance."


def staff_of(obj, **kwargs):
    """A new member of the staff of the organisation running `obj` (a call, an application, a
    need, an offer, a candidacy or a programme)."""
    return MembershipFactory(organisation=programme_of(obj).organisation, **kwargs).user
