"""The results page's four lists, joined in Python from the parts rendered once (issue 15).

The template engine spends about 20 µs on each node it renders; the results page's loops (the
proposed programmes with their reasons, the parcours, the gaps, the doors nearby) made most of
its cost. Their fixed parts are already rendered once per programme, door and language
(`cards.py`); what a request adds is a handful of short texts (the reasons, where and why, a
deadline). These functions produce, byte for byte, what the loops of `orientation/results.html`
rendered before: every variable is escaped as the engine would (`conditional_escape`, numbers localised), the
messages are not (the engine marks a template's literal strings, hence their translations, safe), and the tests compare both renderings (tests/web/orientation/test_sections.py
and test_joined.py). The HTML of each item stays written here, beside the template that used
to hold it; change both together.
"""

from html import escape as html_escape

from django.urls import reverse
from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from essaim.web.routes import route
from essaim.web.templatetags.essaim_tags import label


def esc(value) -> str:
    """What the engine writes for `{{ value }}` (Django's `conditional_escape`, without its lazy
    wrapper: a quarter of this module's time)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_escape(str(value))


def _open_call(call) -> str:
    url = reverse("calls_public:call", args=[call.pk])
    date = esc(date_format(template_localtime(call.closes_at), "j F"))
    text = gettext("Appel ouvert jusqu'au %(date)s") % {"date": date}
    return (
        f'<p class="open-call"><a href="{url}">{text}</a>'
        f'<span class="visually-hidden"> : {esc(call.title)}</span></p>'
    )


def result_items(rows, querystring: str) -> SafeString:
    """The proposed programmes: (match, card, open call or None) → the list's items."""
    contact = gettext("Contacter ce dispositif")
    query = esc(querystring)
    parts = []
    for match, card, call in rows:
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in match.reasons)
        parts.append(
            f'\n    <li class="card result">\n      {card.start}        {reasons}\n      </ul>\n      '
            f"{_open_call(call) if call else ''}\n"
            f'      <p class="no-print"><a class="button" href="{esc(card.contact_url)}?{query}">'
            f"{contact}{card.end}    </li>\n    "
        )
    return SafeString("".join(parts))


def parcours_items(parcours) -> SafeString:
    """The parcours: (stage, [(link, match)…]) → the list's items."""
    nothing = gettext("Aucun dispositif ici pour cette étape.")
    parts = []
    for stage, matches in parcours:
        if matches:
            links = "".join(
                f'<li>{link} <span class="muted">— {esc(m.reasons[0])}</span></li>' for link, m in matches
            )
            body = f"\n      <ul>{links}</ul>\n      "
        else:
            body = f'<p class="gap">{nothing}</p>'
        parts.append(f"\n    <li><h3>{esc(label(stage, 'stage'))}</h3>\n      {body}\n    </li>\n    ")
    return SafeString("".join(parts))


def _nearest(link, item) -> str:
    place, km = item["place"], item["distance_km"]
    if not place and km is None:
        return str(link)
    distance = ""
    if km is not None:
        distance = gettext("à %(km)s km") % {"km": esc(localize(km))} + (", " if place else "")
    return f'{link} <span class="muted">({distance}{esc(place)})</span>'


def gap_items(gaps) -> SafeString:
    """The gaps: (gap, [(link, nearest item)…]) → the list's items."""
    uncovered = gettext("aucun dispositif d'appui à l'ESS ne couvre votre commune.")
    parts = []
    for gap, nearest in gaps:
        text = f"\n    <li><strong>{esc(label(gap.stage, 'stage'))}</strong> : {uncovered}\n      "
        if gap.alternatives:
            alternatives = ", ".join(_nearest(link, item) for link, item in nearest)
            text += f"{gettext('Au plus près')} ({esc(gap.where_label)}) :\n      {alternatives}.\n      "
        text += "\n      "
        if gap.doors:
            doors = ", ".join(
                f'<a href="#door-{esc(d.door.slug)}">{esc(d.door.name)}</a> <span class="muted">({esc(d.where)})</span>'
                for d in gap.doors
            )
            text += f"{gettext('Près de chez vous pour cette étape :')}\n      {doors}.\n      "
        elif not gap.alternatives:
            text += gettext("Aucune alternative connue.")
        parts.append(text + "\n    </li>\n    ")
    return SafeString("".join(parts))


def nearby_items(nearby) -> SafeString:
    """The doors near the carrier: (nearby match, door card) → the list's items."""
    return SafeString(
        "".join(
            f"\n{door.start}{esc(item.where)}{door.middle}{esc(item.why)}{door.end}    "
            for item, door in nearby
        )
    )


def territory_url(level: str, code: str) -> str:
    """`reverse("orientation:territory", args=[level, code])` (`essaim.web.routes.route`)."""
    return route("orientation:territory", level, code)


def territory_links(place) -> dict[str, str]:
    """The results page's links to the offer of the carrier's commune, département and région."""
    return {
        "commune": territory_url("commune", place.code),
        "departement": territory_url("departement", place.departement_id),
        "region": territory_url("region", place.region_id),
    }
