"""Factories of events: `EventFactory(published=True)` has one session in ten days, 3 places."""

import datetime as dt

import factory
from django.utils import timezone

from essaim.events.models import (
    Audience,
    Event,
    EventKind,
    EventState,
    PlaceKind,
    Registration,
    RegistrationState,
    Session,
)
from tests.factories.directory import ProgrammeFactory

SOON = dt.timedelta(days=10)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.programme.organisation if o.programme else o.ecosystem.leader
    )
    kind = EventKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Atelier {n}")
    description = "Construire son modèle économique."
    place_kind = PlaceKind.ONLINE
    online_url = "https://visio.example.org/atelier"
    capacity = 3
    audience = Audience.PUBLIC

    class Params:
        published = factory.Trait(state=EventState.PUBLISHED)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        spans = extracted
        if spans is None:
            start = timezone.now() + SOON
            spans = [(start, start + dt.timedelta(hours=3))]
        for start, end in spans:
            Session.objects.create(event=self, starts_at=start, ends_at=end)
        if spans:
            self.starts_at = min(s for s, _e in spans)
            self.ends_at = max(e for _s, e in spans)
            self.save(update_fields=["starts_at", "ends_at"])


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, published=True)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    state = RegistrationState.CONFIRMED
    queued_at = factory.LazyFunction(timezone.now)
