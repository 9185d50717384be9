"""Programme cards of the results page, rendered once per programme and language (issue 15).

A card's fixed parts (name, kind, organisation, summary, e-mail, links) do not depend on the
search; only its reasons and the search kept in the contact link do. The fixed parts are
rendered once and kept in the orientation index's memo: an edit of a programme, of its zone
or of its organisation bumps the index version (essaim/orientation/signals.py), a new index
starts with an empty memo, and the cards are rendered again from the database. Nothing is
kept per URL or per place. A programme's open call is not part of the card (calls open and close
without touching the index): `open_calls_for` reads them for the whole list in one query.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from essaim.calls.selectors import public_calls
from essaim.directory.models import Programme
from essaim.orientation.index import get_index


@dataclass(frozen=True)
class Card:
    start: SafeString  # up to the reasons list
    contact_url: str  # without the search
    end: SafeString  # after the contact button's text


def cards_for(pks: list[int]) -> dict[int, Card]:
    """pk → its card in the active language; one query for the cards not rendered yet."""
    memo = get_index().memo.setdefault(("cards", get_language()), {})
    missing = [pk for pk in pks if pk not in memo]
    if missing:
        start, end = get_template("orientation/_card.html"), get_template("orientation/_card_end.html")
        for programme in Programme.objects.select_related("organisation").filter(pk__in=missing):
            context = {"programme": programme}
            memo[programme.pk] = Card(
                start=SafeString(start.render(context)),
                contact_url=reverse("orientation:contact", args=[programme.slug]),
                end=SafeString(end.render(context)),
            )
    return {pk: memo[pk] for pk in pks if pk in memo}


@dataclass(frozen=True)
class OpenCall:
    pk: int
    title: str
    closes_at: object


def open_calls_for(pks: list[int]) -> dict[int, OpenCall]:
    """pk → the programme's open call closing first (published, deadline not passed); one query
    for the whole list, none for an empty one."""
    if not pks:
        return {}
    rows = (
        public_calls()
        .filter(programme_id__in=pks, closes_at__gt=timezone.now())
        .order_by("closes_at", "pk")
        .values_list("programme_id", "pk", "title", "closes_at")
    )
    found: dict[int, OpenCall] = {}
    for programme_id, pk, title, closes_at in rows:
        found.setdefault(programme_id, OpenCall(pk, title, closes_at))
    return found
