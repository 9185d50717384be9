"""Who is written to, and when (the task only runs these rules).

- Once a request's deadline has passed, an open request is closed, and its buyer receives the
  short survey (a deal or not, with whom, how much), once per request.
- While a request is open, if `routing.NEXT_BATCH_AFTER` has passed since its last batch and
  fewer than `routing.ENOUGH_INTERESTED` suppliers are interested, the next batch is sent (up
  to `routing.CAP` suppliers in all).
"""

import datetime as dt

from django.db.models import Count, Max, Q
from django.utils import timezone

from essaim.business import routing
from essaim.business.enums import RequestState, RoutingState
from essaim.business.models import BuyerRequest


def due_surveys(today: dt.date | None = None) -> list[BuyerRequest]:
    today = today or timezone.localdate()
    return list(
        BuyerRequest.objects.filter(
            state__in=(RequestState.OPEN, RequestState.CLOSED),
            published_at__isnull=False,
            survey_sent_at__isnull=True,
            deadline__lt=today,
        )
        .select_related("buyer__organisation")
        .order_by("deadline", "pk")
    )


def due_next_batches(now: dt.datetime | None = None) -> list[BuyerRequest]:
    now = now or timezone.now()
    return list(
        BuyerRequest.objects.filter(state=RequestState.OPEN, deadline__gte=timezone.localdate(now))
        .annotate(
            reached=Count("routings"),
            interested=Count(
                "routings", filter=Q(routings__state__in=(RoutingState.INTERESTED, RoutingState.RESPONDED))
            ),
            last=Max("routings__notified_at"),
        )
        .filter(reached__lt=routing.CAP, interested__lt=routing.ENOUGH_INTERESTED)
        .filter(Q(last__isnull=True) | Q(last__lte=now - routing.NEXT_BATCH_AFTER))
        .select_related("buyer")
        .order_by("pk")
    )
