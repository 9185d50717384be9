"""Factories of trade fairs: `FairFactory()` is a published "Salon" event; participants, slots,
requests and meetings hang from it."""

import datetime as dt

import factory
from django.utils import timezone

from essaim.events.models import EventKind, EventState
from essaim.fairs.models import FairParticipant, Meeting, MeetingRequest, Side, Slot
from tests.events.factories import EventFactory

DAY = dt.timedelta(days=20)


class FairFactory(EventFactory):
    kind = EventKind.TRADE_FAIR
    title = factory.Sequence(lambda n: f"Salon des achats responsables {n}")
    state = EventState.PUBLISHED
    capacity = 500


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FairParticipant

    event = factory.SubFactory(FairFactory)
    side = Side.BUYER
    name = factory.Sequence(lambda n: f"Structure {n}")
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    event = factory.SubFactory(FairFactory)
    starts_at = factory.Sequence(
        lambda n: timezone.now().replace(microsecond=0) + DAY + dt.timedelta(minutes=30 * n)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=25))
    tables = 10


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    requester = factory.SubFactory(ParticipantFactory)
    target = factory.SubFactory(
        ParticipantFactory, event=factory.SelfAttribute("..requester.event"), side=Side.SUPPLIER
    )
    event = factory.SelfAttribute("requester.event")
    priority = 2


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    event = factory.SubFactory(FairFactory)
    slot = factory.SubFactory(SlotFactory, event=factory.SelfAttribute("..event"))
    buyer = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"))
    supplier = factory.SubFactory(
        ParticipantFactory, event=factory.SelfAttribute("..event"), side=Side.SUPPLIER
    )
    table = factory.Sequence(lambda n: n + 1)
