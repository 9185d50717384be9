"""Programme cards of the results page, rendered once per programme and language (issue 15).

A card's fixed parts (name, kind, organisation, summary, e-mail, links) do not depend on the
search; only its reasons and the search kept in the contact link do. The fixed parts are
rendered once and kept in the orientation index's memo: an edit of a programme, of its zone
or of its organisation bumps the index version (essaim/orientation/signals.py), a new index
starts with an empty memo, and the cards are rendered again from the database. Nothing is
kept per URL or per place. A programme's open call is not part of the card (calls open and close
without touching the index): `open_calls_for` reads every open call in one query at most every
30 seconds and keeps them beside the cards.
"""

from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from essaim.calls.selectors import public_calls
from essaim.directory.models import Programme
from essaim.orientation import wording
from essaim.orientation.index import get_index
from essaim.web.orientation import joined
from essaim.web.routes import route


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
        page, contact = slug_url("web:programme"), slug_url("orientation:contact")
        for programme in (
            Programme.objects.filter(pk__in=missing).select_related("organisation").only(*CARD_FIELDS)
        ):
            context = {"programme": programme, "url": page(programme.slug)}
            memo[programme.pk] = Card(
                start=SafeString(start.render(context)),
                contact_url=contact(programme.slug),
                end=SafeString(end.render(context)),
            )
    return {pk: memo[pk] for pk in pks if pk in memo}


# What a card shows: a rendered card reads only these (its flags and zone are not decoded).
CARD_FIELDS = (
    "slug",
    "name",
    "kind",
    "summary",
    "contact_email",
    "organisation__name",
    "organisation__email",
)


def slug_url(name: str):
    """`slug → reverse(name, args=[slug])` (`essaim.web.routes.route`: two reverses a card were
    a third of rendering one)."""
    return lambda slug: route(name, slug)


@dataclass(frozen=True)
class OpenCall:
    pk: int
    title: str
    closes_at: object


# Calls open and close without moving the index: the open ones are read again this often.
OPEN_CALLS_SECONDS = 30


def open_calls_for(pks: list[int]) -> dict[int, OpenCall]:
    """pk → the programme's open call closing first (published, deadline not passed).

    Every open call is read in one query at most every `OPEN_CALLS_SECONDS` and kept in the
    orientation index's memo (a new index, after any programme edit, reads them again); the
    deadline is checked at each request. So the results page pays no query per card, and at
    most one for the whole list.
    """
    memo = get_index().memo
    now = timezone.now()
    fetched_at, calls = memo.get("open_calls", (None, None))
    if calls is None or (now - fetched_at).total_seconds() >= OPEN_CALLS_SECONDS:
        calls = {}
        rows = public_calls().filter(closes_at__gt=now).order_by("closes_at", "pk")
        for programme_id, pk, title, closes_at in rows.values_list(
            "programme_id", "pk", "title", "closes_at"
        ):
            calls.setdefault(programme_id, []).append(OpenCall(pk, title, closes_at))
        memo["open_calls"] = (now, calls)
    found = {}
    for pk in pks:
        still_open = [call for call in calls.get(pk, ()) if call.closes_at > now]
        if still_open:
            found[pk] = still_open[0]
    return found


# --- The other sections of the results page, from parts rendered once (issue 15) -------------
# Placeholders rendered in place of what a request adds, then replaced (letters only: no escaping
# changes them).
WHERE, WHY = "EssaimDoorWhere", "EssaimDoorWhy"


@dataclass(frozen=True)
class DoorCard:
    """A door of "Près de chez vous": its fixed parts around where it acts and why it helps,
    which depend on the carrier's commune and stage."""

    start: SafeString
    middle: SafeString
    end: SafeString


def door_cards(items) -> list[tuple[object, DoorCard]]:
    """(nearby match, its door's card) for each item; a door's card is rendered once per index
    and language (doors are part of the orientation index's national offer)."""
    memo = get_index().memo.setdefault(("doors", get_language()), {})
    template = None
    rows = []
    for item in items:
        door = item.door
        card = memo.get(door.pk)
        if card is None:
            template = template or get_template("orientation/_door.html")
            context = {
                "door": door,
                "where": WHERE,
                "why": WHY,
                "data_date": wording.data_date(door.data_date),
            }
            start, rest = template.render(context).split(WHERE)
            middle, end = rest.split(WHY)
            card = memo[door.pk] = DoorCard(SafeString(start), SafeString(middle), SafeString(end))
        rows.append((item, card))
    return rows


def programme_links(facts) -> dict[int, SafeString]:
    """pk → `<a href="(its page)">(its name)</a>`, built once per index and language."""
    memo = get_index().memo.setdefault(("links", get_language()), {})
    for fact in facts:
        if fact.pk not in memo:
            href = reverse("web:programme", args=[fact.slug])
            memo[fact.pk] = format_html('<a href="{}">{}</a>', href, fact.name)
    return memo


def sections(result) -> dict:
    """The parcours, gaps and nearby sections of the results page, joined from parts built once."""
    facts = [m.fact for matches in result.parcours.values() for m in matches]
    facts += [fact for gap in result.gaps for fact in gap.alternatives]
    links = programme_links(facts)
    parcours = [(stage, [(links[m.fact.pk], m) for m in ms]) for stage, ms in result.parcours.items()]
    gaps = [(gap, [(links[n["fact"].pk], n) for n in gap.nearest()]) for gap in result.gaps]
    return {
        "parcours_items": joined.parcours_items(parcours),
        "gap_items": joined.gap_items(gaps),
        "nearby_items": joined.nearby_items(door_cards(result.nearby)),
    }
